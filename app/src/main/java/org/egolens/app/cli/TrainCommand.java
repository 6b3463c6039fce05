package org.egolens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.egolens.app.settings.EgoLensHome;
import org.egolens.app.task.TaskContext;
import org.egolens.app.workspace.DemoWorkspace;
import org.egolens.model.train.DemoTrainingData;
import org.egolens.model.train.Ek100TrainingData;
import org.egolens.model.train.TrainingData;
import org.egolens.model.train.TrainRunConfig;
import org.egolens.model.train.Trainer;
import org.egolens.model.train.run.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code egolens train --config FILE [--run-dir DIR] | --resume RUNDIR}: runs EVA02-AT training headless (the trainer
 * the GUI's Train tab launches as a child process), printing a progress line (step, loss, lr, ETA) every few seconds.
 * SIGTERM (or Ctrl-C) finishes the current step, writes a checkpoint and exits 130; {@code --resume} continues from
 * the newest checkpoint. Exit codes: 0 finished, 1 failed (including a non-finite loss), 2 bad config, 130 stopped.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train EVA02-AT (SMS, MI-MM, adaptive MI-MM or InfoNCE) from a YAML/JSON config into a run folder"
                + " with metrics.jsonl, checkpoints and validation metrics; resumable.")
public final class TrainCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Training config (YAML or JSON), e.g. "
            + "experiments/demo/finetune-sms.yaml.")
    private Path config;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Run folder to create (default: "
            + "~/.egolens/runs/<name>-<yyyyMMdd-HHmmss>).")
    private Path runDir;

    @Option(names = "--resume", paramLabel = "RUNDIR", description = "Continue the run in RUNDIR from its newest "
            + "checkpoint, with its own config.")
    private Path resume;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((config == null) == (resume == null)) {
            err.println("train: give either --config FILE or --resume RUNDIR");
            return 2;
        }
        TrainRunConfig cfg;
        Path dir;
        try {
            if (resume != null) {
                dir = resume.toAbsolutePath().normalize();
                Path resolved = dir.resolve(RunFolder.RESOLVED_CONFIG);
                if (!Files.isRegularFile(resolved)) {
                    err.println("train: " + dir + " is not a run folder (no " + RunFolder.RESOLVED_CONFIG + ")");
                    return 2;
                }
                cfg = read(resolved);
            } else {
                cfg = read(config);
                List<String> unknown = TrainRunConfig.unknownKeys(Files.readString(config, StandardCharsets.UTF_8));
                if (!unknown.isEmpty()) {
                    err.println("train: " + config + " has keys that no setting reads (misspelt?): "
                            + String.join(", ", unknown));
                    return 2;
                }
                cfg = resolve(cfg, config.toAbsolutePath().getParent(), err);
                dir = runDir != null ? runDir.toAbsolutePath().normalize()
                        : EgoLensHome.resolve().resolve("runs").resolve(cfg.name() + "-" + LocalDateTime.now()
                        .format(STAMP));
                if (Files.exists(dir.resolve(RunFolder.RESOLVED_CONFIG))) {
                    err.println("train: " + dir + " already holds a run; use --resume " + dir + " to continue it");
                    return 2;
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("train: " + e.getMessage());
            return 2;
        }
        List<String> problems = cfg.problems();
        if (!problems.isEmpty()) {
            err.println("train: the config has problems:");
            problems.forEach(p -> err.println("  " + p));
            return 2;
        }
        TrainingData data = switch (cfg.data().kind()) {
            case "demo-stream" -> new DemoTrainingData();
            case "ek100" -> new Ek100TrainingData();
            default -> null;
        };
        if (data == null) {
            err.println("train: data.kind '" + cfg.data().kind() + "' is not supported by this version yet (supported:"
                    + " demo-stream, ek100)");
            return 2;
        }
        if (System.getProperty(THREADS_PROPERTY) == null) {
            System.setProperty(THREADS_PROPERTY, String.valueOf(cfg.threads().intraOp()));
        }
        Trainer trainer = new Trainer(cfg, new RunFolder(dir), data, line -> {
            out.println(line);
            out.flush();
        });
        out.println((resume != null ? "resuming " : "training ") + cfg.name() + " in " + dir);
        out.flush();
        CountDownLatch done = new CountDownLatch(1);
        int[] code = {1};
        Thread hook = new Thread(() -> {
            trainer.requestStop();
            try {
                if (done.await(120, TimeUnit.SECONDS)) {
                    Runtime.getRuntime().halt(code[0]);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "egolens-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Trainer.Outcome o = trainer.run(resume != null);
            code[0] = o.exitCode();
            if (o.exitCode() != 0) {
                err.println("train: " + o.message());
            }
        } catch (IOException | RuntimeException e) {
            err.println("train: " + (e.getMessage() == null ? e : e.getMessage()));
            code[0] = 1;
        } finally {
            done.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and exits with the code
        }
        return code[0];
    }

    private static TrainRunConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("config file not found: " + file);
        }
        try {
            return TrainRunConfig.fromYaml(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fills what the config leaves open: relative paths against the config's folder, and for {@code demo-stream} the
     * built-in demo workspace (generated when missing).
     */
    static TrainRunConfig resolve(TrainRunConfig c, Path base, PrintWriter err) throws IOException {
        TrainRunConfig.Data d = c.data();
        String ws = abs(d.workspace(), base);
        if ("demo-stream".equals(d.kind()) && ws == null) {
            Path folder = DemoWorkspace.folder(EgoLensHome.resolve());
            if (!DemoWorkspace.isReady(folder)) {
                err.println("train: generating the demo workspace in " + folder + " …");
                err.flush();
            }
            ws = DemoWorkspace.prepare(folder, DemoWorkspace.configFromSystemProperty(), new QuietContext()).toString();
        }
        TrainRunConfig.Model m = c.model();
        TrainRunConfig.Eval e = c.eval();
        return new TrainRunConfig(c.name(), c.seed(),
                new TrainRunConfig.Model(m.preset(), abs(m.dir(), base), m.frames(), m.ropeMode(), m.temporal()),
                new TrainRunConfig.Data(d.kind(), ws, abs(d.trainAnnotations(), base), abs(d.trainSentences(), base),
                        abs(d.videoRoot(), base), d.relevancyThreshold()),
                c.loss(), c.optim(), c.batchSize(), c.epochs(), c.stepsPerEpoch(), c.timeBudgetMinutes(),
                new TrainRunConfig.Eval(e.everyEpochs(), abs(e.annotations(), base), abs(e.sentences(), base),
                        abs(e.videoRoot(), base), abs(e.mirrorPairs(), base)),
                c.checkpoint(), c.threads());
    }

    private static String abs(String p, Path base) {
        if (p == null || p.isBlank()) {
            return null;
        }
        Path q = Path.of(p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p);
        return (q.isAbsolute() || base == null ? q : base.resolve(q)).toAbsolutePath().normalize().toString();
    }

    /** Demo generation from the CLI: no progress bar, never cancelled. */
    private static final class QuietContext implements TaskContext {
        @Override
        public void updateProgress(long done, long total) {
        }

        @Override
        public void updateProgress(long done, long total, String message) {
        }

        @Override
        public void updateMessage(String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
