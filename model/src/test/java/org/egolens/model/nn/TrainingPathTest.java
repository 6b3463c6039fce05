package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The blocks support autograd (training=true keeps intermediates); a gradient agrees with finite differences. */
class TrainingPathTest {
    @Test
    void gradientsFlowAndMatchFiniteDifferences() throws IOException {
        try (Eva02AtClipModel m = ModelFactory.open("tiny")) {
            Map<String, Parameter> p = ParameterNames.of(m.block());
            // a non-zero temporal table so that its gradient is generic
            p.get(WeightLoader.TEMPORAL_EMBED).getArray().set(ramp(4 * 128));
            m.block().freezeParameters(false);
            ParameterStore ps = new ParameterStore(m.manager(), false);
            float[] clip = ModelFactoryTest.randomClips(1, 4, 11).data();
            float[] probe = ramp(32);
            float gradient;
            try (NDManager sub = m.manager().newSubManager()) {
                NDArray frames = sub.create(clip, new Shape(1, 3, 4, 64, 64));
                NDArray ids = sub.create(ModelFactoryTest.IDS[1], new Shape(1, 5));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDList out = m.block().forward(ps, new NDList(frames, ids), true);
                    NDArray loss = out.get(0).mul(sub.create(probe)).sum().add(out.get(1).sum()).add(out.get(2));
                    gc.backward(loss);
                }
                for (String k : new String[] {"visual.blocks.0.attn.q_proj.weight", "visual.patch_embed.proj.weight",
                    "text.transformer.resblocks.0.attn.in_proj_weight", "logit_scale"}) {
                    assertTrue(p.get(k).getArray().getGradient().abs().sum().getFloat() > 0, k + " has a gradient");
                }
                gradient = p.get(WeightLoader.TEMPORAL_EMBED).getArray().getGradient().toFloatArray()[3 * 128 + 5];
            }
            m.block().freezeParameters(true);
            float eps = 1e-2f;
            float[] te = p.get(WeightLoader.TEMPORAL_EMBED).getArray().toFloatArray();
            double[] f = new double[2];
            for (int s = 0; s < 2; s++) {
                float[] shifted = te.clone();
                shifted[3 * 128 + 5] += s == 0 ? eps : -eps;
                p.get(WeightLoader.TEMPORAL_EMBED).getArray().set(shifted);
                float[] v = m.encodeVideosRaw(new org.egolens.model.data.FrameBatch(clip, 1, 3, 4, 64, 64))[0];
                for (int i = 0; i < 32; i++) {
                    f[s] += (double) v[i] * probe[i];
                }
            }
            double numeric = (f[0] - f[1]) / (2 * eps);
            assertEquals(numeric, gradient, 2e-3 + 0.02 * Math.abs(numeric),
                    "d loss / d temporal_embed[3, 5]: autograd " + gradient + " vs finite difference " + numeric);
            assertTrue(Math.abs(numeric) > 1e-4, "the probed gradient is not trivially zero: " + numeric);
        }
    }

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = ((i * 7) % 13 - 6) * 0.05f;
        }
        return v;
    }
}
