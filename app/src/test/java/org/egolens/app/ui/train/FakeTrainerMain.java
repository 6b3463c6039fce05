package org.egolens.app.ui.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.egolens.model.train.run.RetrievalScores;
import org.egolens.model.train.run.RunEvent;
import org.egolens.model.train.run.RunFolder;
import org.egolens.model.train.run.RunState;
import org.egolens.model.train.run.RunStatus;

/**
 * A stand-in trainer for GUI tests that follows the training run contract without any model: {@code train --config FILE
 * --run-dir DIR} or {@code train --resume DIR}; writes config.resolved.yaml, run.json, status.json and metrics.jsonl
 * step events at about 50 Hz (a deterministic decaying loss with pos/neg/equal parts, warm-up + cosine lr), an eval
 * event every {@code eval.every_epochs × steps_per_epoch} steps and a checkpoint every {@code checkpoint.every_steps}.
 * SIGTERM: a shutdown hook lets the loop finish its step, write a checkpoint and status "stopped", then exits 130. A
 * resume continues at the latest checkpoint's step + 1 with {@code time_s} summed across attempts.
 */
public final class FakeTrainerMain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static volatile boolean stopRequested;
    private static volatile boolean exiting;
    private static final CountDownLatch STOPPED = new CountDownLatch(1);

    private FakeTrainerMain() {}

    /** A process that just waits (for process-handling tests). */
    public static final class Sleeper {
        private Sleeper() {}

        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        if (a.isEmpty() || !a.get(0).equals("train")) {
            System.err.println("usage: train --config FILE --run-dir DIR | train --resume DIR");
            System.exit(2);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (exiting) {
                return;
            }
            stopRequested = true;
            try {
                STOPPED.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(130);
        }, "sigterm"));

        Path dir;
        JsonNode cfg;
        long start;
        double timeOffset;
        boolean resume = a.contains("--resume");
        if (resume) {
            dir = Path.of(a.get(a.indexOf("--resume") + 1));
            cfg = YAML.readTree(dir.resolve(RunFolder.RESOLVED_CONFIG).toFile());
            RunFolder run = new RunFolder(dir);
            var ckpt = run.latestCheckpointStep();
            if (ckpt.isEmpty()) {
                run.writeStatus(RunStatus.now(RunState.FAILED, -1, "no checkpoint to resume from"));
                exiting = true;
                System.exit(1);
            }
            JsonNode state = JSON.readTree(dir.resolve("checkpoints/step-" + ckpt.getAsLong() + "/state.json").toFile());
            start = state.get("step").asLong() + 1;
            timeOffset = state.get("time_s").asDouble();
        } else {
            Path config = Path.of(a.get(a.indexOf("--config") + 1));
            dir = Path.of(a.get(a.indexOf("--run-dir") + 1));
            Files.createDirectories(dir);
            cfg = YAML.readTree(config.toFile());
            Files.writeString(dir.resolve(RunFolder.RESOLVED_CONFIG), YAML.writeValueAsString(cfg));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("name", cfg.path("name").asText("fake"));
            info.put("seed", cfg.path("seed").asLong(3407));
            info.put("code_version", "test");
            info.put("java", System.getProperty("java.version"));
            info.put("engine", "none (fake trainer)");
            info.put("started", Instant.now().toString());
            info.put("config_hash", Integer.toHexString(cfg.hashCode()));
            Files.write(dir.resolve(RunFolder.RUN_INFO), JSON.writeValueAsBytes(info));
            start = 0;
            timeOffset = 0;
        }
        new FakeTrainerMain.Loop(dir, cfg, start, timeOffset).run();
    }

    private static final class Loop {
        final RunFolder run;
        final Path dir;
        final int stepsPerEpoch;
        final long total;
        final long evalEvery;
        final long ckptEvery;
        final int keepLast;
        final double lr;
        final double minLr;
        final long warmup;
        final double decay;
        final long start;
        final double timeOffset;
        final long t0 = System.nanoTime();

        Loop(Path dir, JsonNode cfg, long start, double timeOffset) {
            this.dir = dir;
            this.run = new RunFolder(dir);
            this.stepsPerEpoch = cfg.path("steps_per_epoch").asInt(50);
            this.total = (long) cfg.path("epochs").asInt(100) * stepsPerEpoch;
            this.evalEvery = (long) cfg.path("eval").path("every_epochs").asInt(1) * stepsPerEpoch;
            this.ckptEvery = cfg.path("checkpoint").path("every_steps").asLong(100);
            this.keepLast = cfg.path("checkpoint").path("keep_last").asInt(2);
            this.lr = cfg.path("optim").path("lr").asDouble(1e-3);
            this.minLr = cfg.path("optim").path("min_lr").asDouble(1e-5);
            this.warmup = cfg.path("optim").path("warmup_steps").asLong(50);
            this.decay = 150 * (1 + (cfg.path("seed").asLong(3407) % 7) / 10.0);
            this.start = start;
            this.timeOffset = timeOffset;
        }

        double time() {
            return timeOffset + (System.nanoTime() - t0) / 1e9;
        }

        double lrAt(long s) {
            if (s < warmup) {
                return lr * (s + 1) / warmup;
            }
            double p = (double) (s - warmup) / Math.max(1, total - warmup);
            return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * p));
        }

        void run() throws IOException, InterruptedException {
            run.writeStatus(RunStatus.now(RunState.RUNNING, start - 1, start == 0 ? "" : "resumed"));
            long last = start - 1;
            try (BufferedWriter out = Files.newBufferedWriter(run.metricsFile(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                for (long s = start; s < total && !stopRequested; s++) {
                    Thread.sleep(20);
                    double loss = 0.25 + 1.2 * Math.exp(-s / decay) + 0.04 * Math.sin(s * 0.9);
                    Map<String, Double> terms = new LinkedHashMap<>();
                    terms.put("pos", 0.62 * loss);
                    terms.put("neg", 0.23 * loss);
                    terms.put("equal", 0.15 * loss);
                    write(out, new RunEvent.Step(s, (int) (s / stepsPerEpoch), time(), lrAt(s), loss, terms));
                    if ((s + 1) % evalEvery == 0) {
                        double g = 1 - Math.exp(-s / 250.0);
                        double map = 0.08 + 0.30 * g;
                        double ndcg = 0.25 + 0.25 * g;
                        write(out, new RunEvent.Eval(s, (int) (s / stepsPerEpoch), time(),
                                new RetrievalScores(map * 1.08, map * 0.92, map),
                                new RetrievalScores(ndcg * 1.04, ndcg * 0.96, ndcg), 0.5 + 0.35 * (1 - Math.exp(-s / 300.0))));
                    }
                    if ((s + 1) % ckptEvery == 0) {
                        checkpoint(s);
                    }
                    last = s;
                    if (s % 10 == 0) {
                        run.writeStatus(RunStatus.now(RunState.RUNNING, s, ""));
                    }
                }
                if (stopRequested) {
                    if (last >= 0) {
                        checkpoint(last);
                    }
                    write(out, new RunEvent.Status(last, time(), RunState.STOPPED, "stopped by user"));
                    run.writeStatus(RunStatus.now(RunState.STOPPED, last, "stopped by user"));
                    STOPPED.countDown();
                    Thread.sleep(Long.MAX_VALUE); // the shutdown hook halts with 130
                }
                write(out, new RunEvent.Status(last, time(), RunState.FINISHED, "all epochs done"));
            }
            run.writeStatus(RunStatus.now(RunState.FINISHED, last, "all epochs done"));
            exiting = true;
            System.exit(0);
        }

        void write(BufferedWriter out, RunEvent e) throws IOException {
            out.write(RunEvent.toJson(e));
            out.write('\n');
            out.flush();
        }

        void checkpoint(long s) throws IOException {
            Path root = Files.createDirectories(dir.resolve(RunFolder.CHECKPOINTS));
            Path tmp = root.resolve(".tmp-step-" + (s + 1)); // named by completed steps, as the real trainer
            Files.createDirectories(tmp);
            Files.write(tmp.resolve("state.json"), JSON.writeValueAsBytes(Map.of("step", s, "time_s", time())));
            Path target = root.resolve("step-" + (s + 1));
            if (!Files.exists(target)) {
                Files.move(tmp, target);
            } else {
                Files.delete(tmp.resolve("state.json"));
                Files.delete(tmp);
            }
            List<Long> steps = run.checkpointSteps();
            for (int i = 0; i < steps.size() - keepLast; i++) {
                Path old = root.resolve("step-" + steps.get(i));
                try (var st = Files.walk(old)) {
                    st.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
