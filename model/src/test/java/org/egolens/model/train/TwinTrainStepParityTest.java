package org.egolens.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.io.Npy;
import org.egolens.model.loss.SmsLoss;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelConfig;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.ModelPresets;
import org.egolens.model.nn.ParameterNames;
import org.egolens.model.nn.Twin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMS training step of the trainer's own path (forward both towers, L2 normalisation, {@link SmsLoss} Eq. 16, autograd,
 * {@link Gradients#clip}, {@link AdamW}) against the PyTorch twin ({@code eva02_at_twin.py step}: its own SMS loss, torch
 * autograd, {@code clip_grad_norm_}, {@code torch.optim.AdamW} with its own decay groups), from the same randomly
 * initialised {@code tiny-demo} weights on one batch whose relevancy block has all three Eq. 16 cases. Every parameter's
 * gradient and its value after the update must agree, so the Java training step is PyTorch's step, term for term.
 */
class TwinTrainStepParityTest {
    private static final Logger LOG = LoggerFactory.getLogger(TwinTrainStepParityTest.class);
    private static final int N = 8;
    private static final int T = 4;
    private static final double LR = 1e-3;
    /** Gradient tolerance, relative to the largest |gradient| of that parameter. */
    private static final double GRAD_REL_TOL = 1e-4;
    /** Weight tolerance after one update of size about LR. */
    private static final double WEIGHT_TOL = 5e-6;
    private static final float[] RELEVANCIES = {0f, 0.25f, 0.5f, 2f / 3f, 1f};

    @TempDir
    Path tmp;

    @BeforeAll
    static void needTorch() throws Exception {
        Twin.requireTorch();
    }

    @Test
    void oneSmsStepMatchesThePyTorchTwin() throws Exception {
        ModelConfig cfg = ModelPresets.get("tiny-demo").withNumFrames(T);
        try (Eva02AtClipModel model = ModelFactory.create(cfg, "tiny-demo", 3407L, null)) {
            Path dir = tmp.resolve("model");
            ModelFactory.save(model, dir);
            TrainBatch batch = batch(cfg, 5L);
            Path in = Files.createDirectories(tmp.resolve("inputs"));
            int s = cfg.vision().imageSize();
            Npy.writeFloats(in.resolve("frames.npy"), batch.frames().data(), N, 3, T, s, s);
            long[] flat = new long[N * cfg.text().contextLength()];
            for (int i = 0; i < N; i++) {
                System.arraycopy(batch.tokenIds()[i], 0, flat, i * cfg.text().contextLength(),
                        cfg.text().contextLength());
            }
            Npy.writeLongs(in.resolve("text_ids.npy"), flat, N, cfg.text().contextLength());
            float[] rel = new float[N * N];
            for (int a = 0; a < N; a++) {
                System.arraycopy(batch.relevancy()[a], 0, rel, a * N, N);
            }
            Npy.writeFloats(in.resolve("relevancy.npy"), rel, N, N);
            Path out = tmp.resolve("out");
            Twin.step(dir, in, out, 300, "--lr", Double.toString(LR), "--wd", "0.01", "--clip", "1.0");

            model.block().freezeParameters(false);
            ParameterNames.of(model.block()).get(TrainingModel.LOGIT_SCALE).freeze(true);
            List<TrainableParameter> params = TrainableParameter.of(model.block(), Set.of(TrainingModel.LOGIT_SCALE));
            float[] value = new float[1];
            Trainer.forwardBackward(model, new ParameterStore(model.manager(), false), SmsLoss.paperDefaults(), false,
                    batch, 1f, value);
            float twinLoss = Npy.read(out.resolve("loss.npy")).toFloats()[0];
            assertEquals(twinLoss, value[0], 1e-5, "SMS loss, Java vs twin");

            List<String> worst = new ArrayList<>();
            double worstRel = 0;
            for (TrainableParameter p : params) {
                NDArray g = p.parameter().getArray().getGradient();
                float[] java = g.toFloatArray();
                Npy.Array twin = Npy.read(out.resolve("grad." + p.name() + ".npy"));
                assertArrayEquals(g.getShape().getShape(), twin.shape(), p.name() + " gradient shape");
                double gd = relDiff(twin.toFloats(), java);
                worstRel = Math.max(worstRel, gd);
                if (gd > GRAD_REL_TOL) {
                    worst.add(p.name() + " " + gd);
                }
            }
            assertTrue(worst.isEmpty(), "gradients differing from the twin's (relative max abs): " + worst);

            double norm = Gradients.globalNorm(params);
            Gradients.clip(params, norm, 1.0);
            new AdamW(params, 0.9, 0.999, 1e-8, 0.01, model.manager()).step(LR);
            double worstW = 0;
            long compared = 0;
            long total = 0;
            for (TrainableParameter p : params) {
                float[] want = Npy.read(out.resolve("after." + p.name() + ".npy")).toFloats();
                float[] grad = Npy.read(out.resolve("grad." + p.name() + ".npy")).toFloats();
                float[] got = p.parameter().getArray().toFloatArray();
                double floor = GRAD_REL_TOL * maxAbs(grad);
                double d = 0;
                for (int i = 0; i < want.length; i++) {
                    total++;
                    // At step 1 Adam moves an element by about lr·g/(|g| + ε): where 0 < |g| is below the gradient
                    // comparison's noise floor its direction is not determined by either side, so it is not compared
                    // (g = 0, e.g. unused token rows, leaves only the weight decay and is compared).
                    if (grad[i] == 0f || Math.abs(grad[i]) > floor) {
                        compared++;
                        d = Math.max(d, Math.abs(want[i] - got[i]));
                    }
                }
                worstW = Math.max(worstW, d);
                assertTrue(d <= WEIGHT_TOL, p.name() + " after one AdamW step differs from the twin by " + d);
            }
            assertTrue(compared > 0.9 * total, "only " + compared + " of " + total + " weights above the noise floor");
            LOG.info("twin train step: loss {} vs {}, gradient norm {}, worst relative gradient difference {}, worst "
                    + "weight difference after AdamW {} ({} of {} weights compared)", value[0], twinLoss, norm, worstRel,
                    worstW, compared, total);
        }
    }

    private static double maxAbs(float[] x) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Max |a − b| over max |a| (0 when both are zero). */
    private static double relDiff(float[] want, float[] got) {
        double d = 0;
        double scale = 0;
        for (int i = 0; i < want.length; i++) {
            d = Math.max(d, Math.abs(want[i] - got[i]));
            scale = Math.max(scale, Math.abs(want[i]));
        }
        return scale == 0 ? d : d / scale;
    }

    /**
     * N random clips, N CLIP-style caption rows (SOT, random ids, EOT = the largest id, so EOT pooling picks it) and a
     * relevancy block with diagonal in {1/2, 2/3, 1} and off-diagonal entries in {0, 1/4, 1/2, 2/3, 1}, so that R is
     * positive, negative and zero in both directions.
     */
    private static TrainBatch batch(ModelConfig cfg, long seed) {
        Random r = new Random(seed);
        int s = cfg.vision().imageSize();
        float[] v = new float[N * 3 * T * s * s];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        int l = cfg.text().contextLength();
        long[][] ids = new long[N][l];
        List<String> captions = new ArrayList<>();
        for (long[] row : ids) {
            int len = 3 + r.nextInt(10);
            row[0] = 49406;
            for (int j = 1; j < len; j++) {
                row[j] = 1 + r.nextInt(49400);
            }
            row[len] = 49407;
            captions.add("caption " + captions.size());
        }
        float[][] rel = new float[N][N];
        for (int a = 0; a < N; a++) {
            for (int b = 0; b < N; b++) {
                rel[a][b] = a == b ? RELEVANCIES[2 + r.nextInt(3)] : RELEVANCIES[r.nextInt(RELEVANCIES.length)];
            }
        }
        return new TrainBatch(new FrameBatch(v, N, 3, T, s, s), ids, rel, captions);
    }
}
