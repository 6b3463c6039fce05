package org.egolens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.egolens.app.backend.Backend;
import org.egolens.app.settings.EgoLensHome;
import org.egolens.app.ui.eval.EvalPaths;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.eval.run.EvalHistory;
import org.egolens.model.eval.run.EvalOptions;
import org.egolens.model.eval.run.EvalOutcome;
import org.egolens.model.eval.run.EvalRecord;
import org.egolens.model.eval.run.EvalRequest;
import org.egolens.model.eval.run.EvalRunner;
import org.egolens.model.eval.run.EvalSummary;
import org.egolens.model.eval.run.EvalTask;
import org.egolens.model.eval.run.MissingClipsException;
import org.egolens.model.retrieval.BuildMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code egolens eval}: evaluates a model on a benchmark (EK-100 MIR, EgoMCQ, Charades-Ego, EGTEA Gaze+) and writes
 * {@code metrics.json}, per-query CSVs, {@code similarity.npy} and {@code run.json} into one run folder (see
 * {@link EvalRunner}). Clip embeddings are kept in an evaluation index and reused by later runs of the same model and
 * T, as are the rows of the Browse view's index of the same annotation file and of {@code --index} files.
 *
 * <p>A clip that cannot be decoded stops the run (exit 1) unless {@code --allow-missing}: published numbers are over
 * every row, and a metric over fewer rows is not comparable. With it, the clip is dropped and counted in
 * {@code metrics.json} under {@code excluded}. A window that overhangs the end of its video is evaluated clamped to the
 * last frame, and counted ({@code counts.clamped_clips}; the ids are in {@code run.json} and the first ones printed).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a model: EK-100 MIR (mAP/nDCG), EgoMCQ (accuracy), Charades-Ego (mAP), EGTEA (accuracy).",
            "Writes metrics.json (fractions 0-1), per-query CSVs, similarity.npy and run.json into the run folder."})
public final class EvalCommand implements Callable<Integer> {
    @ParentCommand
    EgoLensCommand root;

    @Option(names = "--task", required = true, paramLabel = "TASK",
            description = "ek100-mir, egomcq, charades-ego or egtea.")
    String task;

    @Option(names = "--model", paramLabel = "PRESET|MODELDIR", defaultValue = "tiny",
            description = "Model preset or folder (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--frames", paramLabel = "T",
            description = "Frames per clip (default: the task's protocol, 16; EgoMCQ 4).")
    Integer frames;

    @Option(names = "--annotations", required = true, paramLabel = "FILE",
            description = "EPIC_100_retrieval_test.csv, egomcq.json, CharadesEgo_v1_test_only1st.csv or test_split1.txt.")
    Path annotations;

    @Option(names = "--sentences", paramLabel = "FILE",
            description = "ek100-mir: the sentence CSV (default: <annotations stem>_sentence.csv beside it).")
    Path sentences;

    @Option(names = "--classes", paramLabel = "FILE",
            description = "charades-ego: Charades_v1_classes.txt; egtea: action_idx.txt (default: beside the annotations).")
    Path classes;

    @Option(names = "--video-root", required = true, paramLabel = "DIR",
            description = "Folder of the videos (<participant>/<video_id>.mp4, <video_uid>.mp4, <id>.mp4 or "
                    + "<session>/<clip_id>.mp4).")
    Path videoRoot;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run folder (default: .egolens/eval/<task>-<model>-t<T>-<time> beside the annotations).")
    Path out;

    @Option(names = "--cache-index", paramLabel = "FILE", description = "Index file that keeps this evaluation's clip "
            + "embeddings for later runs (default: .egolens/eval/cache/<stem>-<model>-t<T>.idx beside the annotations).")
    Path cacheIndex;

    @Option(names = "--index", paramLabel = "FILE", description = "Index file(s) to reuse clip embeddings from "
            + "(same model and T; read only). Repeatable.")
    List<Path> indexes = new ArrayList<>();

    @Option(names = "--allow-missing", description = "Evaluate without clips that cannot be decoded (counted under "
            + "\"excluded\"; the numbers are then not comparable with published ones).")
    boolean allowMissing;

    @Option(names = "--templates", description = "charades-ego, egtea: average the class prompts \"#C C {}\" and "
            + "\"#C {}\".")
    boolean templates;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8", description = "Clips or texts per model call "
            + "(default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", paramLabel = "N", description = "Decode threads (default: cores - 1, at most 4).")
    Integer threads;

    @Option(names = "--json", description = "Print metrics.json instead of a table.")
    boolean json;

    /**
     * Says when a model folder made for another T is evaluated at the protocol's T (its temporal embedding is then
     * stretched, spec §5.1), so that the numbers are not mistaken for the model's own setting.
     */
    private void noteFrameChange(PrintWriter err, int t) {
        Path config = Path.of(model).resolve(org.egolens.model.nn.ModelFactory.CONFIG_FILE);
        if (frames != null || !Files.isRegularFile(config)) {
            return;
        }
        try {
            int own = org.egolens.model.nn.ModelConfig.read(config).numFrames();
            if (own != t) {
                err.printf(java.util.Locale.ROOT, "note: %s was made for T = %d; evaluating at the protocol's T = %d "
                        + "(temporal embedding stretched); --frames %d evaluates it as made%n", model, own, t, own);
            }
        } catch (IOException | RuntimeException e) {
            // the model load below reports an unreadable config
        }
    }

    @Override
    public Integer call() throws IOException {
        EvalTask t = EvalTask.fromId(task);
        int T = frames != null ? frames : t.protocolFrames();
        if (T < 1 || batch < 1 || (threads != null && threads < 1)) {
            throw new IllegalArgumentException("--frames, --batch and --threads must be at least 1");
        }
        Path aux = auxiliary(t);
        Path home = EgoLensHome.resolve();
        Path ann = annotations.toAbsolutePath().normalize();
        Path videos = videoRoot.toAbsolutePath().normalize();
        EvalPaths paths = EvalPaths.of(home, ann, videos, model, T);
        EvalOptions options = EvalOptions.defaults().withBatchSize(batch).withAllowMissing(allowMissing)
                .withTemplates(templates)
                .withCacheIndex(cacheIndex != null ? cacheIndex.toAbsolutePath().normalize() : paths.cacheIndex())
                .withReuseIndexes(paths.reuseIndexes(indexes.stream().map(p -> p.toAbsolutePath().normalize())
                        .toList()));
        if (threads != null) {
            options = options.withDecodeThreads(threads);
        }
        Path dir = out != null ? out : EvalHistory.newRunDir(paths.evalRoot(), t, model, T, Instant.now());
        EvalRequest request = new EvalRequest(t, ann, aux, videos, dir, options);
        if (!Files.isRegularFile(request.annotations())) {
            throw new IOException("annotation file not found: " + request.annotations());
        }
        PrintWriter err = root.spec.commandLine().getErr();
        PrintWriter outw = root.spec.commandLine().getOut();
        noteFrameChange(err, T);
        Progress progress = new Progress(err);
        Thread worker = Thread.currentThread();
        Thread hook = new Thread(() -> {
            progress.cancelled.set(true);
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "egolens-eval-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        Backend backend = root.backend();
        EvalOutcome outcome;
        try (VideoTextModel m = backend.openModel(model, T)) {
            outcome = new EvalRunner(backend.videoSource(), m).run(request, progress);
        } catch (MissingClipsException e) {
            throw new IOException(e.getMessage().replace("allow missing clips", "use --allow-missing"), e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C; the hook is running
            }
        }
        if (json) {
            outw.print(Files.readString(dir.resolve(EvalSummary.METRICS_FILE)));
        } else {
            print(outw, outcome.summary());
        }
        outw.flush();
        return 0;
    }

    private Path auxiliary(EvalTask t) {
        switch (t) {
            case EK100_MIR -> {
                if (classes != null) {
                    throw new IllegalArgumentException("--classes is for charades-ego and egtea; ek100-mir takes "
                            + "--sentences");
                }
                return sentences;
            }
            case CHARADES_EGO, EGTEA -> {
                if (sentences != null) {
                    throw new IllegalArgumentException("--sentences is for ek100-mir; " + t.id() + " takes --classes");
                }
                return classes;
            }
            default -> {
                if (sentences != null || classes != null) {
                    throw new IllegalArgumentException("egomcq takes neither --sentences nor --classes");
                }
                return null;
            }
        }
    }

    private static void print(PrintWriter out, EvalSummary s) {
        EvalRecord r = s.record();
        out.printf(Locale.ROOT, "%s \u00b7 %s \u00b7 T=%d: %d clips (%d embedded, %d reused), %d missing, %d clamped,"
                + " %.1f s%n", r.task().title(), r.modelId(), r.frames(), r.clips(), r.embedded(), r.reused(),
                r.missing().size(), r.clamped().size(), r.seconds());
        if (r.task() == EvalTask.EK100_MIR) {
            out.printf(Locale.ROOT, "%-6s %10s %10s %10s%n", "", "V->T", "T->V", "avg");
            for (String metric : List.of("mAP", "nDCG")) {
                out.printf(Locale.ROOT, "%-6s %10s %10s %10s%n", metric, fmt(s.metric(metric + ".v2t")),
                        fmt(s.metric(metric + ".t2v")), fmt(s.metric(metric + ".avg")));
            }
        } else {
            for (Map.Entry<String, Double> e : s.metrics().entrySet()) {
                if (!e.getKey().startsWith("excluded.") && !e.getKey().startsWith("counts.")) {
                    out.printf(Locale.ROOT, "%-28s %10s%n", e.getKey(), fmt(e.getValue()));
                }
            }
        }
        s.metrics().entrySet().stream().filter(e -> e.getKey().startsWith("excluded.") && e.getValue() > 0)
                .forEach(e -> out.printf(Locale.ROOT, "%s: %d%n", e.getKey(), Math.round(e.getValue())));
        if (!r.clamped().isEmpty()) {
            out.println("clamped to the last frame (window overhangs the end of its video): " + firstIds(r.clamped()));
        }
        out.println("results: " + s.dir());
    }

    /** Up to three ids, comma-separated, with {@code , …} when there are more. */
    private static String firstIds(List<String> ids) {
        String shown = String.join(", ", ids.subList(0, Math.min(3, ids.size())));
        return ids.size() > 3 ? shown + ", \u2026" : shown;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** One stderr line per 10 % of the work; cancel from the Ctrl-C hook. */
    private static final class Progress implements BuildMonitor {
        private final PrintWriter err;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final long start = System.nanoTime();
        private int lastDecile = -1;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        @Override
        public synchronized void progress(int done, int total, String message) {
            int decile = total <= 0 ? 0 : (int) ((long) done * 10 / total);
            if (decile != lastDecile) {
                lastDecile = decile;
                err.printf(Locale.ROOT, "eval: %3d%% after %.1f s (%s)%n", decile * 10, (System.nanoTime() - start) / 1e9,
                        message);
                err.flush();
            }
        }
    }
}
