package org.egolens.app.ui.attention;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.WarmUpTracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.egolens.model.data.ClipNormalization;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.SampledClip;
import org.egolens.model.data.demo.ClipBoxes;
import org.egolens.model.data.demo.DemoClipStream;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.data.demo.DemoSample;
import org.egolens.model.data.demo.ProgressListener;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.egolens.model.inspect.AttentionInBoxes;
import org.egolens.model.inspect.BoxAttentionSurvey;
import org.egolens.model.inspect.HeadSelection;
import org.egolens.model.inspect.ModelAttentionProbe;
import org.egolens.model.inspect.PatchMap;
import org.egolens.model.inspect.QueryToken;
import org.egolens.model.loss.InfoNceLoss;
import org.egolens.model.loss.LossTerms;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.ParameterNames;
import org.egolens.model.testing.SharedData;
import org.egolens.model.tokenize.ClipBpeTokenizer;
import org.egolens.viewer.attention.AttentionStripRenderer;
import org.egolens.viewer.attention.FrameImages;
import org.egolens.viewer.attention.StripLayout;
import org.egolens.viewer.attention.StripStyle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance measurement for the attention inspection (not a unit test; runs only with {@code -Degolens.bench=true}):
 * share of the CLS attention rollout (last layer) on the demo generator's hand and object boxes, against the share of
 * patches those boxes cover, for a randomly initialised model and for the same model after a short video-text
 * contrastive training (InfoNCE, τ = 0.05, AdamW) on fresh demo clips (same kitchens, new scenes; rendered at the
 * workspace's 128 px and 2×2-averaged to the model's 64 px). The measurement runs on the test split of a generated demo
 * workspace through the real decoder. Writes {@code target/attention-bench/summary.json}, strips of a few clips with the
 * box patches outlined, and the trained model folder.
 *
 * <pre>mvn -B -o -pl model,viewer,app -am test -Pheadless -Dtest=AttentionBoxesBench -Degolens.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Degolens.bench.steps=600] [-Degolens.bench.model=tiny-demo]
 *     [-Degolens.bench.trained=RUN/best]</pre>
 * With {@code egolens.bench.trained} (a model folder, e.g. the {@code best/} of an {@code egolens train} run) that
 * model is measured instead of the bench's own short training.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "egolens.bench", matches = "true")
class AttentionBoxesBench {
    private static final Logger LOG = LoggerFactory.getLogger(AttentionBoxesBench.class);
    private static final int T = 4;

    @Test
    void clsRolloutOnBoxesRandomVersusTrained() throws Exception {
        String preset = System.getProperty("egolens.bench.model", "tiny-demo");
        int steps = Integer.getInteger("egolens.bench.steps", 600);
        int batch = Integer.getInteger("egolens.bench.batch", 32);
        int testClips = Integer.getInteger("egolens.bench.clips", 80);
        float lr = Float.parseFloat(System.getProperty("egolens.bench.lr", "5e-4"));
        Path out = Path.of("target", "attention-bench");
        Path ws = out.resolve("demo");
        DemoConfig cfg = DemoConfig.defaults().withClips(20, testClips, 0);
        if (!DemoDataset.isComplete(ws)) {
            long t0 = System.nanoTime();
            DemoDataset.generate(cfg, ws, ProgressListener.NONE);
            LOG.info("demo workspace generated in {} s", (System.nanoTime() - t0) / 1_000_000_000L);
        }
        ClipBpeTokenizer tok = ClipBpeTokenizer.load(SharedData.require("tokenizer/bpe_simple_vocab_16e6.txt.gz"));
        JavaCvVideoSource video = new JavaCvVideoSource();
        Map<String, Object> summary = new LinkedHashMap<>();
        try (Eva02AtClipModel model = ModelFactory.open(preset, T, tok)) {
            ModelAttentionProbe probe = new ModelAttentionProbe(model); // closed with the model
            summary.put("random_init", survey(probe, video, ws, testClips, out, "random"));
            String trainedDir = System.getProperty("egolens.bench.trained");
            if (trainedDir != null) {
                // a model trained by `egolens train` (e.g. <run>/best): measured as it is
                try (Eva02AtClipModel trained = ModelFactory.load(Path.of(trainedDir), T, tok)) {
                    summary.put("training", Map.of("model_folder", Path.of(trainedDir).toAbsolutePath().toString()));
                    summary.put("trained", survey(new ModelAttentionProbe(trained), video, ws, testClips, out,
                            "trained"));
                }
            } else {
                long t0 = System.nanoTime();
                Map<String, Object> training = train(model, tok, cfg, steps, batch, lr);
                training.put("seconds", (System.nanoTime() - t0) / 1e9);
                summary.put("training", training);
                summary.put("trained", survey(probe, video, ws, testClips, out, "trained"));
                ModelFactory.save(model, out.resolve("trained-" + preset));
            }
        }
        summary.put("model", preset);
        summary.put("frames", T);
        summary.put("map", "CLS attention rollout, last layer; boxes: acting hand(s) + narrated objects");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("summary.json").toFile(),
                summary);
        LOG.info("summary: {}", summary);
    }

    private static Map<String, Object> survey(ModelAttentionProbe probe, JavaCvVideoSource video, Path ws, int clips,
            Path out, String tag) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        for (AttentionInBoxes.Boxes which : AttentionInBoxes.Boxes.values()) {
            BoxAttentionSurvey.Summary s = new BoxAttentionSurvey(probe, video, which, HeadSelection.ROLLOUT,
                    QueryToken.CLS).run(ws, "test", clips);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clips", s.clips());
            m.put("mass_inside", s.meanMassInside());
            m.put("area_inside", s.meanAreaInside());
            m.put("ratio", s.ratio());
            m.put("clips_above_area", s.fractionAboveArea());
            r.put(which.name().toLowerCase(Locale.ROOT), m);
        }
        strips(probe, video, ws, out, tag);
        return r;
    }

    /** Strips of the first three test clips with the action-box patches outlined in cyan. */
    private static void strips(ModelAttentionProbe probe, JavaCvVideoSource video, Path ws, Path out, String tag)
            throws IOException {
        List<Ek100Clip> clips = Ek100Csv.readClips(DemoDataset.retrievalCsv(ws, "test", false));
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        for (Ek100Clip c : clips.subList(0, 3)) {
            ClipBoxes b = ClipBoxes.read(ws.resolve(DemoDataset.BOXES_DIR).resolve(c.narrationId() + ".json"));
            SampledClip s = video.sampleClip(new ClipWindow(c.narrationId(), DemoDataset.videoFile(ws, c.participantId(),
                    c.videoId()), c.startSec(), c.stopSec()), T, probe.imageSize(), null);
            List<List<double[]>> perFrame = new ArrayList<>();
            for (long idx : s.frameIndices()) {
                perFrame.add(AttentionInBoxes.boxesAt(b, idx, AttentionInBoxes.Boxes.ACTION));
            }
            boolean[] mask = AttentionInBoxes.patchMask(probe.grid(), probe.patchSize(), b.frameSize(), b.frameSize(),
                    perFrame);
            PatchMap map = probe.capture(s.frames(), QueryToken.CLS, null).map(probe.layers() - 1, HeadSelection.ROLLOUT,
                    QueryToken.CLS);
            AttentionInBoxes.Share share = AttentionInBoxes.share(map, mask);
            StripStyle style = StripStyle.defaults().withTile(160).withCaption(String.format(Locale.ROOT,
                    "%s (%s) \u00b7 %s \u201c%s\u201d \u00b7 CLS rollout \u00b7 mass on boxes %.3f vs area %.3f", probe.modelId(),
                    tag, c.narrationId(), c.narration(), share.massInside(), share.areaInside()));
            BufferedImage img = AttentionStripRenderer.render(FrameImages.of(s.frames(), 0), map, style);
            StripLayout lay = AttentionStripRenderer.layout(map.grid(), style);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(0x37e0ff));
            g.setStroke(new BasicStroke(1.5f));
            int gg = map.grid().grid();
            for (int i = 0; i < mask.length; i++) {
                if (mask[i]) {
                    int t = i / (gg * gg);
                    int h = (i / gg) % gg;
                    int w = i % gg;
                    int x = lay.tileX(t) + lay.cellStart(w);
                    int y = lay.top() + lay.cellStart(h);
                    g.drawRect(x + 1, y + 1, lay.cellStart(w + 1) - lay.cellStart(w) - 3,
                            lay.cellStart(h + 1) - lay.cellStart(h) - 3);
                }
            }
            g.dispose();
            ImageIO.write(img, "png", dir.resolve("boxes-" + tag + "-" + c.narrationId() + ".png").toFile());
        }
    }

    /** InfoNCE video-text training on fresh demo clips; returns the loss curve. */
    private static Map<String, Object> train(Eva02AtClipModel model, ClipBpeTokenizer tok, DemoConfig cfg, int steps,
            int batch, float lr) throws Exception {
        Map<String, Parameter> params = ParameterNames.of(model.block());
        params.remove("logit_scale");
        model.block().freezeParameters(false);
        Optimizer opt = Optimizer.adamW().optLearningRateTracker(WarmUpTracker.builder()
                .setMainTracker(CosineTracker.builder().setBaseValue(lr).optFinalValue(lr / 20).setMaxUpdates(
                        Math.max(1, steps - 30)).build()).optWarmUpSteps(30).optWarmUpBeginValue(0f).build())
                .optWeightDecays(0.05f).build();
        ParameterStore ps = new ParameterStore(model.manager(), false);
        InfoNceLoss loss = new InfoNceLoss(0.05f);
        DemoClipStream stream = new DemoClipStream(cfg, T, DemoClipStream.Pixels.RGB_255);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Double> curve = new ArrayList<>();
        Map<String, Object> r = new LinkedHashMap<>();
        List<Double> accuracy = new ArrayList<>();
        int size = model.config().vision().imageSize();
        try {
            Future<Batch> next = pool.submit(() -> render(stream, 0, batch, size));
            double lossSum = 0;
            double accSum = 0;
            long waitNanos = 0;
            int skipped = 0;
            int counted = 0;
            long stepNanos = 0;
            for (int step = 0; step < steps; step++) {
                long w0 = System.nanoTime();
                Batch b = next.get();
                long s0 = System.nanoTime();
                waitNanos += s0 - w0;
                int following = step + 1;
                next = pool.submit(() -> render(stream, following, batch, size));
                long[][] ids = tok.encode(b.narrations());
                long[] flat = new long[batch * ids[0].length];
                for (int i = 0; i < batch; i++) {
                    System.arraycopy(ids[i], 0, flat, i * ids[0].length, ids[0].length);
                }
                try (NDManager sub = model.manager().newSubManager()) {
                    NDArray frames = sub.create(b.pixels(), new Shape(batch, 3, T, size, size));
                    NDArray tokens = sub.create(flat, new Shape(batch, ids[0].length));
                    LossTerms terms;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDList o = model.block().forward(ps, new NDList(frames, tokens), true);
                        NDArray v = o.get(0).div(o.get(0).norm(new int[] {1}, true));
                        NDArray t = o.get(1).div(o.get(1).norm(new int[] {1}, true));
                        terms = loss.compute(v, t, (float[][]) null);
                        gc.backward(terms.total());
                        float[] sim = v.matMul(t.transpose()).toFloatArray();
                        accSum += top1(sim, batch);
                    }
                    boolean finite = Float.isFinite(terms.value());
                    List<NDArray> grads = new ArrayList<>();
                    for (Parameter p : params.values()) {
                        NDArray g = p.getArray().getGradient();
                        grads.add(g);
                        finite &= !g.isNaN().any().getBoolean() && !g.isInfinite().any().getBoolean();
                    }
                    if (finite) {
                        lossSum += terms.value();
                        counted++;
                        int k = 0;
                        for (Parameter p : params.values()) {
                            opt.update(p.getId(), p.getArray(), grads.get(k++));
                        }
                    } else {
                        // skip the step: keep the weights and the optimiser state, and clear the gradients (an update
                        // clears them) with a throw-away optimiser whose effect on the weights is undone
                        skipped++;
                        LOG.warn("step {}: loss {} or a gradient is not finite; update skipped", step, terms.value());
                        Optimizer scratch = Optimizer.adamW().optLearningRateTracker(
                                ai.djl.training.tracker.Tracker.fixed(0f)).build();
                        int k = 0;
                        for (Parameter p : params.values()) {
                            NDArray w = p.getArray();
                            float[] keep = w.toFloatArray();
                            scratch.update(p.getId(), w, grads.get(k++));
                            w.set(keep);
                        }
                    }
                    for (NDArray g : grads) {
                        g.close();
                    }
                }
                stepNanos += System.nanoTime() - s0;
                if ((step + 1) % 25 == 0) {
                    r.put("skipped_steps", skipped);
                    curve.add(lossSum / Math.max(1, counted));
                    accuracy.add(accSum / 25);
                    LOG.info("step {}: InfoNCE {}, batch V->T top-1 {}; per step {} ms waiting for data, {} ms training",
                            step + 1, String.format("%.3f", lossSum / Math.max(1, counted)),
                            String.format("%.3f", accSum / 25),
                            waitNanos / 25_000_000, stepNanos / 25_000_000);
                    lossSum = 0;
                    counted = 0;
                    accSum = 0;
                    waitNanos = 0;
                    stepNanos = 0;
                }
            }
        } finally {
            pool.shutdownNow();
            model.block().freezeParameters(true);
        }
        r.put("steps", steps);
        r.put("batch", batch);
        r.put("lr", lr);
        r.put("loss_every_25_steps", curve);
        r.put("batch_top1_every_25_steps", accuracy);
        return r;
    }

    /** Fraction of rows whose largest similarity is on the diagonal. */
    private static double top1(float[] sim, int n) {
        int hit = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < n; j++) {
                best = sim[i * n + j] > sim[i * n + best] ? j : best;
            }
            hit += best == i ? 1 : 0;
        }
        return hit / (double) n;
    }

    private record Batch(float[] pixels, List<String> narrations) {}

    /** Samples (epoch 0, step·batch + i), 128 px RGB averaged 2×2 to the model size, CLIP-normalised. */
    private static Batch render(DemoClipStream stream, int step, int batch, int size) {
        float[] out = new float[batch * 3 * T * size * size];
        List<String> narrations = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            DemoSample s = stream.sample(0, (long) step * batch + i);
            narrations.add(s.narration());
            int src = s.size();
            int f = src / size;
            float[] p = s.pixels();
            for (int c = 0; c < 3; c++) {
                for (int t = 0; t < T; t++) {
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) {
                            double sum = 0;
                            for (int dy = 0; dy < f; dy++) {
                                for (int dx = 0; dx < f; dx++) {
                                    sum += p[((c * T + t) * src + y * f + dy) * src + x * f + dx];
                                }
                            }
                            float v = (float) (sum / (f * f) / 255.0);
                            out[(((i * 3 + c) * T + t) * size + y) * size + x] = (v - ClipNormalization.MEAN[c])
                                    / ClipNormalization.STD[c];
                        }
                    }
                }
            }
        }
        return new Batch(out, narrations);
    }
}
