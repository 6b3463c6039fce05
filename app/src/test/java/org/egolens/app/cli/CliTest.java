package org.egolens.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.egolens.app.FakeBackend;
import org.egolens.app.TestClips;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.io.Npy;
import org.egolens.model.retrieval.EmbeddingIndex;
import org.egolens.model.retrieval.IndexFile;
import org.egolens.model.retrieval.IndexReport;
import org.egolens.model.retrieval.fakes.FakeVideoSource;
import org.egolens.model.retrieval.fakes.FakeVideoTextModel;
import org.egolens.model.retrieval.fakes.FakeVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path tmp;
    final FakeBackend backend = new FakeBackend();
    String out;
    String err;

    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = EgoLensCommand.execute(() -> backend, new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void indexThenSearchJsonRanksTheRedClipsFirst() throws IOException {
        Path clips = TestClips.write(tmp.resolve("clips"));
        FakeVideos.writeCorrupt(clips.resolve("zz_broken.mp4"));
        Path idx = tmp.resolve("out/clips.idx");
        assertEquals(0, run("index", "--clips", clips.toString(), "--model", "tiny", "--frames", "4", "--out",
                idx.toString(), "--batch", "3"), err);
        assertTrue(out.contains("indexed 10 of 11 clips (10 embedded, 0 resumed, 0 reused)"), out);
        assertTrue(out.contains("zz_broken"), out);
        EmbeddingIndex index = IndexFile.read(idx);
        assertEquals(10, index.size());
        assertEquals(List.of("zz_broken"), IndexReport.read(tmp.resolve("out/clips.report.json")).skipped().stream()
                .map(s -> s.clipId()).toList());

        assertEquals(0, run("search", "--index", idx.toString(), "--query", "a red vegetable", "--top-k", "4", "--json"),
                err);
        JsonNode arr = new ObjectMapper().readTree(out);
        assertEquals(4, arr.size());
        double prev = 2;
        for (int i = 0; i < 4; i++) {
            JsonNode h = arr.get(i);
            assertEquals(i + 1, h.get("rank").asInt());
            assertTrue(h.get("score").asDouble() <= prev);
            prev = h.get("score").asDouble();
            assertTrue(Files.isRegularFile(Path.of(h.get("path").asText())));
            assertEquals(0.0, h.get("start").asDouble());
        }
        // the two red clips come first (fake text tower: "red" → red direction)
        assertEquals(java.util.Set.of("P01_cutting_red_pepper", "P03_red_tomato_wash"),
                java.util.Set.of(arr.get(0).get("clip_id").asText(), arr.get(1).get("clip_id").asText()));
        // end = duration of that fake video (30 + 2·i frames at 10 fps)
        String first = arr.get(0).get("clip_id").asText();
        int i = List.copyOf(TestClips.CLIPS.keySet()).indexOf(first);
        assertEquals((30 + 2 * i) / 10.0, arr.get(0).get("end").asDouble(), 1e-9);

        // the score equals the cosine of the query and clip embeddings, computed here
        FakeVideoTextModel ref = new FakeVideoTextModel(FakeBackend.descriptor("tiny", 4));
        float[] q = ref.encodeTexts(List.of("a red vegetable"))[0];
        float[] v = ref.encodeVideos(new FakeVideoSource().sample(index.entry(index.indexOf(first).getAsInt()).window(),
                4, 32, null))[0];
        double cos = 0;
        for (int j = 0; j < q.length; j++) {
            cos += (double) q[j] * v[j];
        }
        assertEquals(cos, arr.get(0).get("score").asDouble(), 1e-5);

        assertEquals(0, run("search", "--index", idx.toString(), "--query", "blue", "--top-k", "2"), err);
        assertFalse(err.contains("note:"), err);
        String longQuery = "blue " + "very ".repeat(79) + "cup"; // 81 words: 83 tokens with SOT and EOT
        assertEquals(0, run("search", "--index", idx.toString(), "--query", longQuery, "--top-k", "2"), err);
        assertTrue(err.contains("note: the query is 83 tokens; the text encoder reads the first 77"), err);
        assertTrue(out.lines().findFirst().orElseThrow().contains("rank"), out);
        assertTrue(out.lines().skip(1).findFirst().orElseThrow().contains("P02_blue_cup_rinse"), out);

        // approximate search re-scoring every clip ranks exactly as the exact search; a fraction outside (0, 1] is refused
        String exact = out;
        assertEquals(0, run("search", "--index", idx.toString(), "--query", "blue", "--top-k", "2", "--approximate",
                "1"), err);
        assertEquals(exact, out);
        assertTrue(err.contains("approximate search: 10 of 10 clips re-scored exactly"), err);
        assertEquals(1, run("search", "--index", idx.toString(), "--query", "blue", "--approximate", "1.5"));
        assertTrue(err.contains("--approximate must be a fraction in (0, 1], got 1.5"), err);
        assertEquals(1, run("search", "--index", idx.toString(), "--query", "blue", "--approximate", "half"));
        assertTrue(err.contains("--approximate must be a fraction in (0, 1], got half"), err);
        // without a value: the defaults, whose floor of 2,500 re-scored clips covers this 10-clip index
        assertEquals(0, run("search", "--index", idx.toString(), "--query", "blue", "--top-k", "2", "--approximate"),
                err);
        assertEquals(exact, out);
        assertTrue(err.contains("approximate search: 10 of 10 clips re-scored exactly"), err);
    }

    @Test
    void annotationModeReadsWindowsAndFindsVideosByParticipant() throws IOException {
        Path root = tmp.resolve("videos");
        FakeVideos.write(root.resolve("P01/P01_01.mp4"), 10, 200, 64, 48, Color.RED);
        FakeVideos.write(root.resolve("P02/P02_03.MP4"), 10, 200, 64, 48, Color.BLUE);
        Path csv = Files.writeString(tmp.resolve("ann.csv"),
                "narration_id,participant_id,video_id,narration_timestamp,start_timestamp,stop_timestamp,start_frame,"
                        + "stop_frame,narration,verb,verb_class,noun,noun_class,all_nouns,all_noun_classes\n"
                        + "P01_01_0,P01,P01_01,00:00:01.000,00:00:00.50,00:00:02.25,5,22,open drawer,open,3,drawer,8,"
                        + "['drawer'],[8]\n"
                        + "P02_03_7,P02,P02_03,00:00:09.000,00:00:08.00,00:00:10.10,80,101,\"rinse cup, blue\",rinse,"
                        + "2,cup,13,['cup'],[13]\n"
                        + "P03_01_1,P03,P03_01,00:00:01.000,00:00:01.00,00:00:02.00,10,20,missing video,take,0,video,"
                        + "99,['video'],[99]\n");
        Path idx = tmp.resolve("ann.idx");
        assertEquals(0, run("index", "--annotations", csv.toString(), "--video-root", root.toString(), "--out",
                idx.toString()), err);
        EmbeddingIndex index = IndexFile.read(idx);
        assertEquals(List.of("P01_01_0", "P02_03_7"), index.entries().stream().map(e -> e.clipId()).toList());
        assertEquals(0.5, index.entry(0).startSec());
        assertEquals(2.25, index.entry(0).endSec());
        assertEquals(18, index.entry(0).frameCount()); // 1.75 s × 10 fps, rounded
        assertEquals(root.resolve("P02/P02_03.MP4"), index.entry(1).source());
        assertEquals(8.0, index.entry(1).startSec());
        assertTrue(out.contains("P03_01_1"), out);
    }

    @Test
    void embedVideoFromFramesNpyWritesRawOrNormalisedFeatures() throws IOException {
        FrameBatch a = new FakeVideoSource().sample(ClipWindow.whole("a", FakeVideos.write(tmp.resolve("a.mp4"), 10, 20,
                64, 48, Color.ORANGE)), 4, 32, null);
        FrameBatch b = new FakeVideoSource().sample(ClipWindow.whole("b", FakeVideos.write(tmp.resolve("b.mp4"), 10, 20,
                64, 48, Color.CYAN)), 4, 32, null);
        FrameBatch both = FrameBatch.stack(List.of(a, b));
        Path frames = tmp.resolve("frames.npy");
        Npy.writeFloats(frames, both.data(), 2, 3, 4, 32, 32);
        float[][] expected = new FakeVideoTextModel(FakeBackend.descriptor("tiny", 4)).rawVideoFeatures(both);

        Path raw = tmp.resolve("raw.npy");
        assertEquals(0, run("embed-video", "--model", "tiny", "--frames-npy", frames.toString(), "--out", raw.toString()),
                err);
        Npy.Array r = Npy.read(raw);
        assertArrayEquals(new long[] {2, 16}, r.shape());
        float[][] got = r.toFloatMatrix();
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(expected[i], got[i], 1e-7f);
        }
        double n0 = norm(got[0]);
        assertTrue(Math.abs(n0 - 1) > 1e-2, "raw features are not unit norm: " + n0);

        Path unit = tmp.resolve("unit.npy");
        assertEquals(0, run("embed-video", "--model", "tiny", "--frames-npy", frames.toString(), "--out", unit.toString(),
                "--normalize"), err);
        float[][] u = Npy.read(unit).toFloatMatrix();
        for (int i = 0; i < 2; i++) {
            assertEquals(1.0, norm(u[i]), 1e-6);
            for (int j = 0; j < 16; j++) {
                assertEquals(expected[i][j] / norm(expected[i]), u[i][j], 1e-6);
            }
        }
        assertEquals(0, run("embed-video", "--model", "tiny", "--frames-npy", frames.toString(), "--out", unit.toString(),
                "--no-normalize"), err);
        assertArrayEquals(expected[1], Npy.read(unit).toFloatMatrix()[1], 1e-7f);
    }

    @Test
    void embedVideoFromAWindowOfAVideo() throws IOException {
        Path v = FakeVideos.write(tmp.resolve("v.mp4"), 10, 100, 64, 48, Color.GREEN);
        Path o = tmp.resolve("v.npy");
        assertEquals(0, run("embed-video", "--model", "tiny", "--video", v.toString(), "--start", "2", "--end", "6",
                "--frames", "8", "--out", o.toString()), err);
        float[][] expected = new FakeVideoTextModel(FakeBackend.descriptor("tiny", 8))
                .rawVideoFeatures(new FakeVideoSource().sample(new ClipWindow("v", v, 2, 6), 8, 32, null));
        assertArrayEquals(expected[0], Npy.read(o).toFloatMatrix()[0], 1e-7f);
    }

    @Test
    void embedTextFromTextsAndFromIds() throws IOException {
        Path o = tmp.resolve("t.npy");
        assertEquals(0, run("embed-text", "--model", "tiny", "--text", "cut onion", "wash red plate", "--out",
                o.toString()), err);
        float[][] got = Npy.read(o).toFloatMatrix();
        float[][] expected = new FakeVideoTextModel(FakeBackend.descriptor("tiny", 4))
                .rawTextFeatures(List.of("cut onion", "wash red plate"));
        assertArrayEquals(expected[0], got[0], 1e-7f);
        assertArrayEquals(expected[1], got[1], 1e-7f);

        long[][] ids = FakeBackend.TOKENIZER.encode(List.of("take knife"));
        Path idsNpy = tmp.resolve("ids.npy");
        Npy.writeLongs(idsNpy, ids[0], 1, 77);
        assertEquals(0, run("embed-text", "--model", "tiny", "--ids-npy", idsNpy.toString(), "--out", o.toString()), err);
        assertArrayEquals(new FakeVideoTextModel(FakeBackend.descriptor("tiny", 4))
                .rawTextFeatures(List.of("take knife"))[0], Npy.read(o).toFloatMatrix()[0], 1e-7f);

        Path bad = tmp.resolve("bad_ids.npy");
        Npy.writeLongs(bad, new long[10], 2, 5);
        assertEquals(1, run("embed-text", "--model", "tiny", "--ids-npy", bad.toString(), "--out", o.toString()));
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("bad_ids.npy") && err.contains("[2, 5]"), err);
    }

    @Test
    void errorsAreOneLineUnlessVerbose() throws IOException {
        Path missing = tmp.resolve("nope.idx");
        assertEquals(1, run("search", "--index", missing.toString(), "--query", "x"));
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("egolens search: error: ") && err.contains("nope.idx"), err);
        assertFalse(err.contains("\tat "), err);

        assertEquals(1, run("search", "--index", missing.toString(), "--query", "x", "--verbose"));
        assertTrue(err.contains("\tat org.egolens"), err);

        assertEquals(2, run("index", "--clips", tmp.toString()));
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("--out"), err);

        Path clips = TestClips.write(tmp.resolve("c"));
        assertEquals(1, run("index", "--clips", clips.toString(), "--model", "huge", "--out", tmp.resolve("x.idx")
                .toString()));
        assertTrue(err.contains("unknown model preset 'huge'"), err);

        assertEquals(2, run("embed-video", "--model", "tiny", "--out", "x.npy"));
        assertEquals(2, run("frobnicate"));

        // a folder where a file is expected: said so, before any work (found by a new-user run)
        assertEquals(1, run("search", "--index", tmp.toString(), "--query", "x"));
        assertTrue(err.contains(tmp + " is a folder, not an index file"), err);
        assertEquals(1, run("index", "--clips", clips.toString(), "--model", "tiny", "--out", tmp.toString()));
        assertTrue(err.contains("--out " + tmp + " is a folder; give the index file to write"), err);
        assertFalse(Files.exists(Path.of(tmp + ".partial")), "nothing was embedded");
        assertEquals(1, run("index", "--clips", clips.toString(), "--frames", "0", "--out", "y.idx"));
        assertTrue(err.contains("got --frames 0 --batch"), err);
        // a bad --device is a usage error in picocli's words, without Java internals
        assertEquals(2, run("--device", "banana", "info"));
        assertTrue(err.contains("--device: unknown device 'banana'"), err);
        assertFalse(err.contains("Could not invoke"), err);
    }

    @Test
    void searchRefusesAnIndexOfAnotherModel() throws IOException {
        Path clips = TestClips.write(tmp.resolve("c"));
        Path idx = tmp.resolve("c.idx");
        assertEquals(0, run("index", "--clips", clips.toString(), "--model", "tiny", "--out", idx.toString()), err);
        assertEquals(1, run("search", "--index", idx.toString(), "--query", "red", "--model", "fake"));
        assertTrue(err.contains("rebuild the index"), err);
    }

    @Test
    void versionAndHelp() {
        assertEquals(0, run("--version"));
        assertTrue(out.startsWith("EgoLens 0."), out);
        assertEquals(0, run("--help"));
        for (String c : List.of("gui", "index", "search", "embed-video", "embed-text", "info")) {
            assertTrue(out.contains(c), c + " missing from help:\n" + out);
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
