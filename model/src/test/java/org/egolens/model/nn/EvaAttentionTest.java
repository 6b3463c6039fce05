package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class EvaAttentionTest {
    /** Attention computed in blocks of query rows equals the one-shot softmax(q kᵀ) v. */
    @Test
    void blockedAttentionEqualsOneShot() {
        try (NDManager m = NativeEngine.pytorch().newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(3);
            NDArray q = m.randomNormal(new Shape(2, 3, 37, 8));
            NDArray kt = m.randomNormal(new Shape(2, 3, 8, 37));
            NDArray v = m.randomNormal(new Shape(2, 3, 37, 8));
            float[] whole = EvaAttention.attend(q, kt, v, 1, false).toFloatArray();
            // a row width this large forces one query row per block; 1/5 of the limit gives blocks of 5 rows
            float[] rowByRow = EvaAttention.attend(q, kt, v, EvaAttention.SCORE_BLOCK, false).toFloatArray();
            float[] fives = EvaAttention.attend(q, kt, v, EvaAttention.SCORE_BLOCK / 5, true).toFloatArray();
            assertArrayEquals(whole, rowByRow, 1e-6f);
            assertArrayEquals(whole, fives, 1e-6f);
            // and it is softmax(q kᵀ) v, checked by hand for one entry
            float[] qa = q.toFloatArray();
            float[] ka = kt.toFloatArray();
            float[] va = v.toFloatArray();
            int b = 1;
            int h = 2;
            int i = 11;
            int c = 5;
            double[] s = new double[37];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 37; j++) {
                for (int e = 0; e < 8; e++) {
                    s[j] += qa[((b * 3 + h) * 37 + i) * 8 + e] * ka[((b * 3 + h) * 8 + e) * 37 + j];
                }
                max = Math.max(max, s[j]);
            }
            double z = 0;
            double o = 0;
            for (int j = 0; j < 37; j++) {
                double p = Math.exp(s[j] - max);
                z += p;
                o += p * va[((b * 3 + h) * 37 + j) * 8 + c];
            }
            assertArrayEquals(new float[] {(float) (o / z)}, new float[] {whole[((b * 3 + h) * 37 + i) * 8 + c]}, 1e-5f);
        }
    }

    /**
     * Training through blocked attention, whose score, probability and block handles are closed during the forward
     * pass: the gradients of {@code Σ w ⊙ attend(q, kᵀ, v)} with respect to q, kᵀ and v match central finite
     * differences of the same function (ε = 10⁻², float32), with a garbage collection forced between forward and
     * backward so that freed memory would show.
     */
    @Test
    void gradientsThroughClosedBlocksMatchFiniteDifferences() {
        try (NDManager m = NativeEngine.pytorch().newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(5);
            NDArray q = m.randomNormal(new Shape(1, 2, 23, 4));
            NDArray kt = m.randomNormal(new Shape(1, 2, 4, 23));
            NDArray v = m.randomNormal(new Shape(1, 2, 23, 4));
            NDArray w = m.randomNormal(new Shape(1, 2, 23, 4));
            NDArray[] in = {q, kt, v};
            for (NDArray a : in) {
                a.setRequiresGradient(true);
            }
            float[][] grads = new float[3][];
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector();
                 NDManager step = m.newSubManager()) {
                NDArray out = EvaAttention.attend(q, kt, v, EvaAttention.SCORE_BLOCK / 5, true);
                NDArray loss = out.mul(w).sum();
                System.gc();
                gc.backward(loss);
                for (int t = 0; t < 3; t++) {
                    grads[t] = in[t].getGradient().toFloatArray();
                }
            }
            float[][] base = {q.toFloatArray(), kt.toFloatArray(), v.toFloatArray()};
            float[] wa = w.toFloatArray();
            java.util.Random r = new java.util.Random(6);
            float eps = 1e-2f;
            for (int t = 0; t < 3; t++) {
                for (int probe = 0; probe < 6; probe++) {
                    int e = r.nextInt(base[t].length);
                    double fd = (f(m, base, t, e, eps, wa) - f(m, base, t, e, -eps, wa)) / (2 * eps);
                    assertEquals(fd, grads[t][e], 5e-3 + 5e-3 * Math.abs(fd), "input " + t + " entry " + e);
                }
            }
        }
    }

    /** {@code Σ w ⊙ attend(q, kᵀ, v)} (inference path, one block) with entry e of input t moved by delta. */
    private static double f(NDManager m, float[][] base, int t, int e, float delta, float[] w) {
        try (NDManager s = m.newSubManager()) {
            NDArray[] in = new NDArray[3];
            Shape[] shapes = {new Shape(1, 2, 23, 4), new Shape(1, 2, 4, 23), new Shape(1, 2, 23, 4)};
            for (int i = 0; i < 3; i++) {
                float[] a = base[i].clone();
                if (i == t) {
                    a[e] += delta;
                }
                in[i] = s.create(a, shapes[i]);
            }
            float[] out = EvaAttention.attend(in[0], in[1], in[2], 1, false).toFloatArray();
            double sum = 0;
            for (int i = 0; i < out.length; i++) {
                sum += (double) out[i] * w[i];
            }
            return sum;
        }
    }
}
