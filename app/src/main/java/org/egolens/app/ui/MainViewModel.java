package org.egolens.app.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.egolens.app.media.FrameLoader;
import org.egolens.app.media.ThumbnailCache;
import org.egolens.app.settings.RecentWorkspaces;
import org.egolens.app.task.BackgroundTask;
import org.egolens.app.task.Progress;
import org.egolens.app.workspace.DemoWorkspace;
import org.egolens.app.workspace.LoadedWorkspace;
import org.egolens.app.workspace.ModelSession;
import org.egolens.app.workspace.WorkspaceService;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.nn.ModelPresets;
import org.egolens.model.retrieval.EmbeddingIndex;
import org.egolens.model.retrieval.IndexBuildResult;
import org.egolens.model.retrieval.IndexReport;
import org.egolens.viewer.ClipItem;
import org.egolens.viewer.FrameProvider;
import org.egolens.viewer.SearchResult;
import org.egolens.viewer.ThumbnailProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the main window. Commands start background tasks through the context's executor; state
 * changes happen in task callbacks, on the UI thread. The view binds to the properties and never calls the model side.
 *
 * <p>Flow: {@link #openWorkspace} lists and probes the clips, then indexes them (cached index reused, resumable, Cancel
 * keeps finished batches); once the index is ready {@link #search} ranks clips for a text; selecting a result selects
 * its clip for the player.
 *
 * <p>Start: {@link #openStartWorkspace} opens the workspace given on the command line, else the last one; on the first
 * start (no recent workspace yet) it generates the built-in demo into {@code <home>/demo-workspace} with progress and
 * opens it ({@link #openDemoWorkspace}).
 */
public final class MainViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);
    /** Results shown per query. */
    public static final int TOP_K = 25;

    private final AppContext ctx;
    private final WorkspaceService service;
    private final RecentWorkspaces recentStore;
    private final ThumbnailCache thumbnails;
    private final FrameLoader frames;

    private final ObjectProperty<WorkspaceSpec> workspace = new SimpleObjectProperty<>(this, "workspace");
    private final ObservableList<ClipItem> clips = FXCollections.observableArrayList();
    private final ObservableList<SearchResult> results = FXCollections.observableArrayList();
    private final ObservableList<WorkspaceSpec> recent = FXCollections.observableArrayList();
    private final ObjectProperty<ClipItem> selectedClip = new SimpleObjectProperty<>(this, "selectedClip");
    private final ObjectProperty<EmbeddingIndex> index = new SimpleObjectProperty<>(this, "index");
    private final ObjectProperty<IndexReport> report = new SimpleObjectProperty<>(this, "report");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Ready");
    private final StringProperty indexSummary = new SimpleStringProperty(this, "indexSummary", "");
    private final StringProperty resultsSummary = new SimpleStringProperty(this, "resultsSummary", "");
    private final StringProperty workspaceSummary = new SimpleStringProperty(this, "workspaceSummary", "");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty searching = new SimpleBooleanProperty(this, "searching");
    private final StringProperty model = new SimpleStringProperty(this, "model");
    private final BooleanProperty preparingDemo = new SimpleBooleanProperty(this, "preparingDemo");
    private final ObservableList<String> splits = FXCollections.observableArrayList();

    private Supplier<DemoConfig> demoConfig = DemoWorkspace::configFromSystemProperty;
    private BackgroundTask<?> job;
    private BackgroundTask<Path> demoJob;
    private LoadedWorkspace loaded;
    private Map<String, ClipItem> byId = Map.of();
    private ModelSession session;
    private long generation;

    /** A view model over {@code ctx}; reads the recent workspaces list. */
    public MainViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.service = new WorkspaceService(ctx.backend(), ctx.home(), ctx.indexing());
        this.recentStore = new RecentWorkspaces(ctx.home());
        this.thumbnails = new ThumbnailCache(ctx.backend().videoSource(), 320, 2048);
        this.frames = new FrameLoader(ctx.backend().videoSource());
        recent.setAll(recentStore.list().stream().filter(WorkspaceSpec::exists).toList());
        model.set(ctx.options().model());
    }

    /** The model preset, folder or checkpoint used for indexing and search (start option, or File → Open model). */
    public StringProperty modelProperty() {
        return model;
    }

    /** What the window is built from (executor, dialogs, options), for views that start their own tasks. */
    public AppContext context() {
        return ctx;
    }

    /** Switches to another model; an open workspace is indexed again with it (its cache is per model). */
    public void useModel(String presetOrPath) {
        model.set(presetOrPath);
        if (workspace.get() != null) {
            openWorkspace(workspace.get());
        }
    }

    // ---- state ----

    /** The open workspace, null before the first one. */
    public ObjectProperty<WorkspaceSpec> workspaceProperty() {
        return workspace;
    }

    /** The workspace's clips, in listing order. */
    public ObservableList<ClipItem> clips() {
        return clips;
    }

    /** Ranked clips of the last query. */
    public ObservableList<SearchResult> results() {
        return results;
    }

    /** Recently opened workspaces that still exist, newest first. */
    public ObservableList<WorkspaceSpec> recent() {
        return recent;
    }

    /** The clip in the player. */
    public ObjectProperty<ClipItem> selectedClipProperty() {
        return selectedClip;
    }

    /** The workspace's index once built. */
    public ObjectProperty<EmbeddingIndex> indexProperty() {
        return index;
    }

    /** The last index build report. */
    public ObjectProperty<IndexReport> reportProperty() {
        return report;
    }

    /** Status line. */
    public StringProperty statusProperty() {
        return status;
    }

    /** E.g. "63 clips indexed · tiny · T=4". */
    public StringProperty indexSummaryProperty() {
        return indexSummary;
    }

    /** E.g. "25 of 63 clips for “red”". */
    public StringProperty resultsSummaryProperty() {
        return resultsSummary;
    }

    /** E.g. "63 clips · 2 unreadable". */
    public StringProperty workspaceSummaryProperty() {
        return workspaceSummary;
    }

    /** Progress of the running job, 0…1 or −1. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** True while a cancellable job (open/index) runs. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** True while a query runs. */
    public BooleanProperty searchingProperty() {
        return searching;
    }

    /** True when queries can run. */
    public BooleanBinding searchReady() {
        return Bindings.createBooleanBinding(() -> index.get() != null && !searching.get(), index, searching);
    }

    /** True while the demo workspace is being checked or generated (before it opens). */
    public BooleanProperty preparingDemoProperty() {
        return preparingDemo;
    }

    /**
     * The splits of the open EK-100 workspace whose annotation files exist (e.g. {@code [test, train]}); empty for a
     * folder or a single annotation file.
     */
    public ObservableList<String> splits() {
        return splits;
    }

    /** Thumbnails for the views. */
    public ThumbnailProvider thumbnails() {
        return thumbnails;
    }

    /** Player frames for the views. */
    public FrameProvider frames() {
        return frames;
    }

    /** Model preset or folder, and T, as a label. */
    public String modelLabel() {
        return model.get() + " \u00b7 T=" + ctx.options().frames();
    }

    /**
     * True when the model is a preset, i.e. randomly initialised: its similarity scores carry no meaning until a trained
     * model (a model folder, e.g. from the Train tab) is used.
     */
    public boolean modelUntrained() {
        return ModelPresets.exists(model.get());
    }

    /** Where the demo workspace lives: {@code <home>/demo-workspace}. */
    public Path demoFolder() {
        return DemoWorkspace.folder(ctx.home());
    }

    /** The dialogs. */
    public DialogService dialogs() {
        return ctx.dialogs();
    }

    // ---- commands ----

    /** Asks for a folder and opens it. */
    public void openFolderWithDialog() {
        ctx.dialogs().chooseDirectory("Open clips folder").ifPresent(p -> openWorkspace(DemoWorkspace.specForFolder(p)));
    }

    /** Asks for an EK-100 annotation CSV, then for its video root, and opens them. */
    public void openAnnotationsWithDialog() {
        ctx.dialogs().chooseFile("Open EK-100 annotation file", "CSV files", "*.csv").ifPresent(csv -> ctx.dialogs()
                .chooseDirectory("Folder with the videos (<participant>/<video>.mp4)")
                .ifPresent(root -> openWorkspace(WorkspaceSpec.annotations(csv, root))));
    }

    /**
     * What to open at start: {@code requested} (a clips folder from the command line) if given; else the most recent
     * workspace that still exists; on the first start (no workspace was ever opened) the demo workspace, generated if
     * needed. When recent workspaces exist but none is left, the welcome view stays.
     *
     * @param requested clips folder to open, or null
     */
    public void openStartWorkspace(Path requested) {
        if (requested != null) {
            openWorkspace(DemoWorkspace.specForFolder(requested));
        } else if (!recent.isEmpty()) {
            openWorkspace(recent.get(0));
        } else if (recentStore.list().isEmpty()) {
            openDemoWorkspace();
        } else {
            status.set("The recent workspaces no longer exist: open a folder, an annotation file or the demo");
        }
    }

    /**
     * Opens the demo workspace ({@link #demoFolder()}, test split), generating it first when it is missing or damaged
     * (size from {@value DemoWorkspace#SIZE_PROPERTY}). Generation runs in the background with progress and can be
     * cancelled; cancelling removes the partial output.
     */
    public void openDemoWorkspace() {
        DemoConfig cfg;
        try {
            cfg = demoConfig.get();
        } catch (IllegalArgumentException e) {
            status.set("Cannot generate the demo workspace: " + e.getMessage());
            ctx.dialogs().showError("Cannot generate the demo workspace", e.getMessage());
            return;
        }
        cancel();
        long gen = ++generation;
        Path dir = demoFolder();
        BackgroundTask<Path> task = BackgroundTask.of("Preparing the demo workspace",
                c -> DemoWorkspace.prepare(dir, cfg, c));
        demoJob = task;
        preparingDemo.set(true);
        Runnable done = () -> {
            if (demoJob == task) { // a later demo job keeps the flag
                demoJob = null;
                preparingDemo.set(false);
            }
        };
        start(task.onSuccess(d -> {
            done.run();
            if (gen == generation) {
                openWorkspace(DemoWorkspace.spec(d, DemoWorkspace.DEFAULT_SPLIT));
            }
        }).onFailure(e -> {
            done.run();
            if (gen == generation) {
                status.set("Cannot generate the demo workspace: " + message(e));
                ctx.dialogs().showError("Cannot generate the demo workspace", message(e));
            }
        }).onCancelled(() -> {
            done.run();
            if (gen == generation) {
                status.set("Demo generation cancelled; nothing was kept");
            }
        }));
    }

    /** Replaces the size of a newly generated demo (default: from {@value DemoWorkspace#SIZE_PROPERTY}); for tests. */
    void setDemoConfig(DemoConfig config) {
        Objects.requireNonNull(config, "config");
        demoConfig = () -> config;
    }

    /** Re-opens the open EK-100 workspace with another split's annotation file (e.g. {@code "train"}). */
    public void openSplit(String split) {
        WorkspaceSpec w = workspace.get();
        if (w != null && split != null && w.split().isPresent() && !w.split().get().equals(split)) {
            openWorkspace(w.withSplit(split));
        }
    }

    /** Opens {@code spec}: lists and probes its clips, then indexes them. Cancels a running job first. */
    public void openWorkspace(WorkspaceSpec spec) {
        cancel();
        long gen = ++generation;
        if (session != null) {
            // a cancelled build may still hold the model until its batch ends: close it off the UI thread
            ModelSession old = session;
            ctx.executor().execute(BackgroundTask.of("Closing model", c -> {
                old.close();
                return null;
            }));
        }
        session = new ModelSession(ctx.backend(), model.get(), ctx.options().frames(), spec.root());
        workspace.set(spec);
        loaded = null;
        byId = Map.of();
        clips.clear();
        results.clear();
        selectedClip.set(null);
        index.set(null);
        report.set(null);
        indexSummary.set("");
        resultsSummary.set("");
        workspaceSummary.set("");
        splits.clear();
        thumbnails.setDiskDir(spec.cacheDir(ctx.home()).resolve("thumbs"));
        start(BackgroundTask.of("Opening " + spec.displayName(), c -> {
            List<WorkspaceSpec> r;
            try {
                r = recentStore.add(spec);
            } catch (IOException e) {
                LOG.warn("cannot save recent workspaces to {}: {}", recentStore.file(), e.getMessage());
                r = null;
            }
            return new Opened(service.load(spec, c), r, spec.availableSplits());
        }).onSuccess(opened -> {
            if (opened.recent() != null) {
                recent.setAll(opened.recent().stream().filter(WorkspaceSpec::exists).toList());
            }
            if (gen != generation) {
                return;
            }
            LoadedWorkspace ws = opened.workspace();
            loaded = ws;
            splits.setAll(opened.splits().size() > 1 ? opened.splits() : List.of());
            byId = ws.itemsById();
            clips.setAll(ws.items());
            long bad = ws.items().size() - ws.readableCount();
            workspaceSummary.set(ws.items().size() + " clips" + (bad > 0 ? " \u00b7 " + bad + " unreadable" : ""));
            if (ws.readableCount() == 0) {
                status.set(ws.items().isEmpty() ? "No videos found in " + spec.path() : "No readable clips in "
                        + spec.displayName());
                return;
            }
            startIndexing(gen);
        }).onFailure(e -> {
            if (gen == generation) {
                status.set("Cannot open " + spec.displayName() + ": " + message(e));
                ctx.dialogs().showError("Cannot open workspace", message(e));
            }
        }).onCancelled(() -> {
            if (gen == generation) {
                status.set("Opening cancelled");
            }
        }));
    }

    /** Rebuilds or completes the index of the open workspace (e.g. after a cancelled build). */
    public void reindex() {
        if (loaded != null && job == null) {
            startIndexing(generation);
        }
    }

    private void startIndexing(long gen) {
        LoadedWorkspace ws = loaded;
        ModelSession s = session;
        start(BackgroundTask.of("Indexing " + ws.spec().displayName(), c -> service.index(ws, s, c)).onSuccess(r -> {
            if (gen != generation) {
                return;
            }
            index.set(r.index());
            report.set(r.report());
            indexSummary.set(summary(r));
            status.set(String.format(Locale.ROOT, "Index ready: %d clips (%d embedded now, %d from cache)%s",
                    r.report().indexedClips(), r.report().embedded(), r.report().resumed() + r.report().reused(),
                    r.report().skipped().isEmpty() ? "" : ", " + r.report().skipped().size() + " skipped"));
        }).onFailure(e -> {
            if (gen == generation) {
                status.set("Indexing failed: " + message(e));
                ctx.dialogs().showError("Indexing failed", message(e));
            }
        }).onCancelled(() -> {
            if (gen == generation) {
                status.set("Indexing cancelled; finished clips are kept and the next run resumes");
            }
        }));
    }

    private String summary(IndexBuildResult r) {
        return r.report().indexedClips() + " clips indexed \u00b7 " + r.index().header().modelId() + " \u00b7 T="
                + r.index().header().numFrames() + " \u00b7 D=" + r.index().dim();
    }

    /** Ranks the indexed clips for {@code query}; ignored until the index is ready. */
    public void search(String query) {
        EmbeddingIndex idx = index.get();
        if (idx == null || query == null || query.isBlank() || searching.get()) {
            return;
        }
        long gen = generation;
        Map<String, ClipItem> items = byId;
        ModelSession s = session;
        searching.set(true);
        status.set("Searching \u201c" + query + "\u201d\u2026");
        long t0 = System.nanoTime();
        BackgroundTask.of("Search", c -> service.search(idx, items, s, query, TOP_K)).onSuccess(hits -> {
            if (gen != generation) {
                return;
            }
            results.setAll(hits);
            resultsSummary.set(hits.size() + " of " + idx.size() + " clips for \u201c" + query + "\u201d");
            status.set(String.format(Locale.ROOT, "Searched %d clips in %.0f ms", idx.size(),
                    (System.nanoTime() - t0) / 1e6));
        }).onFailure(e -> status.set("Search failed: " + message(e)))
                .onFinished(() -> searching.set(false))
                .executeWith(ctx.executor());
    }

    /** Shows a result's clip in the player. */
    public void selectResult(SearchResult r) {
        if (r != null) {
            selectedClip.set(r.clip());
        }
    }

    /** Cancels the running open/index job, if any. */
    public void cancel() {
        if (job != null) {
            status.set("Cancelling\u2026");
            job.cancel();
        }
    }

    private <V> void start(BackgroundTask<V> task) {
        job = task;
        busy.set(true);
        progress.set(-1);
        status.set(task.title() + "\u2026");
        task.onProgress(this::showProgress).onFinished(() -> {
            if (job == task) {
                job = null;
                busy.set(false);
                progress.set(0);
            }
        });
        ctx.executor().execute(task);
    }

    private void showProgress(Progress p) {
        progress.set(p.fraction());
        if (p.message() != null && !p.message().isEmpty()) {
            status.set(p.message());
        }
    }

    private static String message(Throwable e) {
        Throwable c = e;
        while (c.getMessage() == null && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    /**
     * Result of the open task: the clips, the updated recent list (null if it could not be saved) and the splits whose
     * annotation files exist.
     */
    private record Opened(LoadedWorkspace workspace, List<WorkspaceSpec> recent, List<String> splits) {}

    @Override
    public void close() {
        cancel();
        if (session != null) {
            session.close();
        }
        thumbnails.close();
        frames.close();
    }
}
