package org.egolens.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.egolens.app.FakeBackend;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.io.Npy;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code egolens convert} through picocli: the golden reference checkpoint becomes a model folder whose model
 * reproduces the reference features (1e-5); refusals exit 1 naming the problem and write nothing.
 */
class ConvertCommandTest {
    private static final String REF = "reference/eva02clip-tiny/";

    @TempDir
    Path tmp;
    String out;
    String err;

    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = EgoLensCommand.execute(FakeBackend::new, new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private static float[] npy(String name) throws IOException {
        return Npy.read(SharedData.require(REF + name)).toFloats();
    }

    private static void assertClose(String what, float[] want, float[][] got) {
        int i = 0;
        double max = 0;
        for (float[] row : got) {
            for (float v : row) {
                max = Math.max(max, Math.abs((double) v - want[i++]));
            }
        }
        assertEquals(want.length, i, what + " size");
        assertTrue(max <= 1e-5, what + ": max abs diff " + max);
    }

    @Test
    void convertsTheReferenceVideoModelAndItsFeaturesMatch() throws IOException {
        Path model = tmp.resolve("models/eva02at-tiny");
        assertEquals(0, run("convert", "--in", SharedData.require(REF + "model.pt").toString(), "--in",
                SharedData.require(REF + "video_model.safetensors").toString(), "--out", model.toString(),
                "--tokenizer", SharedData.require("tokenizer").toString()), err);
        assertTrue(out.contains("T = 4 frames"), out);
        assertTrue(out.contains("81 matched, 0 missing, 0 unexpected, 0 mis-shaped"), out);
        assertTrue(out.contains("layout: EVA-CLIP"), out);
        assertTrue(Files.isRegularFile(model.resolve("tokenizer.json")));
        assertTrue(out.contains("tokenizer reference: " + SharedData.require("tokenizer/bpe_simple_vocab_16e6.txt.gz")
                .toAbsolutePath().normalize()), out);
        assertFalse(out.contains("tokenizer: none"), out);
        Npy.Array frames = Npy.read(SharedData.require(REF + "frames.npy"));
        int[] s = frames.intShape();
        Npy.Array ids = Npy.read(SharedData.require(REF + "text_ids.npy"));
        long[] flat = ids.toLongs();
        long[][] rows = new long[3][77];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(flat, i * 77, rows[i], 0, 77);
        }
        try (Eva02AtClipModel m = ModelFactory.open(model.toString())) {
            assertClose("video_features", npy("video_features.npy"),
                    m.encodeVideosRaw(new FrameBatch(frames.toFloats(), s[0], s[1], s[2], s[3], s[4])));
            assertClose("text_features", npy("text_features.npy"), m.encodeTokenIdsRaw(rows));
        }
    }

    @Test
    void imageCheckpointWithNewEmbedSizeGetsNewHeadsListedInTheOutput() {
        Path model = tmp.resolve("eva02at-e16");
        assertEquals(0, run("convert", "--in", SharedData.require(REF + "model.safetensors").toString(), "--out",
                model.toString(), "--embed-dim", "16", "--frames", "8"), err);
        assertTrue(out.contains("E = 16, T = 8 frames"), out);
        assertTrue(out.contains("new (initialised, not loaded):\n  "), out);
        assertTrue(out.contains("text.text_projection") && out.contains("visual.head.weight"), out);
        assertTrue(out.contains("embedding size 32 -> 16"), out);
        assertTrue(out.contains("image checkpoint: new temporal_embed (1, 8, 128) of zeros"), out);
        assertTrue(out.contains("no tokenizer vocabulary given or found"), out);
        assertFalse(Files.exists(model.resolve("tokenizer.json")));
    }

    @Test
    void refusalsExitOneNamingTheProblemAndWriteNothing() throws IOException {
        Path model = tmp.resolve("never");
        assertEquals(1, run("convert", "--in", SharedData.require(REF + "video_model.safetensors").toString(),
                "--out", model.toString()), out);
        assertTrue(err.contains("an EVA02 vision tower alone") && err.contains("no text tower"), err);
        assertFalse(Files.exists(model));

        assertEquals(1, run("convert", "--in", SharedData.require(REF + "frames.npy").toString(), "--out",
                model.toString()), out);
        assertTrue(err.contains("frames.npy is a single NumPy .npy array"), err);

        Files.createDirectories(model);
        Files.writeString(model.resolve("notes.txt"), "mine");
        assertEquals(1, run("convert", "--in", SharedData.require(REF + "model.pt").toString(), "--out",
                model.toString()), out);
        assertTrue(err.contains("already holds files; pass --force"), err);
        assertEquals(0, run("convert", "--in", SharedData.require(REF + "model.pt").toString(), "--out",
                model.toString(), "--force"), err);
        assertEquals("mine", Files.readString(model.resolve("notes.txt")), "other files are left alone");
        assertTrue(Files.isRegularFile(model.resolve("model.safetensors")));

        assertEquals(2, run("convert", "--in", "x.pt", "--out", "y", "--temporal-init", "random"));
        assertTrue(err.contains("choose zeros or normal"), err);
    }
}
