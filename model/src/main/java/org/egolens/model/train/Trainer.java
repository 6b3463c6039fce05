package org.egolens.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.egolens.model.eval.MirResult;
import org.egolens.model.loss.ContrastiveLoss;
import org.egolens.model.loss.InfoNceLoss;
import org.egolens.model.loss.LossTerms;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.NativeEngine;
import org.egolens.model.nn.ParameterNames;
import org.egolens.model.train.run.RetrievalScores;
import org.egolens.model.train.run.RunEvent;
import org.egolens.model.train.run.RunFolder;
import org.egolens.model.train.run.RunInfo;
import org.egolens.model.train.run.RunState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop (spec §7 "EK-100 fine-tuning step" and "pretraining step"): for each optimisation step, the
 * micro-batches of the step (gradient accumulation) are encoded by both towers, L2-normalised, scored by the configured
 * loss with the in-batch relevancy block, and back-propagated; gradients are clipped by their global norm, AdamW
 * updates the weights with the warm-up + cosine learning rate of the step, and the learnable logit scale (if any) is
 * clamped at ln 100. Validation (EK-100 MIR, mirror pairs) runs every {@code eval.every_epochs} epochs and at the end;
 * the best average mAP is kept in {@code best/}.
 *
 * <p>Everything the run produces goes to its folder (the training run contract, see {@link RunFolder}): events in
 * {@code metrics.jsonl}, atomic checkpoints every {@code checkpoint.every_steps} steps, {@code eval/step-<N>/metrics.json}
 * per validation (N = completed steps). A run is deterministic for its config: data is a pure function of the position,
 * weights start from the seed, and a resumed run restores weights, AdamW moments and the step, so it ends with the
 * weights of an uninterrupted run on the same machine and thread count.
 *
 * <p>Stops: {@link #requestStop()} (SIGTERM in the CLI) finishes the current step, writes a checkpoint and ends
 * {@link RunState#STOPPED}; a NaN or infinite loss term ends {@link RunState#FAILED} with a {@code nan} event naming the
 * step and term, without overwriting the last good checkpoint; the time budget ends {@link RunState#FINISHED} after a
 * final validation.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** Folder of per-validation metrics. */
    public static final String EVAL_DIR = "eval";
    /** Folder of the best validation's model and metrics. */
    public static final String BEST_DIR = "best";

    private final TrainRunConfig cfg;
    private final RunFolder run;
    private final TrainingData data;
    private final Consumer<String> progress;
    private volatile boolean stopRequested;

    /**
     * @param cfg      a resolved config (every path set; see {@link TrainRunConfig#problems()})
     * @param run      the run folder (new, or the run being resumed)
     * @param data     builds the tokenizer, batch source and validator for the config
     * @param progress receives human-readable progress lines (about every 2 s)
     */
    public Trainer(TrainRunConfig cfg, RunFolder run, TrainingData data, Consumer<String> progress) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.run = Objects.requireNonNull(run, "run");
        this.data = Objects.requireNonNull(data, "data");
        this.progress = progress == null ? s -> { } : progress;
    }

    /** Asks the loop to stop after the current step (checkpoint, state "stopped"). Thread-safe, returns at once. */
    public void requestStop() {
        stopRequested = true;
    }

    /** How a run ended. */
    public record Outcome(RunState state, long steps, String message, ValidationResult lastValidation) {
        /** The CLI exit code: 0 finished, 130 stopped, 1 failed. */
        public int exitCode() {
            return switch (state) {
                case FINISHED -> 0;
                case STOPPED -> 130;
                default -> 1;
            };
        }
    }

    /**
     * Runs (or, with a checkpoint in the folder, resumes) the training to its end, a stop request, a non-finite loss or
     * an error.
     *
     * @param resume true to continue from the newest checkpoint (none: start at step 0 in the same folder)
     * @throws IOException if the run folder cannot be written or the data read; the status is then "failed" (when that
     *                     can still be written: a failure to record it is attached as suppressed, the first error wins)
     */
    public Outcome run(boolean resume) throws IOException {
        try (RunWriter out = new RunWriter(run)) {
            try {
                return train(out, resume);
            } catch (IOException | RuntimeException e) {
                String msg = e.getMessage() == null ? e.toString() : e.getMessage();
                try { // on a full disk these writes can fail too; the original error is the one to report
                    out.log("failed: " + msg);
                    out.status(RunState.FAILED, -1, msg);
                } catch (IOException | RuntimeException reporting) {
                    e.addSuppressed(reporting);
                }
                throw e;
            }
        }
    }

    private Outcome train(RunWriter out, boolean resume) throws IOException {
        Optional<Checkpoint.Loaded> ckpt = resume ? Checkpoint.latest(run) : Optional.empty();
        String device = NativeEngine.device() + " (" + NativeEngine.natives() + ")";
        if (!resume) {
            out.start(new RunInfo(cfg.name(), cfg.seed(), codeVersion(), System.getProperty("java.version"),
                    "PyTorch " + NativeEngine.pytorch().getVersion(), java.time.Instant.now().toString(),
                    Integer.toHexString(cfg.toYaml().hashCode()), device), cfg);
        }
        out.log("device: " + device);
        out.status(RunState.RUNNING, ckpt.map(c -> c.state().step() - 1).orElse(-1L), resume ? "resuming" : "starting");
        TrainingData.Prepared d = data.prepare(cfg);
        TrainingModel tm = TrainingModel.build(cfg, d.tokenizer());
        Eva02AtClipModel model = tm.model();
        try {
            List<TrainableParameter> params = TrainableParameter.of(model.block(), tm.frozen());
            AdamW adam = new AdamW(params, cfg.optim().beta1(), cfg.optim().beta2(), cfg.optim().eps(),
                    cfg.optim().weightDecay(), model.manager());
            long startStep = 0;
            double timeBefore = 0;
            double bestMap = Double.NaN;
            long bestStep = -1;
            if (ckpt.isPresent()) {
                Checkpoint.State s = ckpt.get().state();
                if (!s.configHash().equals(model.config().hash())) {
                    throw new IOException("checkpoint " + ckpt.get().dir() + " was written for model config "
                            + s.configHash() + ", the run's config builds " + model.config().hash());
                }
                tm.loadWeights(ckpt.get().dir().resolve(ModelFactory.MODEL_FILE));
                adam.restore(ckpt.get().optimizer(), s.adamUpdates());
                startStep = s.step();
                timeBefore = s.timeS();
                bestMap = s.bestMap();
                bestStep = s.bestStep();
                out.log("resumed from " + ckpt.get().dir() + " at step " + startStep);
            } else if (resume) {
                out.log("no checkpoint yet: starting at step 0");
            }
            int micro = cfg.batchSize();
            int acc = cfg.optim().accumulation();
            long perEpochSource = d.source().batchesPerEpoch(micro);
            long stepsPerEpoch = perEpochSource > 0 ? Math.max(1, perEpochSource / acc) : cfg.stepsPerEpoch();
            long totalSteps = stepsPerEpoch * cfg.epochs();
            LrSchedule lr = new LrSchedule(cfg.optim().lr(), cfg.optim().minLr(), cfg.optim().warmupSteps(),
                    totalSteps);
            ContrastiveLoss loss = Losses.create(cfg.loss());
            boolean learnableScale = "infonce".equals(cfg.loss().name()) && cfg.loss().learnableLogitScale();
            Parameter logitScale = ParameterNames.of(model.block()).get(TrainingModel.LOGIT_SCALE);
            out.log("data: " + d.source().describe() + "; validation: " + d.validator().describe() + "; "
                    + params.size() + " trainable tensors, " + totalSteps + " steps");
            ParameterStore ps = new ParameterStore(model.manager(), false);
            double budgetS = cfg.timeBudgetMinutes() > 0 ? cfg.timeBudgetMinutes() * 60 : Double.POSITIVE_INFINITY;
            long t0 = System.nanoTime();
            ValidationResult last = null;
            long lastEvalStep = -1;
            long lastCheckpointStep = startStep;
            long lastPrint = 0;
            Prefetcher.Positions order = p -> p.index() + 1 < stepsPerEpoch * acc
                    ? new Prefetcher.Position(p.epoch(), p.index() + 1) : new Prefetcher.Position(p.epoch() + 1, 0);
            Prefetcher.Position first = new Prefetcher.Position(startStep / stepsPerEpoch,
                    (startStep % stepsPerEpoch) * acc);
            try (Prefetcher prefetch = new Prefetcher(d.source(), micro, first, order, cfg.threads().data())) {
                long step = startStep;
                String endMessage = "all " + cfg.epochs() + " epochs done";
                while (step < totalSteps) {
                    double timeS = timeBefore + (System.nanoTime() - t0) / 1e9;
                    if (stopRequested) {
                        writeCheckpoint(out, model, adam, step, timeS, bestMap, bestStep);
                        String msg = "stopped by request after " + step + " steps (checkpoint step-" + step + "; resume runs step "
                                + "index " + step + " next)";
                        out.event(new RunEvent.Status(step - 1, timeS, RunState.STOPPED, msg));
                        out.status(RunState.STOPPED, step - 1, msg);
                        out.log(msg);
                        return new Outcome(RunState.STOPPED, step, msg, last);
                    }
                    if (timeS >= budgetS) {
                        endMessage = String.format(Locale.ROOT, "time budget of %s min reached after %d steps",
                                fmt(cfg.timeBudgetMinutes()), step);
                        break;
                    }
                    long epoch = step / stepsPerEpoch;
                    double rate = lr.at(step);
                    double total = 0;
                    Map<String, Double> terms = new LinkedHashMap<>();
                    String bad = null;
                    for (int j = 0; j < acc && bad == null; j++) {
                        TrainBatch batch = prefetch.take();
                        float[] value = {0};
                        Map<String, Float> parts = forwardBackward(model, ps, loss, learnableScale, batch, 1f / acc,
                                value);
                        total += value[0] / acc;
                        for (Map.Entry<String, Float> e : parts.entrySet()) {
                            terms.merge(e.getKey(), (double) e.getValue() / acc, Double::sum);
                        }
                        if (!Float.isFinite(value[0])) {
                            bad = "loss";
                        }
                        for (Map.Entry<String, Float> e : parts.entrySet()) {
                            if (bad == null && !Float.isFinite(e.getValue())) {
                                bad = e.getKey();
                            }
                        }
                    }
                    double norm = bad == null ? Gradients.globalNorm(params) : Double.NaN;
                    if (bad == null && !Double.isFinite(norm)) {
                        List<String> where = Gradients.nonFinite(params);
                        bad = "grad_norm" + (where.isEmpty() ? "" : " (" + String.join(", ", where.subList(0,
                                Math.min(5, where.size()))) + (where.size() > 5 ? ", …" : "") + ")");
                    }
                    timeS = timeBefore + (System.nanoTime() - t0) / 1e9;
                    if (bad != null) {
                        String msg = String.format(Locale.ROOT, "non-finite %s at step %d (loss %s); the last good "
                                + "checkpoint is step-%d", bad, step, total, lastCheckpointStep);
                        out.event(new RunEvent.Step(step, (int) epoch, timeS, rate, total, terms, norm));
                        out.event(new RunEvent.Nan(step, timeS, bad, msg));
                        out.event(new RunEvent.Status(step, timeS, RunState.FAILED, msg));
                        out.status(RunState.FAILED, step, msg);
                        out.log(msg);
                        Gradients.zero(params);
                        return new Outcome(RunState.FAILED, step, msg, last);
                    }
                    Gradients.clip(params, norm, cfg.optim().clipGradNorm());
                    adam.step(rate);
                    if (learnableScale) {
                        clampLogitScale(logitScale);
                    }
                    out.event(new RunEvent.Step(step, (int) epoch, timeS, rate, total, terms, norm));
                    step++;
                    boolean epochEnd = step % stepsPerEpoch == 0;
                    if (epochEnd && (step / stepsPerEpoch) % cfg.eval().everyEpochs() == 0) {
                        last = validate(out, d.validator(), model, step, stepsPerEpoch, timeBefore, t0);
                        lastEvalStep = step;
                        if (!(last.averageMap() <= bestMap)) {
                            bestMap = last.averageMap();
                            bestStep = step;
                            saveBest(model, step);
                        }
                    }
                    if (step % cfg.checkpoint().everySteps() == 0) {
                        writeCheckpoint(out, model, adam, step, timeBefore + (System.nanoTime() - t0) / 1e9, bestMap,
                                bestStep);
                        lastCheckpointStep = step;
                    }
                    long now = System.nanoTime();
                    if (now - lastPrint > 2_000_000_000L || step == totalSteps) {
                        lastPrint = now;
                        double elapsed = (now - t0) / 1e9;
                        double perStep = elapsed / Math.max(1, step - startStep);
                        progress.accept(String.format(Locale.ROOT, "step %d/%d  epoch %d  loss %.4f  lr %.2e  "
                                + "%.2f step/s  ETA %s", step, totalSteps, epoch, total, rate, 1 / perStep,
                                eta(perStep * (totalSteps - step))));
                    }
                }
                double timeS = timeBefore + (System.nanoTime() - t0) / 1e9;
                if (lastEvalStep != step) {
                    last = validate(out, d.validator(), model, step, stepsPerEpoch, timeBefore, t0);
                    if (!(last.averageMap() <= bestMap)) {
                        bestMap = last.averageMap();
                        bestStep = step;
                        saveBest(model, step);
                    }
                    timeS = timeBefore + (System.nanoTime() - t0) / 1e9;
                }
                writeCheckpoint(out, model, adam, step, timeS, bestMap, bestStep);
                String msg = endMessage + String.format(Locale.ROOT, "; best average mAP %.4f at step %d", bestMap,
                        bestStep);
                out.event(new RunEvent.Status(step - 1, timeS, RunState.FINISHED, msg));
                out.status(RunState.FINISHED, step - 1, msg);
                out.log(msg);
                progress.accept(msg);
                return new Outcome(RunState.FINISHED, step, msg, last);
            }
        } finally {
            model.close();
        }
    }

    /**
     * One micro-batch: forward both towers, L2-normalise, loss, backward (gradients accumulate into the parameters).
     * Package-private for {@code TwinTrainStepParityTest}.
     *
     * @param value receives the loss value in slot 0
     * @return the loss parts (e.g. SMS pos / neg / equal)
     */
    static Map<String, Float> forwardBackward(Eva02AtClipModel model, ParameterStore ps, ContrastiveLoss loss,
                                                      boolean learnableScale, TrainBatch batch, float scale,
                                                      float[] value) {
        int n = batch.size();
        int l = batch.tokenIds()[0].length;
        long[] flat = new long[n * l];
        for (int i = 0; i < n; i++) {
            System.arraycopy(batch.tokenIds()[i], 0, flat, i * l, l);
        }
        try (NDManager sub = model.manager().newSubManager()) {
            NDArray frames = sub.create(batch.frames().data(), new Shape(batch.frames().shape()));
            NDArray ids = sub.create(flat, new Shape(n, l));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList outs = model.block().forward(ps, new NDList(frames, ids), true);
                NDArray v = outs.get(0).normalize(2, 1, 1e-12);
                NDArray t = outs.get(1).normalize(2, 1, 1e-12);
                LossTerms lt = learnableScale ? ((InfoNceLoss) loss).compute(v, t, outs.get(2).log())
                        : loss.compute(v, t, batch.relevancy());
                value[0] = lt.value();
                if (Float.isFinite(value[0])) {
                    gc.backward(scale == 1f ? lt.total() : org.egolens.model.nn.Scalars.mul(lt.total(), scale));
                }
                return new LinkedHashMap<>(lt.parts());
            }
        }
    }

    private static void clampLogitScale(Parameter p) {
        NDArray a = p.getArray();
        float v = a.toFloatArray()[0];
        if (v > InfoNceLoss.MAX_LOG_SCALE) {
            a.set(new float[] {InfoNceLoss.MAX_LOG_SCALE});
        }
    }

    private ValidationResult validate(RunWriter out, MirValidator validator, Eva02AtClipModel model, long step,
                                      long stepsPerEpoch, double timeBefore, long t0) throws IOException {
        ValidationResult r = validator.evaluate(model);
        MirResult m = r.mir();
        double timeS = timeBefore + (System.nanoTime() - t0) / 1e9;
        out.event(new RunEvent.Eval(step - 1, (int) ((step - 1) / stepsPerEpoch), timeS,
                new RetrievalScores(m.mAP().v2t(), m.mAP().t2v(), m.mAP().avg()),
                new RetrievalScores(m.nDCG().v2t(), m.nDCG().t2v(), m.nDCG().avg()),
                Double.isNaN(r.mirrorPair()) ? null : r.mirrorPair()));
        Path dir = run.dir().resolve(EVAL_DIR).resolve("step-" + step);
        Files.createDirectories(dir);
        RunWriter.writeAtomically(dir.resolve("metrics.json"), metricsJson(r));
        String line = String.format(Locale.ROOT, "validation after step %d: mAP %.4f / %.4f / %.4f, nDCG %.4f / %.4f "
                + "/ %.4f (V→T / T→V / avg)%s, %.1f s", step, m.mAP().v2t(), m.mAP().t2v(), m.mAP().avg(),
                m.nDCG().v2t(), m.nDCG().t2v(), m.nDCG().avg(), Double.isNaN(r.mirrorPair()) ? ""
                        : String.format(Locale.ROOT, ", mirror pairs %.3f", r.mirrorPair()), r.seconds());
        out.log(line);
        progress.accept(line);
        return r;
    }

    /** The evaluation issue's metrics schema, plus the mirror-pair score and the step. */
    static String metricsJson(ValidationResult r) throws IOException {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) RunWriter.PRETTY.readTree(r.mir().toJson());
        if (!Double.isNaN(r.mirrorPair())) {
            node.put("mirror_pair", r.mirrorPair());
        }
        return RunWriter.PRETTY.writeValueAsString(node) + "\n";
    }

    private void saveBest(Eva02AtClipModel model, long step) throws IOException {
        Path best = run.dir().resolve(BEST_DIR);
        Path partial = run.dir().resolve("." + BEST_DIR + ".partial");
        Checkpoint.deleteTree(partial);
        ModelFactory.save(model, partial);
        Files.copy(run.dir().resolve(EVAL_DIR).resolve("step-" + step).resolve("metrics.json"),
                partial.resolve("metrics.json"));
        RunWriter.writeAtomically(partial.resolve("step.txt"), step + "\n");
        Checkpoint.deleteTree(best);
        Files.move(partial, best, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeCheckpoint(RunWriter out, Eva02AtClipModel model, AdamW adam, long step, double timeS,
                                 double bestMap, long bestStep) throws IOException {
        Checkpoint.write(run, model, adam, new Checkpoint.State(step, adam.updates(), timeS, bestMap, bestStep,
                model.config().hash()), cfg.checkpoint().keepLast());
        out.log("checkpoint step-" + step);
    }

    private static String eta(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String codeVersion() {
        String v = Trainer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
