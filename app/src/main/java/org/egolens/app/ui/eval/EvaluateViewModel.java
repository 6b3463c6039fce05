package org.egolens.app.ui.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.egolens.app.media.ThumbnailCache;
import org.egolens.app.task.BackgroundTask;
import org.egolens.app.task.Progress;
import org.egolens.app.task.TaskContext;
import org.egolens.app.ui.AppContext;
import org.egolens.app.workspace.ModelSession;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.VideoInfo;
import org.egolens.model.data.VideoSource;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.eval.run.EvalHistory;
import org.egolens.model.eval.run.EvalOptions;
import org.egolens.model.eval.run.EvalOutcome;
import org.egolens.model.eval.run.EvalRequest;
import org.egolens.model.eval.run.EvalRunner;
import org.egolens.model.eval.run.EvalSummary;
import org.egolens.model.eval.run.EvalTask;
import org.egolens.model.eval.run.MirDirection;
import org.egolens.model.eval.run.MirEvaluation;
import org.egolens.model.eval.run.RankedCandidate;
import org.egolens.model.eval.run.VideoLocator;
import org.egolens.model.retrieval.BuildMonitor;
import org.egolens.viewer.ClipItem;
import org.egolens.viewer.ThumbnailProvider;
import org.egolens.viewer.eval.InspectorQuery;
import org.egolens.viewer.eval.MetricRow;
import org.egolens.viewer.eval.QueryScore;
import org.egolens.viewer.eval.RankedItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the Evaluate tab. {@link #run} evaluates the chosen task, model and T in the background
 * ({@link EvalRunner}; progress, cancel), writing a run folder below the annotations' evaluation folder
 * ({@link EvalPaths}); the result fills the metrics table, the per-query rows (EK-100 MIR) and the AP histogram.
 * Selecting a query fills the relevancy inspector. Earlier runs of the same annotation file are listed
 * ({@link #history}); {@link #open} shows one, and the runs selected for comparison fill the comparison table.
 *
 * <p>An annotations workspace opened in the main window presets the task to EK-100 MIR with its CSV and video folder.
 * All properties are changed on the FX thread.
 */
public final class EvaluateViewModel implements AutoCloseable {
    /** Candidates listed in the inspector (the query's own pair is appended when ranked lower). */
    public static final int INSPECTOR_TOP = 100;
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateViewModel.class);

    private final AppContext ctx;
    private final ThumbnailCache thumbnails;

    private final ObjectProperty<EvalTask> task = new SimpleObjectProperty<>(this, "task", EvalTask.EK100_MIR);
    private final StringProperty model = new SimpleStringProperty(this, "model");
    private final IntegerProperty frames = new SimpleIntegerProperty(this, "frames");
    private final ObjectProperty<Path> annotations = new SimpleObjectProperty<>(this, "annotations");
    private final ObjectProperty<Path> auxiliary = new SimpleObjectProperty<>(this, "auxiliary");
    private final ObjectProperty<Path> videoRoot = new SimpleObjectProperty<>(this, "videoRoot");
    private final BooleanProperty allowMissing = new SimpleBooleanProperty(this, "allowMissing");
    private final BooleanProperty templates = new SimpleBooleanProperty(this, "templates");

    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final BooleanProperty failed = new SimpleBooleanProperty(this, "failed");

    private final ReadOnlyObjectWrapper<EvalSummary> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ObjectProperty<MirEvaluation> mir = new SimpleObjectProperty<>(this, "mir");
    private final ObservableList<String> metricColumns = FXCollections.observableArrayList();
    private final ObservableList<MetricRow> metrics = FXCollections.observableArrayList();
    private final ObjectProperty<MirDirection> direction = new SimpleObjectProperty<>(this, "direction",
            MirDirection.V2T);
    private final ObservableList<QueryScore> queries = FXCollections.observableArrayList();
    private final ObjectProperty<QueryScore> selectedQuery = new SimpleObjectProperty<>(this, "selectedQuery");
    private final ObjectProperty<InspectorQuery> inspectorQuery = new SimpleObjectProperty<>(this, "inspectorQuery");
    private final ObservableList<RankedItem> ranked = FXCollections.observableArrayList();

    private final ObservableList<EvalSummary> history = FXCollections.observableArrayList();
    private final ObservableList<EvalSummary> compared = FXCollections.observableArrayList();
    private final ObservableList<String> comparisonColumns = FXCollections.observableArrayList();
    private final ObservableList<MetricRow> comparison = FXCollections.observableArrayList();

    private Map<String, ClipItem> clipItems = Map.of();
    private BackgroundTask<?> job;
    private ModelSession session;

    /**
     * @param ctx       backend, executor, dialogs, settings folder and start options (model, T)
     * @param workspace the main window's workspace; an annotations workspace presets the inputs
     */
    public EvaluateViewModel(AppContext ctx, ObservableValue<WorkspaceSpec> workspace) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.thumbnails = new ThumbnailCache(ctx.backend().videoSource(), 160, 1024);
        model.set(ctx.options().model());
        frames.set(ctx.options().frames());
        workspace.addListener((o, a, b) -> useWorkspace(b));
        useWorkspace(workspace.getValue());
        annotations.addListener((o, a, b) -> refreshHistory());
        videoRoot.addListener((o, a, b) -> refreshHistory());
        direction.addListener((o, a, b) -> showQueries());
        selectedQuery.addListener((o, a, b) -> inspect(b));
        compared.addListener((javafx.collections.ListChangeListener<EvalSummary>) c -> showComparison());
    }

    // ---- inputs ----

    /** The benchmark. */
    public ObjectProperty<EvalTask> taskProperty() {
        return task;
    }

    /** Model preset or folder. */
    public StringProperty modelProperty() {
        return model;
    }

    /** T, frames per clip. */
    public IntegerProperty framesProperty() {
        return frames;
    }

    /** The task's main annotation file. */
    public ObjectProperty<Path> annotationsProperty() {
        return annotations;
    }

    /** The second file (sentences or classes); null means the default beside the annotations. */
    public ObjectProperty<Path> auxiliaryProperty() {
        return auxiliary;
    }

    /** The video folder. */
    public ObjectProperty<Path> videoRootProperty() {
        return videoRoot;
    }

    /** Evaluate without clips that cannot be decoded. */
    public BooleanProperty allowMissingProperty() {
        return allowMissing;
    }

    /** Average the class prompt templates (Charades-Ego, EGTEA). */
    public BooleanProperty templatesProperty() {
        return templates;
    }

    // ---- state ----

    /** True while an evaluation or a load runs. */
    public BooleanProperty runningProperty() {
        return running;
    }

    /** Progress 0…1, or −1 while indeterminate. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** What happened last. */
    public StringProperty statusProperty() {
        return status;
    }

    /** True when the last status is an error. */
    public BooleanProperty failedProperty() {
        return failed;
    }

    /** The run shown. */
    public ReadOnlyObjectProperty<EvalSummary> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The MIR evaluation shown, or null. */
    public ObjectProperty<MirEvaluation> mirProperty() {
        return mir;
    }

    /** Column titles of the metrics table. */
    public ObservableList<String> metricColumns() {
        return metricColumns;
    }

    /** Rows of the metrics table. */
    public ObservableList<MetricRow> metrics() {
        return metrics;
    }

    /** Direction of the per-query table. */
    public ObjectProperty<MirDirection> directionProperty() {
        return direction;
    }

    /** The per-query rows. */
    public ObservableList<QueryScore> queries() {
        return queries;
    }

    /** The query shown in the inspector. */
    public ObjectProperty<QueryScore> selectedQueryProperty() {
        return selectedQuery;
    }

    /** The inspector's query card. */
    public ObjectProperty<InspectorQuery> inspectorQueryProperty() {
        return inspectorQuery;
    }

    /** The inspector's ranked candidates. */
    public ObservableList<RankedItem> ranked() {
        return ranked;
    }

    /** Earlier runs of the annotation file, newest first. */
    public ObservableList<EvalSummary> history() {
        return history;
    }

    /** The runs selected for comparison. */
    public ObservableList<EvalSummary> compared() {
        return compared;
    }

    /** Column titles of the comparison table. */
    public ObservableList<String> comparisonColumns() {
        return comparisonColumns;
    }

    /** Rows of the comparison table. */
    public ObservableList<MetricRow> comparison() {
        return comparison;
    }

    /** Thumbnails of the evaluated clips. */
    public ThumbnailProvider thumbnails() {
        return thumbnails;
    }

    /** Model presets to offer. */
    public List<String> modelChoices() {
        List<String> out = new ArrayList<>(org.egolens.model.nn.ModelPresets.names());
        if (!out.contains(model.get())) {
            out.add(0, model.get());
        }
        return out;
    }

    /** The annotation file's evaluation folder, or null without annotations and videos. */
    public Path evalRoot() {
        Path a = annotations.get();
        Path v = videoRoot.get();
        return a == null || v == null ? null : EvalPaths.evalRoot(ctx.home(), a, v);
    }

    // ---- commands ----

    /** Asks for the main annotation file. */
    public void chooseAnnotations() {
        ctx.dialogs().chooseFile("Annotation file of " + task.get().title(), "Annotations", "*.csv", "*.json", "*.txt")
                .ifPresent(annotations::set);
    }

    /** Asks for the second file (sentences or classes). */
    public void chooseAuxiliary() {
        ctx.dialogs().chooseFile(task.get() == EvalTask.EK100_MIR ? "Sentence CSV" : "Class list", "Annotations",
                "*.csv", "*.txt").ifPresent(auxiliary::set);
    }

    /** Asks for the video folder. */
    public void chooseVideoRoot() {
        ctx.dialogs().chooseDirectory("Folder with the videos").ifPresent(videoRoot::set);
    }

    /** Evaluates with the current inputs in the background; ignored while a job runs. */
    public void run() {
        if (job != null) {
            return;
        }
        if (annotations.get() == null || videoRoot.get() == null) {
            fail("Choose the annotation file and the video folder first.");
            return;
        }
        String m = model.get() == null || model.get().isBlank() ? ctx.options().model() : model.get().trim();
        int t = frames.get();
        EvalTask k = task.get();
        EvalPaths paths = EvalPaths.of(ctx.home(), annotations.get(), videoRoot.get(), m, t);
        EvalOptions options = EvalOptions.defaults().withBatchSize(ctx.indexing().batchSize())
                .withDecodeThreads(ctx.indexing().decodeThreads()).withAllowMissing(allowMissing.get())
                .withTemplates(templates.get()).withCacheIndex(paths.cacheIndex())
                .withReuseIndexes(paths.reuseIndexes(List.of()));
        EvalRequest request = new EvalRequest(k, annotations.get(), auxiliary.get(), videoRoot.get(),
                EvalHistory.newRunDir(paths.evalRoot(), k, m, t, Instant.now()), options);
        ModelSession s = session(m, t);
        VideoSource source = ctx.backend().videoSource();
        start(BackgroundTask.of("Evaluating " + k.title(), c -> {
            c.updateProgress(0, -1, "Loading model " + m + "\u2026");
            EvalOutcome o = s.with(model -> new EvalRunner(source, model).run(request, monitor(c)));
            return new Shown(o.summary(), o.mir(), o.mir() == null ? Map.of() : clipItems(o.mir(), source,
                    request.videoRoot()));
        }), "Evaluation finished");
    }

    /** Shows an earlier run (re-reads its similarity for EK-100 MIR); ignored while a job runs. */
    public void open(EvalSummary run) {
        if (job != null || run == null) {
            return;
        }
        VideoSource source = ctx.backend().videoSource();
        start(BackgroundTask.of("Opening " + run.dir().getFileName(), c -> {
            c.updateProgress(0, -1, "Reading " + run.dir().getFileName() + "\u2026");
            MirEvaluation e = run.record().task() == EvalTask.EK100_MIR ? MirEvaluation.load(run) : null;
            return new Shown(run, e, e == null ? Map.of() : clipItems(e, source, run.record().videoRoot()));
        }), "Opened " + run.dir().getFileName());
    }

    /** Cancels the running job. */
    public void cancel() {
        if (job != null) {
            status.set("Cancelling\u2026");
            job.cancel();
        }
    }

    /** Re-reads the list of earlier runs (in the background). */
    public void refreshHistory() {
        Path root = evalRoot();
        if (root == null) {
            history.clear();
            return;
        }
        BackgroundTask.of("Listing evaluations", c -> EvalHistory.list(root)).onSuccess(list -> {
            if (root.equals(evalRoot())) {
                List<EvalSummary> keep = compared.stream().filter(list::contains).toList();
                history.setAll(list);
                compared.setAll(keep);
            }
        }).onFailure(e -> LOG.warn("cannot list evaluations in {}: {}", root, e.getMessage()))
                .executeWith(ctx.executor());
    }

    // ---- internals ----

    private record Shown(EvalSummary summary, MirEvaluation mir, Map<String, ClipItem> clips) {}

    private void start(BackgroundTask<Shown> t, String done) {
        job = t;
        running.set(true);
        failed.set(false);
        progress.set(-1);
        status.set(t.title() + "\u2026");
        t.onProgress(this::showProgress).onSuccess(s -> {
            show(s);
            status.set(done + ": " + s.summary().record().label() + String.format(Locale.ROOT, " in %.1f s",
                    s.summary().record().seconds()));
            refreshHistory();
        }).onFailure(e -> fail(t.title() + " failed: " + message(e))).onCancelled(() -> status.set(t.title()
                + " cancelled; finished clip embeddings are kept for the next run")).onFinished(() -> {
                    if (job == t) {
                        job = null;
                        running.set(false);
                        progress.set(0);
                    }
                });
        ctx.executor().execute(t);
    }

    private void fail(String message) {
        failed.set(true);
        status.set(message);
    }

    private void showProgress(Progress p) {
        progress.set(p.fraction());
        if (p.message() != null && !p.message().isEmpty()) {
            status.set(p.message());
        }
    }

    private static BuildMonitor monitor(TaskContext c) {
        return new BuildMonitor() {
            @Override
            public void progress(int done, int total, String message) {
                c.updateProgress(done, total, message);
            }

            @Override
            public boolean isCancelled() {
                return c.isCancelled();
            }
        };
    }

    private ModelSession session(String m, int t) {
        if (session != null && (!session.modelId().equals(m) || session.frames() != t)) {
            ModelSession old = session;
            ctx.executor().execute(BackgroundTask.of("Closing model", c -> {
                old.close();
                return null;
            }));
            session = null;
        }
        if (session == null) {
            session = new ModelSession(ctx.backend(), m, t);
        }
        return session;
    }

    /** Clip items of the scored rows (each video probed once), for thumbnails. */
    private static Map<String, ClipItem> clipItems(MirEvaluation e, VideoSource source, Path videoRoot)
            throws IOException {
        VideoLocator locator = new VideoLocator(videoRoot);
        Map<Path, Object> probes = new HashMap<>();
        Map<String, ClipItem> out = new HashMap<>();
        for (Ek100Clip c : e.clips()) {
            Path video = locator.find(c.participantId(), c.videoId());
            Object info = probes.computeIfAbsent(video, v -> {
                try {
                    return source.probe(v);
                } catch (IOException | RuntimeException ex) {
                    return ex.getMessage() == null ? ex.toString() : ex.getMessage();
                }
            });
            ClipWindow w = new ClipWindow(c.narrationId(), video, c.startSec(), Math.max(c.stopSec(), c.startSec()
                    + 1e-3));
            out.put(c.narrationId(), info instanceof VideoInfo vi ? ClipItem.of(w, w.endSec(), vi.fps(), vi.frameCount())
                    : ClipItem.unreadable(w, (String) info));
        }
        return out;
    }

    private void show(Shown s) {
        current.set(s.summary());
        clipItems = s.clips();
        mir.set(s.mir());
        if (s.mir() != null) {
            metricColumns.setAll(EvalResults.MIR_COLUMNS);
            metrics.setAll(EvalResults.mirRows(s.mir().result()));
        } else {
            metricColumns.setAll(List.of("value"));
            metrics.setAll(EvalResults.flatRows(s.summary()));
        }
        showQueries();
    }

    private void showQueries() {
        MirEvaluation e = mir.get();
        selectedQuery.set(null);
        queries.setAll(e == null ? List.of() : EvalResults.queries(e, direction.get()));
    }

    private void inspect(QueryScore q) {
        MirEvaluation e = mir.get();
        if (e == null || q == null) {
            inspectorQuery.set(null);
            ranked.clear();
            return;
        }
        MirDirection d = direction.get();
        int own = e.ownCandidate(d, q.index());
        List<RankedCandidate> top = e.ranking(d, q.index(), d == MirDirection.V2T ? e.sentences().size()
                : e.clips().size());
        List<RankedItem> items = new ArrayList<>();
        for (RankedCandidate c : top) {
            if (items.size() < INSPECTOR_TOP || c.index() == own) {
                items.add(item(e, d, c, own));
            }
            if (items.size() >= INSPECTOR_TOP && (own < 0 || items.stream().anyMatch(RankedItem::own))) {
                break;
            }
        }
        ClipItem queryClip = d == MirDirection.V2T ? clipItems.get(q.id())
                : own >= 0 ? clipItems.get(e.clips().get(own).narrationId()) : null;
        inspectorQuery.set(new InspectorQuery(d.label(), q.id(), q.text(), q.ap(), q.ndcg(), queryClip,
                Math.min(INSPECTOR_TOP, top.size()), top.size()));
        ranked.setAll(items);
    }

    private RankedItem item(MirEvaluation e, MirDirection d, RankedCandidate c, int own) {
        String id = e.candidateId(d, c.index());
        return new RankedItem(c.rank(), id, e.candidateText(d, c.index()), c.score(), c.relevancy(), c.index() == own,
                d == MirDirection.T2V ? clipItems.get(id) : null);
    }

    private void showComparison() {
        List<EvalSummary> runs = List.copyOf(compared);
        comparisonColumns.setAll(runs.stream().map(EvalResults::title).toList());
        comparison.setAll(EvalResults.comparison(runs));
    }

    private void useWorkspace(WorkspaceSpec spec) {
        if (spec != null && spec.kind() == WorkspaceSpec.Kind.ANNOTATIONS && job == null) {
            task.set(EvalTask.EK100_MIR);
            auxiliary.set(null);
            videoRoot.set(spec.videoRoot());
            annotations.set(spec.path());
        }
    }

    private static String message(Throwable e) {
        Throwable c = e;
        while (c.getMessage() == null && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    @Override
    public void close() {
        cancel();
        if (session != null) {
            session.close();
        }
        thumbnails.close();
    }
}
