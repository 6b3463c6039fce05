package org.egolens.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.egolens.model.io.Npy;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue acceptance: {@code egolens embed-video --model <reference folder> --frames-npy frames.npy} reproduces
 * {@code video_features.npy} of the official-code reference within 1e-4, and {@code embed-text --ids-npy} reproduces
 * {@code text_features.npy}.
 */
class EmbedReferenceTest {
    @TempDir
    Path tmp;

    @Test
    void embedVideoReproducesTheReferenceVideoFeatures() throws Exception {
        Path ref = SharedData.require("reference/eva02clip-tiny");
        Path out = tmp.resolve("video.npy");
        Cli.Result r = Cli.run("embed-video", "--model", ref, "--frames-npy", ref.resolve("frames.npy"), "--out", out);
        assertEquals(0, r.exitCode(), r.err());
        assertClose(Npy.read(ref.resolve("video_features.npy")), Npy.read(out), 1e-4);
    }

    @Test
    void embedTextReproducesTheReferenceTextFeatures() throws Exception {
        Path ref = SharedData.require("reference/eva02clip-tiny");
        Path out = tmp.resolve("text.npy");
        Cli.Result r = Cli.run("embed-text", "--model", ref, "--ids-npy", ref.resolve("text_ids.npy"), "--out", out);
        assertEquals(0, r.exitCode(), r.err());
        assertClose(Npy.read(ref.resolve("text_features.npy")), Npy.read(out), 1e-4);
    }

    private static void assertClose(Npy.Array expected, Npy.Array actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape());
        float[] e = expected.toFloats();
        float[] a = actual.toFloats();
        double max = 0;
        for (int i = 0; i < e.length; i++) {
            max = Math.max(max, Math.abs(e[i] - a[i]));
        }
        assertTrue(max <= tol, "max abs error " + max);
    }
}
