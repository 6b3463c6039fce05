package org.egolens.model.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttentionRolloutTest {
    /**
     * Two layers of two tokens, by hand: Â_0 = ½A_0 + ½I = [[.6, .4], [.3, .7]], Â_1 = [[.5, .5], [.5, .5]], so
     * R_1 = Â_1·Â_0 has both rows (.45, .55).
     */
    @Test
    void twoTokensByHand() {
        List<float[]> a = List.of(new float[] {0.2f, 0.8f, 0.6f, 0.4f}, new float[] {0f, 1f, 1f, 0f});
        assertArrayEquals(new float[] {0.6f, 0.4f}, AttentionRollout.row(a, 2, 0, 0), 1e-7f);
        assertArrayEquals(new float[] {0.3f, 0.7f}, AttentionRollout.row(a, 2, 1, 0), 1e-7f);
        assertArrayEquals(new float[] {0.45f, 0.55f}, AttentionRollout.row(a, 2, 0, 1), 1e-7f);
        assertArrayEquals(new float[] {0.45f, 0.55f}, AttentionRollout.row(a, 2, 1, 1), 1e-7f);
        assertArrayEquals(new double[] {0.45, 0.55, 0.45, 0.55}, AttentionRollout.matrix(a, 2, 1), 1e-7);
    }

    /** The row-vector recursion equals a row of the left-to-right matrix product; rows stay distributions. */
    @Test
    void rowsEqualTheMatrixProduct() {
        int n = 7;
        Random r = new Random(2);
        List<float[]> a = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            float[] m = new float[n * n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    m[i * n + j] = (float) Math.exp(2 * r.nextGaussian());
                    s += m[i * n + j];
                }
                for (int j = 0; j < n; j++) {
                    m[i * n + j] /= (float) s;
                }
            }
            a.add(m);
        }
        for (int layer = 0; layer < 3; layer++) {
            double[] full = AttentionRollout.matrix(a, n, layer);
            for (int q = 0; q < n; q++) {
                float[] row = AttentionRollout.row(a, n, q, layer);
                double s = 0;
                for (int j = 0; j < n; j++) {
                    assertEquals(full[q * n + j], row[j], 1e-6, "layer " + layer + " row " + q + " col " + j);
                    s += row[j];
                }
                assertEquals(1.0, s, 1e-6);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> AttentionRollout.row(a, n, 7, 0));
        assertThrows(IllegalArgumentException.class, () -> AttentionRollout.row(a, n, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> AttentionRollout.row(a, 6, 0, 0));
    }
}
