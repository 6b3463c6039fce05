package org.egolens.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.egolens.model.data.RandomResizedCrop;
import org.junit.jupiter.api.Test;

class RandomResizedCropTest {
    @Test
    void wholeFrameAtTheSameSizeIsTheIdentity() {
        float[] src = new float[2 * 3 * 4 * 4];
        for (int i = 0; i < src.length; i++) {
            src[i] = i * 0.5f;
        }
        float[] out = new float[src.length];
        new RandomResizedCrop(4, 1, 1).apply(src, 2, 3, 4, 4, new RandomResizedCrop.Box(0, 0, 4, 4), out, 0);
        assertArrayEquals(src, out, 0f);
    }

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        float[] src = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}; // one 4×4 plane
        float[] out = new float[4];
        new RandomResizedCrop(2, 1, 1).apply(src, 1, 1, 4, 4, new RandomResizedCrop.Box(0, 0, 4, 4), out, 0);
        assertArrayEquals(new float[] {(1 + 2 + 5 + 6) / 4f, (3 + 4 + 7 + 8) / 4f, (9 + 10 + 13 + 14) / 4f,
            (11 + 12 + 15 + 16) / 4f}, out, 1e-6f);
    }

    @Test
    void drawnBoxesStayInsideAndCoverTheScaleRange() {
        RandomResizedCrop c = new RandomResizedCrop(64, 0.5, 1.0);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            RandomResizedCrop.Box b = c.draw(128, 128, r);
            assertTrue(b.x() >= 0 && b.y() >= 0 && b.x() + b.w() <= 128 && b.y() + b.h() <= 128, b.toString());
            double area = (double) b.w() * b.h() / (128 * 128);
            assertTrue(area > 0.45 && area <= 1.0, "area fraction " + area);
        }
    }
}
