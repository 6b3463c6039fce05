package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
}
