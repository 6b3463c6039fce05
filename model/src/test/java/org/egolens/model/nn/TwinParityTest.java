package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.io.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PyTorch twin ({@code experiments/twin/eva02_at_twin.py}) against the Java model: a tiny EVA02-AT (T = 4) with every
 * parameter perturbed away from its init (so zero biases, the zero temporal table and unit LayerNorm weights are not
 * special), saved with {@link ModelFactory#save}, is run by both on the same random clips and token rows; video features,
 * block-0 video tokens and text features must agree within {@value #TOL} (max abs). The twin is what EgoLens's GPU
 * figures are measured with (docs: gpu-notes), so this test is what makes those figures EgoLens's architecture.
 */
class TwinParityTest {
    private static final Logger LOG = LoggerFactory.getLogger(TwinParityTest.class);
    private static final double TOL = 1e-5;
    private static final long TIMEOUT_S = 120;
    private static final int T = 4;

    @TempDir
    Path tmp;

    @BeforeAll
    static void needTorch() throws Exception {
        Twin.requireTorch();
    }

    @ParameterizedTest
    @EnumSource(value = RopeMode.class, names = {"ST", "SPLIT3D", "SPATIAL"})
    void twinMatchesJavaModel(RopeMode mode) throws Exception {
        ModelConfig cfg = ModelPresets.get("tiny").withNumFrames(T).withRopeMode(mode);
        try (Eva02AtClipModel model = ModelFactory.create(cfg, "tiny-" + mode.jsonName(), 7L, null)) {
            perturb(model, 11L);
            Path dir = tmp.resolve("model");
            ModelFactory.save(model, dir);
            Path in = Files.createDirectories(tmp.resolve("inputs"));
            FrameBatch frames = randomFrames(2, T, cfg.vision().imageSize(), 21L);
            long[][] ids = randomIds(3, cfg.text().contextLength(), 31L);
            Npy.writeFloats(in.resolve("frames.npy"), frames.data(), 2, 3, T, cfg.vision().imageSize(),
                    cfg.vision().imageSize());
            Npy.writeLongs(in.resolve("text_ids.npy"), Golden.flatIds(ids), ids.length, ids[0].length);
            Path out = tmp.resolve("out");
            Twin.parity(dir, in, out, TIMEOUT_S);

            double dv = compare(out, "video_features.npy", Golden.flat(model.encodeVideosRaw(frames)), 2, 32);
            double dt = compare(out, "video_tokens_block0.npy", Golden.flat(model.visionTokens(frames, true, 1)),
                    2, 1 + T * 16, 128);
            double dx = compare(out, "text_features.npy", Golden.flat(model.encodeTokenIdsRaw(ids)), 3, 32);
            LOG.info("twin vs Java, rope {}: video features {}, block-0 tokens {}, text features {}", mode, dv, dt, dx);
        }
    }

    /** The twin alone on the golden folder (two weight files, RoPE buffers to ignore) against the reference outputs. */
    @Test
    void twinReproducesGoldenReference() throws Exception {
        Path g = Golden.dir();
        Path out = tmp.resolve("golden-out");
        Twin.parity(g, g, out, TIMEOUT_S);
        for (String name : new String[] {"video_features.npy", "video_tokens_block0.npy", "text_features.npy",
            "text_tokens_block0.npy", "image_features.npy"}) {
            Npy.Array want = Golden.npy(name);
            Npy.Array got = Npy.read(out.resolve(name));
            assertArrayEquals(want.shape(), got.shape(), name);
            Golden.assertClose(name, want.toFloats(), got.toFloats(), TOL);
        }
        Golden.assertClose("logits (image-text)", Golden.npy("logits.npy").toFloats(),
                Npy.read(out.resolve("image_logits.npy")).toFloats(), TOL);
    }

    private static double compare(Path out, String name, float[] java, long... shape) throws IOException {
        Npy.Array twin = Npy.read(out.resolve(name));
        assertArrayEquals(shape, twin.shape(), name + " shape");
        return Golden.assertClose(name + " (twin vs Java)", java, twin.toFloats(), TOL);
    }

    /** Adds {@code 0.02·N(0, 1)} to every parameter, seeded, so that no parameter keeps a structural value. */
    private static void perturb(Eva02AtClipModel model, long seed) {
        Random r = new Random(seed);
        for (Map.Entry<String, Parameter> e : ParameterNames.of(model.block()).entrySet()) {
            NDArray a = e.getValue().getArray();
            float[] v = a.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (0.02 * r.nextGaussian());
            }
            a.set(v);
        }
    }

    private static FrameBatch randomFrames(int b, int t, int s, long seed) {
        Random r = new Random(seed);
        float[] v = new float[b * 3 * t * s * s];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new FrameBatch(v, b, 3, t, s, s);
    }

    /** CLIP-style rows: SOT 49406, 3..20 random ids, EOT 49407, zero padding. */
    private static long[][] randomIds(int n, int l, long seed) {
        Random r = new Random(seed);
        long[][] ids = new long[n][l];
        for (long[] row : ids) {
            int len = 4 + r.nextInt(18);
            row[0] = 49406;
            for (int j = 1; j < len; j++) {
                row[j] = 1 + r.nextInt(49400);
            }
            row[len] = 49407;
        }
        return ids;
    }
}
