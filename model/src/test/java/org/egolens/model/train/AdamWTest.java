package org.egolens.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.nn.NativeEngine;
import org.junit.jupiter.api.Test;

/** AdamW against PyTorch's torch.optim.AdamW update written out by hand for two steps. */
class AdamWTest {
    private static Parameter param(NDManager m, String name, float... values) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optInitializer((mgr, shape, dt) -> mgr.create(values, shape)).optShape(new Shape(values.length))
                .build();
        p.initialize(m, DataType.FLOAT32);
        p.getArray().setRequiresGradient(true);
        return p;
    }

    /** Sets the gradient of every parameter to {@code c} by back-propagating sum(w ⊙ c). */
    private static void gradient(NDManager m, List<TrainableParameter> ps, float[]... c) {
        try (NDManager sub = m.newSubManager();
             GradientCollector gc = NativeEngine.pytorch().newGradientCollector()) {
            NDArray loss = null;
            for (int i = 0; i < ps.size(); i++) {
                NDArray t = ps.get(i).parameter().getArray().mul(sub.create(c[i])).sum();
                loss = loss == null ? t : loss.add(t);
            }
            gc.backward(loss);
        }
    }

    /** One PyTorch AdamW step on a scalar weight; returns {w, m, v}. */
    private static double[] reference(double w, double m, double v, double g, int t, double lr, double wd) {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        w = w * (1 - lr * wd);
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g * g;
        double mHat = m / (1 - Math.pow(b1, t));
        double denom = Math.sqrt(v) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
        return new double[] {w - lr * mHat / denom, m, v};
    }

    @Test
    void twoStepsMatchTorchAdamWWithAndWithoutDecay() {
        try (NDManager m = NativeEngine.pytorch().newBaseManager()) {
            Parameter a = param(m, "w", 1f, -2f);
            Parameter b = param(m, "b", 0.5f, 3f);
            List<TrainableParameter> ps = List.of(new TrainableParameter("w", a, true),
                    new TrainableParameter("b", b, false));
            AdamW opt = new AdamW(ps, 0.9, 0.999, 1e-8, 0.01, m);
            float[][] g1 = {{0.3f, -1.5f}, {2f, 0.1f}};
            float[][] g2 = {{-0.2f, 0.4f}, {1f, -0.7f}};
            double[][] wa = {{1, 0, 0}, {-2, 0, 0}};
            double[][] wb = {{0.5, 0, 0}, {3, 0, 0}};
            double lr1 = 1e-2;
            double lr2 = 5e-3;
            gradient(m, ps, g1);
            opt.step(lr1);
            for (int i = 0; i < 2; i++) {
                wa[i] = reference(wa[i][0], wa[i][1], wa[i][2], g1[0][i], 1, lr1, 0.01);
                wb[i] = reference(wb[i][0], wb[i][1], wb[i][2], g1[1][i], 1, lr1, 0);
            }
            gradient(m, ps, g2);
            opt.step(lr2);
            for (int i = 0; i < 2; i++) {
                wa[i] = reference(wa[i][0], wa[i][1], wa[i][2], g2[0][i], 2, lr2, 0.01);
                wb[i] = reference(wb[i][0], wb[i][1], wb[i][2], g2[1][i], 2, lr2, 0);
            }
            assertArrayEquals(new float[] {(float) wa[0][0], (float) wa[1][0]}, a.getArray().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {(float) wb[0][0], (float) wb[1][0]}, b.getArray().toFloatArray(), 1e-6f);
            assertEquals(2, opt.updates());
            assertArrayEquals(new float[] {0f, 0f}, a.getArray().getGradient().toFloatArray(), 0f,
                    "step zeroes grads");
        }
    }

    @Test
    void restoredStateContinuesExactlyLikeTheOriginal() {
        try (NDManager m = NativeEngine.pytorch().newBaseManager()) {
            Parameter a = param(m, "w", 1f, -2f);
            Parameter c = param(m, "w", 1f, -2f);
            List<TrainableParameter> pa = List.of(new TrainableParameter("w", a, true));
            List<TrainableParameter> pc = List.of(new TrainableParameter("w", c, true));
            AdamW first = new AdamW(pa, 0.9, 0.999, 1e-8, 0.01, m);
            gradient(m, pa, new float[] {0.3f, -1.5f});
            first.step(1e-2);
            Map<String, FloatTensor> state = first.state();
            c.getArray().set(a.getArray().toFloatArray());
            AdamW second = new AdamW(pc, 0.9, 0.999, 1e-8, 0.01, m);
            second.restore(state, first.updates());
            gradient(m, pa, new float[] {-0.2f, 0.4f});
            gradient(m, pc, new float[] {-0.2f, 0.4f});
            first.step(5e-3);
            second.step(5e-3);
            assertArrayEquals(a.getArray().toFloatArray(), c.getArray().toFloatArray(), 0f);
        }
    }

    @Test
    void stateThatDoesNotFitIsRefusedWithTheKeys() {
        try (NDManager m = NativeEngine.pytorch().newBaseManager()) {
            Parameter a = param(m, "w", 1f, -2f);
            AdamW opt = new AdamW(List.of(new TrainableParameter("w", a, true)), 0.9, 0.999, 1e-8, 0.01, m);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.restore(Map.of(
                    "m.w", new FloatTensor(new long[] {3}, new float[3])), 1));
            assertEquals("optimizer state does not fit the model: m.w (shape (3), expected (2)) v.w (missing)",
                    e.getMessage());
        }
    }
}
