package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.egolens.model.data.FrameBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Capture of the video tower's attention probabilities (off by default; exact softmax rows when on). */
class AttentionCaptureTest {
    private static Eva02AtClipModel model;
    private static FrameBatch clip;
    /** Multiplies q_proj and k_proj so that the random-init attention is far from uniform. */
    private static final float SHARPEN = 6f;

    @BeforeAll
    static void open() throws IOException {
        model = ModelFactory.open("tiny");
        Map<String, Parameter> p = ParameterNames.of(model.block());
        for (int l = 0; l < 2; l++) {
            for (String w : new String[] {"q_proj", "k_proj"}) {
                NDArray a = p.get("visual.blocks." + l + ".attn." + w + ".weight").getArray();
                float[] v = a.toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] *= SHARPEN;
                }
                a.set(v);
            }
        }
        clip = ModelFactoryTest.randomClips(1, 4, 5);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Acceptance: every captured row of the tiny model is a probability distribution (sums to 1 within 1e-5). */
    @Test
    void everyCapturedRowSumsToOne() {
        List<Integer> done = new ArrayList<>();
        AttentionCapture c = model.captureAttention(clip, AttentionRequest.all(), done::add);
        assertTrue(c.complete());
        assertEquals(List.of(0, 1), done);
        assertEquals(2, c.layers());
        assertEquals(4, c.heads());
        assertEquals(65, c.tokens());
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 4; h++) {
                for (int q = 0; q < 65; q++) {
                    double s = 0;
                    for (float v : c.row(l, 0, h, q)) {
                        assertTrue(v >= 0f);
                        s += v;
                    }
                    assertEquals(1.0, s, 1e-5, "layer " + l + " head " + h + " row " + q);
                }
            }
        }
    }

    /**
     * The captured rows equal {@code softmax(RoPE(q)·RoPE(k)/√d_h)} recomputed in Java from the block input (the tokens
     * after the previous blocks), the LayerNorm and projection weights and {@link Rope#angleTable}.
     */
    @Test
    void capturedRowsEqualAnIndependentSoftmaxOfRotatedScores() {
        AttentionCapture c = model.captureAttention(clip, AttentionRequest.all(), null);
        Map<String, Parameter> p = ParameterNames.of(model.block());
        VisionConfig v = model.config().vision();
        int d = v.width();
        int hd = v.headWidth();
        float[] angles = Rope.angleTable(RopeMode.ST, hd, 4, v.grid(), v.ptHwSeqLen());
        double maxProb = 0;
        for (int l = 0; l < 2; l++) {
            float[][] x = model.visionTokens(clip, true, l)[0];
            String pre = "visual.blocks." + l + ".";
            float[][] xn = layerNorm(x, values(p, pre + "norm1.weight"), values(p, pre + "norm1.bias"));
            float[][] q = linear(xn, values(p, pre + "attn.q_proj.weight"), values(p, pre + "attn.q_bias"), d);
            float[][] k = linear(xn, values(p, pre + "attn.k_proj.weight"), new float[d], d);
            int n = x.length;
            for (int h = 0; h < v.heads(); h++) {
                float[][] qh = new float[n][];
                float[][] kh = new float[n][];
                for (int i = 0; i < n; i++) {
                    float[] qi = java.util.Arrays.copyOfRange(q[i], h * hd, (h + 1) * hd);
                    float[] ki = java.util.Arrays.copyOfRange(k[i], h * hd, (h + 1) * hd);
                    if (i > 0) {
                        float[] a = java.util.Arrays.copyOfRange(angles, (i - 1) * hd, i * hd);
                        qi = Rope.rotate(qi, a);
                        ki = Rope.rotate(ki, a);
                    }
                    qh[i] = qi;
                    kh[i] = ki;
                }
                for (int i = 0; i < n; i++) {
                    double[] s = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        for (int e = 0; e < hd; e++) {
                            s[j] += (double) qh[i][e] * kh[j][e];
                        }
                        s[j] /= Math.sqrt(hd);
                        max = Math.max(max, s[j]);
                    }
                    double z = 0;
                    for (int j = 0; j < n; j++) {
                        s[j] = Math.exp(s[j] - max);
                        z += s[j];
                    }
                    float[] got = c.row(l, 0, h, i);
                    for (int j = 0; j < n; j++) {
                        assertEquals(s[j] / z, got[j], 2e-5, "layer " + l + " head " + h + " query " + i + " key " + j);
                        maxProb = Math.max(maxProb, got[j]);
                    }
                }
            }
        }
        assertTrue(maxProb > 0.3, "attention is far from uniform (1/65), so the comparison is not trivial: " + maxProb);
    }

    @Test
    void rowRequestsHoldTheSameRowsAndHeadMeansAsAFullCapture() {
        AttentionCapture all = model.captureAttention(clip, AttentionRequest.all(), null);
        AttentionCapture some = model.captureAttention(clip, AttentionRequest.rows(40, 0), null);
        AttentionCapture bare = model.captureAttention(clip, AttentionRequest.rowsOnly(7), null);
        assertArrayEquals(new int[] {0, 40}, some.queryTokens());
        assertTrue(some.hasRow(40) && !some.hasRow(39));
        assertTrue(some.hasHeadMeanMatrices());
        assertFalse(bare.hasHeadMeanMatrices());
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 4; h++) {
                assertArrayEquals(all.row(l, 0, h, 40), some.row(l, 0, h, 40), 1e-7f);
                assertArrayEquals(all.row(l, 0, h, 0), some.row(l, 0, h, 0), 1e-7f);
            }
            for (int q : new int[] {3, 64}) {
                float[] mean = new float[65];
                for (int h = 0; h < 4; h++) {
                    float[] r = all.row(l, 0, h, q);
                    for (int j = 0; j < 65; j++) {
                        mean[j] += r[j] / 4;
                    }
                }
                assertArrayEquals(mean, all.headMeanRow(l, 0, q), 1e-6f);
                assertArrayEquals(mean, some.headMeanRow(l, 0, q), 1e-6f, "head mean of a row that was not requested");
            }
            assertArrayEquals(all.headMeanRow(l, 0, 7), bare.headMeanRow(l, 0, 7), 1e-6f);
            float[] matrix = some.headMeanMatrix(l, 0);
            assertArrayEquals(all.headMeanRow(l, 0, 12), java.util.Arrays.copyOfRange(matrix, 12 * 65, 13 * 65), 1e-6f);
        }
        assertThrows(IllegalArgumentException.class, () -> some.row(0, 0, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> bare.headMeanRow(0, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> bare.headMeanMatrix(0, 0));
    }

    /** Capturing from query blocks (long sequences) gives the same probabilities as the one-shot softmax. */
    @Test
    void blockedAttentionIsCapturedExactly() {
        try (NDManager m = NativeEngine.pytorch().newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(11);
            NDArray q = m.randomNormal(new Shape(2, 3, 37, 8)).mul(2);
            NDArray kt = m.randomNormal(new Shape(2, 3, 8, 37));
            NDArray v = m.randomNormal(new Shape(2, 3, 37, 8));
            AttentionCapture whole = new AttentionCapture(AttentionRequest.all(), 1, 2, 3, 37, null);
            AttentionCapture blocked = new AttentionCapture(AttentionRequest.all(), 1, 2, 3, 37, null);
            AttentionCapture rows = new AttentionCapture(AttentionRequest.rows(4, 5, 36), 1, 2, 3, 37, null);
            float[] o1 = EvaAttention.attend(q, kt, v, 1, false, AttentionCapture.tapOf(whole.params(0))).toFloatArray();
            // blocks of 5 query rows: rows 4 and 5 fall into different blocks
            float[] o2 = EvaAttention.attend(q, kt, v, EvaAttention.SCORE_BLOCK / 5, false,
                    AttentionCapture.tapOf(blocked.params(0))).toFloatArray();
            EvaAttention.attend(q, kt, v, EvaAttention.SCORE_BLOCK / 5, false, AttentionCapture.tapOf(rows.params(0)));
            assertArrayEquals(o1, o2, 1e-6f);
            float[] scores = q.matMul(kt).softmax(-1).toFloatArray();
            for (int b = 0; b < 2; b++) {
                for (int h = 0; h < 3; h++) {
                    for (int i = 0; i < 37; i++) {
                        float[] want = java.util.Arrays.copyOfRange(scores, ((b * 3 + h) * 37 + i) * 37,
                                ((b * 3 + h) * 37 + i + 1) * 37);
                        assertArrayEquals(want, whole.row(0, b, h, i), 1e-7f);
                        assertArrayEquals(want, blocked.row(0, b, h, i), 1e-6f);
                        if (i == 4 || i == 5 || i == 36) {
                            assertArrayEquals(want, rows.row(0, b, h, i), 1e-6f);
                        }
                    }
                }
                assertArrayEquals(whole.headMeanMatrix(0, b), blocked.headMeanMatrix(0, b), 1e-6f);
                assertArrayEquals(whole.headMeanMatrix(0, b), rows.headMeanMatrix(0, b), 1e-6f);
            }
        }
    }

    @Test
    void captureLeavesTheModelUnchanged() {
        float[] before = model.encodeVideosRaw(clip)[0];
        model.captureAttention(clip, AttentionRequest.all(), null);
        assertArrayEquals(before, model.encodeVideosRaw(clip)[0], 0f);
    }

    @Test
    void refusesCapturesAboveTheLimitAndTokensOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.captureAttention(clip, AttentionRequest.all().withMaxBytes(100_000), null));
        // 2 layers x (4 heads + mean) x 65 x 65 floats = 169 000 bytes
        assertTrue(e.getMessage().contains("0.2 MB") && e.getMessage().contains("limit of 0.1 MB"), e.getMessage());
        assertEquals(2L * 5 * 65 * 65, AttentionRequest.all().floatsNeeded(2, 1, 4, 65));
        assertEquals(2L * (4 * 2 * 65 + 65 * 65), AttentionRequest.rows(1, 2).floatsNeeded(2, 1, 4, 65));
        assertEquals(2L * 4 * 65, AttentionRequest.rowsOnly(1).floatsNeeded(2, 1, 4, 65));
        e = assertThrows(IllegalArgumentException.class,
                () -> model.captureAttention(clip, AttentionRequest.rows(65), null));
        assertTrue(e.getMessage().contains("query token 65"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AttentionRequest.rows(3, 3));
        assertThrows(IllegalArgumentException.class,
                () -> model.captureAttention(ModelFactoryTest.randomClips(1, 2, 1), AttentionRequest.all(), null));
    }

    private static float[] values(Map<String, Parameter> p, String name) {
        return p.get(name).getArray().toFloatArray();
    }

    private static float[][] layerNorm(float[][] x, float[] g, float[] b) {
        float[][] out = new float[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            double mu = 0;
            for (float v : x[i]) {
                mu += v;
            }
            mu /= x[i].length;
            double var = 0;
            for (float v : x[i]) {
                var += (v - mu) * (v - mu);
            }
            var /= x[i].length;
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = (float) ((x[i][j] - mu) / Math.sqrt(var + VisionConfig.NORM_EPS) * g[j] + b[j]);
            }
        }
        return out;
    }

    /** {@code x Wᵀ + b} with W {@code (out, in)} row-major. */
    private static float[][] linear(float[][] x, float[] w, float[] b, int out) {
        int in = x[0].length;
        float[][] y = new float[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int e = 0; e < in; e++) {
                    s += (double) x[i][e] * w[o * in + e];
                }
                y[i][o] = (float) s;
            }
        }
        return y;
    }
}
