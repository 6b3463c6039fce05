package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.tokenize.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFactoryTest {
    @TempDir
    Path tmp;

    static FrameBatch randomClips(int b, int t, long seed) {
        Random r = new Random(seed);
        float[] v = new float[b * 3 * t * 64 * 64];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new FrameBatch(v, b, 3, t, 64, 64);
    }

    static final long[][] IDS = {{49406, 1688, 49407, 0, 0}, {49406, 320, 1125, 539, 49407}};

    @Test
    void presetIsDeterministicAndDescribed() throws IOException {
        FrameBatch clips = randomClips(1, 4, 1);
        try (Eva02AtClipModel a = ModelFactory.open("tiny"); Eva02AtClipModel b = ModelFactory.open("tiny", 4, null)) {
            assertArrayEquals(a.encodeVideosRaw(clips)[0], b.encodeVideosRaw(clips)[0]);
            ModelDescriptor d = a.descriptor();
            assertEquals(new ModelDescriptor("tiny", ModelPresets.get("tiny").hash(), 4, 64, 32), d);
            assertEquals(20f, a.logitScale(), 1e-4f, "temperature 0.05");
            float[] u = a.encodeVideos(clips)[0];
            double n = 0;
            for (float x : u) {
                n += x * x;
            }
            assertEquals(1.0, n, 1e-5, "unit length");
        }
        try (Eva02AtClipModel c = ModelFactory.create(ModelPresets.get("tiny"), "other", 9, null);
                Eva02AtClipModel a = ModelFactory.open("tiny")) {
            assertTrue(Golden.maxAbsDiff(a.encodeVideosRaw(clips)[0], c.encodeVideosRaw(clips)[0]) > 1e-3,
                    "another seed gives another model");
        }
    }

    @Test
    void anIdBeyondACutVocabularyIsRefusedNamingTheVocabularySize() {
        try (Eva02AtClipModel m = ModelFactory.create(ModelPresets.get("tiny").withVocabSize(600), "cut", 9, null)) {
            assertEquals(1, m.encodeTokenIds(new long[][] {{598, 7, 599, 0, 0}}).length, "ids below 600 are read");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.encodeTokenIds(IDS));
            assertTrue(e.getMessage().contains("id 49406 outside [0, 600), this model's vocabulary"),
                    e.getMessage());
        }
    }

    @Test
    void saveThenLoadReproducesTheModel() throws IOException {
        FrameBatch clips = randomClips(2, 8, 2);
        try (Eva02AtClipModel a = ModelFactory.open("tiny-demo", 8, null)) {
            // a non-zero temporal table must survive the round trip
            ParameterNames.of(a.block()).get(WeightLoader.TEMPORAL_EMBED).getArray().set(ramp(8 * 128));
            ModelFactory.save(a, tmp.resolve("m"));
            assertTrue(Files.isRegularFile(tmp.resolve("m/config.json")));
            try (Eva02AtClipModel b = ModelFactory.open(tmp.resolve("m").toString())) {
                assertEquals(a.config(), b.config());
                assertEquals(a.descriptor().configHash(), b.descriptor().configHash());
                assertEquals(8, b.descriptor().numFrames());
                assertTrue(b.loadReport().orElseThrow().ok());
                assertArrayEquals(Golden.flat(a.encodeVideosRaw(clips)), Golden.flat(b.encodeVideosRaw(clips)));
                assertArrayEquals(Golden.flat(a.encodeTokenIdsRaw(IDS)), Golden.flat(b.encodeTokenIdsRaw(IDS)));
            }
        }
    }

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i % 17) * 0.01f;
        }
        return v;
    }

    @Test
    void largeBatchesAreSplitWithoutChangingResults() throws IOException {
        int b = Eva02AtClipModel.VIDEO_CHUNK + 2;
        FrameBatch clips = randomClips(b, 4, 4);
        try (Eva02AtClipModel m = ModelFactory.open("tiny")) {
            float[][] all = m.encodeVideosRaw(clips);
            assertEquals(b, all.length);
            int last = b - 1;
            float[] one = java.util.Arrays.copyOfRange(clips.data(), last * clips.clipSize(), b * clips.clipSize());
            assertArrayEquals(m.encodeVideosRaw(new FrameBatch(one, 1, 3, 4, 64, 64))[0], all[last], 1e-5f);
        }
    }

    @Test
    void textsGoThroughTheTokenizer() throws IOException {
        Tokenizer tok = new Tokenizer() {
            @Override
            public long[][] encode(List<String> texts) {
                return texts.stream().map(s -> s.equals("open fridge") ? IDS[0] : IDS[1]).toArray(long[][]::new);
            }

            @Override
            public int contextLength() {
                return 5;
            }

            @Override
            public int vocabularySize() {
                return 49408;
            }
        };
        try (Eva02AtClipModel m = ModelFactory.open("tiny", 0, tok); Eva02AtClipModel bare = ModelFactory.open("tiny")) {
            assertArrayEquals(Golden.flat(m.encodeTokenIds(IDS)), Golden.flat(m.encodeTexts(List.of("open fridge", "x"))));
            assertThrows(IllegalStateException.class, () -> bare.encodeTexts(List.of("open fridge")));
        }
    }

    @Test
    void badInputsAreRefusedClearly() throws IOException {
        try (Eva02AtClipModel m = ModelFactory.open("tiny")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.encodeTokenIdsRaw(new long[][] {{49406, 49408}}));
            assertTrue(e.getMessage().contains("row 0") && e.getMessage().contains("49408"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.encodeTokenIdsRaw(new long[][] {{1, 2}, {1}}));
            assertThrows(IllegalArgumentException.class, () -> m.encodeTokenIdsRaw(new long[][] {new long[78]}));
            m.close();
            assertThrows(IllegalStateException.class, () -> m.encodeVideosRaw(randomClips(1, 4, 5)));
        }
        IOException e = assertThrows(IOException.class, () -> ModelFactory.open("no-such-model"));
        assertTrue(e.getMessage().contains("eva02-at-b16"), e.getMessage());
        Files.writeString(tmp.resolve("config.json"), ModelPresets.get("tiny").toJson());
        IOException e2 = assertThrows(IOException.class, () -> ModelFactory.open(tmp.toString()));
        assertTrue(e2.getMessage().contains("no weights"), e2.getMessage());
    }
}
