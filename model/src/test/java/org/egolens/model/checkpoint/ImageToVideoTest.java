package org.egolens.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.io.Safetensors;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.LoadReport;
import org.egolens.model.nn.ModelPresets;
import org.egolens.model.nn.NewParameters;
import org.egolens.model.nn.TemporalInit;
import org.egolens.model.nn.WeightLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.egolens.model.testing.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image → video (eva02-at-spec §1.2): an image checkpoint gets a new temporal table and, when E changes, new heads,
 * while every backbone tensor is loaded unchanged; a video checkpoint used with another T has its table interpolated.
 */
class ImageToVideoTest {
    @TempDir
    static Path tmp;
    private static Eva02AtClipModel source;
    private static Map<String, FloatTensor> eva;
    private static Path imageFile;

    @BeforeAll
    static void model() throws IOException {
        source = TinyCheckpoints.model(41);
        eva = TinyCheckpoints.imageStateDict(source);
        Path dir = Files.createDirectories(tmp.resolve("image"));
        Files.writeString(dir.resolve("config.json"), ModelPresets.get("tiny").toJson());
        imageFile = dir.resolve("eva02clip.safetensors");
        Safetensors.writeF32(imageFile, eva, Map.of());
    }

    @AfterAll
    static void close() {
        source.close();
    }

    private static FrameBatch image() {
        Random r = new Random(3);
        float[] v = new float[3 * 64 * 64];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new FrameBatch(v, 1, 3, 1, 64, 64);
    }

    private static float[] param(Eva02AtClipModel m, String key) {
        return WeightLoader.export(m.block()).get(key).data();
    }

    @Test
    void newEmbeddingSizeCreatesNewHeadsAndKeepsTheBackbone() throws IOException {
        try (Eva02AtClipModel m = CheckpointLoader.open(imageFile, LoadOptions.defaults().withEmbedDim(16))) {
            LoadReport r = m.loadReport().orElseThrow();
            assertTrue(r.ok(), r.describeProblems());
            assertEquals(NewParameters.HEADS, Set.copyOf(r.kept()));
            assertEquals(List.of(WeightLoader.TEMPORAL_EMBED), r.defaulted());
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("embedding size 32 -> 16: new projection heads")),
                    r.notes().toString());
            assertEquals(16, m.descriptor().embedDim());
            // backbone: tokens after the last block are the source model's, bit for bit
            assertArrayEquals(flat3(source.visionTokens(image(), false, 2)), flat3(m.visionTokens(image(), false, 2)));
            long[][] ids = {{49406, 320, 1125, 49407}};
            assertArrayEquals(flat3(source.textTokens(ids, 2)), flat3(m.textTokens(ids, 2)));
            // new heads: seeded init (ParameterInit): zero bias, truncated normal 0.02 weight, W^-1/2 text projection
            assertArrayEquals(new float[16], param(m, "visual.head.bias"));
            float[] w = param(m, "visual.head.weight");
            assertEquals(16 * 128, w.length);
            assertEquals(0.02, Stats.std(w), 0.003);
            for (float x : w) {
                assertTrue(Math.abs(x) <= 0.04f + 1e-6f);
            }
            assertEquals(Math.pow(64, -0.5), Stats.std(param(m, "text.text_projection")), 0.02);
            assertEquals(16, m.encodeTokenIdsRaw(ids)[0].length);
        }
    }

    @Test
    void zeroTemporalTableMakesAOneFrameVideoTheImage() throws IOException {
        try (Eva02AtClipModel m = CheckpointLoader.open(imageFile, LoadOptions.defaults().withNumFrames(1))) {
            assertArrayEquals(new float[128], param(m, WeightLoader.TEMPORAL_EMBED));
            assertTrue(m.loadReport().orElseThrow().notes().contains(
                    "frames: T = 1 (image checkpoint: new temporal_embed (1, 1, 128) of zeros)"));
            assertArrayEquals(source.encodeImagesRaw(image())[0], m.encodeVideosRaw(image())[0], 1e-5f);
        }
    }

    @Test
    void normalTemporalInitIsSeededAndSmall() throws IOException {
        LoadOptions o = LoadOptions.defaults().withTemporalInit(TemporalInit.NORMAL).withSeed(5);
        try (Eva02AtClipModel a = CheckpointLoader.open(imageFile, o);
                Eva02AtClipModel b = CheckpointLoader.open(imageFile, o);
                Eva02AtClipModel c = CheckpointLoader.open(imageFile, o.withSeed(6))) {
            float[] t = param(a, WeightLoader.TEMPORAL_EMBED);
            assertEquals(4 * 128, t.length);
            assertEquals(0.02, Stats.std(t), 0.003);
            assertArrayEquals(t, param(b, WeightLoader.TEMPORAL_EMBED), "same seed, same table");
            assertFalse(java.util.Arrays.equals(t, param(c, WeightLoader.TEMPORAL_EMBED)), "another seed");
            LoadReport r = a.loadReport().orElseThrow();
            assertEquals(List.of(WeightLoader.TEMPORAL_EMBED), r.kept());
            assertTrue(r.defaulted().isEmpty());
        }
    }

    @Test
    void videoCheckpointWithAnotherFrameCountIsInterpolatedAndSaysSo() throws IOException {
        Map<String, FloatTensor> video = new LinkedHashMap<>(eva);
        float[] t4 = new float[4 * 128];
        for (int f = 0; f < 4; f++) {
            for (int c = 0; c < 128; c++) {
                t4[f * 128 + c] = 0.01f * (f + 1) * (c % 7 - 3);
            }
        }
        video.put(WeightLoader.TEMPORAL_EMBED, new FloatTensor(new long[] {1, 4, 128}, t4));
        Path dir = Files.createDirectories(tmp.resolve("video"));
        Files.writeString(dir.resolve("config.json"), ModelPresets.get("tiny").toJson());
        Path file = dir.resolve("eva02at_t4.safetensors");
        Safetensors.writeF32(file, video, Map.of());
        try (Eva02AtClipModel m = CheckpointLoader.open(file, LoadOptions.defaults().withNumFrames(8))) {
            LoadReport r = m.loadReport().orElseThrow();
            assertEquals(List.of("visual.temporal_embed 4 -> 8 frames (bilinear)"), r.interpolated());
            assertTrue(r.notes().contains("frames: T = 8 (the checkpoint was trained with T = 4; temporal_embed"
                    + " interpolated bilinearly)"), r.notes().toString());
            assertEquals(8, m.descriptor().numFrames());
            float[] t8 = param(m, WeightLoader.TEMPORAL_EMBED);
            // align_corners=False, 4 -> 8: output frame i samples source position 0.5 i - 0.25, clamped to [0, 3]
            for (int c = 0; c < 128; c++) {
                assertEquals(t4[c], t8[c], 1e-7, "frame 0 = source frame 0 (clamped)");
                assertEquals(0.75 * t4[c] + 0.25 * t4[128 + c], t8[128 + c], 1e-7, "frame 1 at 0.25");
                assertEquals(0.75 * t4[128 + c] + 0.25 * t4[256 + c], t8[3 * 128 + c], 1e-7, "frame 3 at 1.25");
                assertEquals(t4[3 * 128 + c], t8[7 * 128 + c], 1e-7, "frame 7 = source frame 3 (clamped)");
            }
        }
        try (Eva02AtClipModel m = CheckpointLoader.open(file, LoadOptions.defaults())) {
            assertEquals(4, m.descriptor().numFrames(), "without a request, the checkpoint's own T");
            assertTrue(m.loadReport().orElseThrow().interpolated().isEmpty());
        }
    }

    private static float[] flat3(float[][][] x) {
        int n = x.length * x[0].length * x[0][0].length;
        float[] out = new float[n];
        int o = 0;
        for (float[][] a : x) {
            for (float[] b : a) {
                System.arraycopy(b, 0, out, o, b.length);
                o += b.length;
            }
        }
        return out;
    }
}
