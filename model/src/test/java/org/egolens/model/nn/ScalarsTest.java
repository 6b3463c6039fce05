package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The scalar that a tensor–scalar op's backward pass needs must survive garbage collection between forward and backward
 * (DJL's Number overloads close it at once; see {@link Scalars}).
 */
class ScalarsTest {
    private static void churnDirectMemory() {
        for (int k = 0; k < 5; k++) {
            System.gc();
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 16);
            while (b.hasRemaining()) {
                b.putFloat(Float.NaN);
            }
        }
    }

    @Test
    void gradientsOfScalarOpsAreRightAfterAGcBetweenForwardAndBackward() {
        try (NDManager m = NativeEngine.pytorch().newBaseManager()) {
            NDArray x = m.create(new float[] {-1f, 0.5f, 2f});
            x.setRequiresGradient(true);
            try (NDManager sub = m.newSubManager();
                 GradientCollector gc = NativeEngine.pytorch().newGradientCollector()) {
                NDArray y = Scalars.mul(x, 3f).add(Scalars.div(x, 4f)).add(Scalars.maximum(x, 0f))
                        .add(Scalars.minimum(x, 1f)).add(Scalars.swish(x, 1f)).sum();
                churnDirectMemory();
                gc.backward(y);
            }
            float[] g = x.getGradient().toFloatArray();
            float[] expected = new float[3];
            float[] xs = {-1f, 0.5f, 2f};
            for (int i = 0; i < 3; i++) {
                double s = 1 / (1 + Math.exp(-xs[i]));
                double swish = s + xs[i] * s * (1 - s); // d/dx x·σ(x)
                expected[i] = (float) (3 + 0.25 + (xs[i] > 0 ? 1 : 0) + (xs[i] < 1 ? 1 : 0) + swish);
            }
            assertArrayEquals(expected, g, 1e-5f);
        }
    }
}
