package org.egolens.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.egolens.model.io.Npy;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint issue acceptance from the command line: {@code egolens convert} turns the official-code PyTorch checkpoints
 * ({@code model.pt}, the DDP-wrapped {@code model_ddp.pt}; plus {@code video_model.safetensors} for the temporal table)
 * into a model folder, and {@code embed-video --frames-npy} / {@code embed-text --ids-npy} on that folder reproduce the
 * reference {@code video_features.npy} and {@code text_features.npy} within 1e-5.
 */
class ConvertThenEmbedTest {
    @TempDir
    Path tmp;

    @Test
    void convertPlainAndDdpCheckpointsThenEmbed() throws Exception {
        Path ref = SharedData.require("reference/eva02clip-tiny");
        for (String ckpt : new String[] {"model.pt", "model_ddp.pt"}) {
            Path dir = tmp.resolve(ckpt.replace('.', '_'));
            Cli.Result c = Cli.run("convert", "--in", ref.resolve(ckpt), "--in", ref.resolve("video_model.safetensors"),
                    "--config", ref.resolve("config.json"), "--out", dir);
            assertEquals(0, c.exitCode(), c.err());
            assertTrue(Files.isRegularFile(dir.resolve("config.json")) && Files.isRegularFile(dir.resolve("model.safetensors")));

            Path video = tmp.resolve(ckpt + "-video.npy");
            Cli.Result v = Cli.run("embed-video", "--model", dir, "--frames-npy", ref.resolve("frames.npy"), "--out", video);
            assertEquals(0, v.exitCode(), v.err());
            assertClose(Npy.read(ref.resolve("video_features.npy")), Npy.read(video), 1e-5, ckpt + " video");

            Path text = tmp.resolve(ckpt + "-text.npy");
            Cli.Result t = Cli.run("embed-text", "--model", dir, "--ids-npy", ref.resolve("text_ids.npy"), "--out", text);
            assertEquals(0, t.exitCode(), t.err());
            assertClose(Npy.read(ref.resolve("text_features.npy")), Npy.read(text), 1e-5, ckpt + " text");
        }
    }

    private static void assertClose(Npy.Array expected, Npy.Array actual, double tol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        float[] e = expected.toFloats();
        float[] a = actual.toFloats();
        double max = 0;
        for (int i = 0; i < e.length; i++) {
            max = Math.max(max, Math.abs(e[i] - a[i]));
        }
        assertTrue(max <= tol, what + ": max abs error " + max);
    }
}
