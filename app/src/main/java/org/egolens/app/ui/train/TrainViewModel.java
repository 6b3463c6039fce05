package org.egolens.app.ui.train;

import org.egolens.model.train.TrainRunConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.egolens.app.ui.DialogService;
import org.egolens.model.train.run.RunFolder;
import org.egolens.model.train.run.RunInfo;
import org.egolens.model.train.run.RunState;
import org.egolens.model.train.run.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the Train tab.
 *
 * <ul>
 *   <li><b>Runs list</b>: the run folders under {@link #runsRootProperty()} (rescanned every second on the monitor
 *       thread: {@code status.json}, {@code run.json}, {@code process.json}) plus folders added with Attach….</li>
 *   <li><b>Start</b>: validates the form, creates {@code <runs>/<name>-<yyyyMMdd-HHmmss>/config.yaml} and launches the
 *       trainer through the {@link TrainingLauncher} as a child process. <b>Stop</b> sends SIGTERM (the trainer
 *       checkpoints and exits 130); <b>Resume</b> relaunches with {@code --resume}. A trainer started by an earlier
 *       GUI session is found again through {@code process.json} and can be stopped too.</li>
 *   <li><b>Charts</b>: the selected run plus the runs ticked for comparison are followed through their
 *       {@code metrics.jsonl} ({@link RunFeed}, polled every 200 ms on the monitor thread, which writes into bounded
 *       chart series; the charts copy them on the FX thread at 8 Hz).</li>
 * </ul>
 * Runs are independent processes: closing the view model (or the GUI) leaves them running. All public methods: FX
 * thread.
 */
public final class TrainViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainViewModel.class);
    /** Most runs drawn at once (selected + compared). */
    public static final int MAX_SHOWN = 8;
    private static final long POLL_MILLIS = 200;
    private static final int SCAN_EVERY_POLLS = 5;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final TrainingLauncher launcher;
    private final DialogService dialogs;
    private final TrainConfigForm form = new TrainConfigForm();
    private final TrainCharts charts = new TrainCharts();
    private final ObjectProperty<Path> runsRoot = new SimpleObjectProperty<>(this, "runsRoot");
    private final ObservableList<RunItem> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ScheduledExecutorService monitor;
    private final AtomicBoolean scanPending = new AtomicBoolean();
    private volatile List<RunFeed> feeds = List.of();
    private volatile Path scanRoot;
    private volatile boolean closed;
    private long polls;
    private final BooleanProperty canStop = new SimpleBooleanProperty(this, "canStop");
    private final BooleanProperty canResume = new SimpleBooleanProperty(this, "canResume");
    private final InvalidationListener commandState = o -> updateCommands();

    /**
     * @param launcher starts trainer processes
     * @param dialogs  folder chooser and errors
     * @param runsRoot folder whose sub-folders are runs (created on the first Start)
     */
    public TrainViewModel(TrainingLauncher launcher, DialogService dialogs, Path runsRoot) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "egolens-train-monitor");
            t.setDaemon(true);
            return t;
        });
        this.runsRoot.addListener((o, a, b) -> {
            scanRoot = b;
            runs.removeIf(r -> !r.attached() && r.processProperty().get() == null);
            requestScan();
        });
        this.runsRoot.set(runsRoot.toAbsolutePath().normalize());
        selected.addListener((o, a, b) -> {
            if (a != null) {
                a.phaseProperty().removeListener(commandState);
                a.processProperty().removeListener(commandState);
            }
            if (b != null) {
                b.phaseProperty().addListener(commandState);
                b.processProperty().addListener(commandState);
            }
            updateCommands();
            rebuildFeeds();
        });
        runs.addListener((ListChangeListener<RunItem>) c -> {
            while (c.next()) {
                for (RunItem r : c.getAddedSubList()) {
                    r.compareProperty().addListener((ob, was, now) -> rebuildFeeds());
                }
                if (c.wasRemoved() && c.getRemoved().contains(selected.get())) {
                    selected.set(null);
                }
            }
        });
        monitor.scheduleWithFixedDelay(this::tick, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The new-run form. */
    public TrainConfigForm form() {
        return form;
    }

    /** The live charts. */
    public TrainCharts charts() {
        return charts;
    }

    /** The folder whose sub-folders are listed as runs. */
    public ObjectProperty<Path> runsRootProperty() {
        return runsRoot;
    }

    /** The runs, newest first (attached ones first of all). */
    public ObservableList<RunItem> runs() {
        return runs;
    }

    /** The run shown in detail. */
    public ObjectProperty<RunItem> selectedProperty() {
        return selected;
    }

    /** The last action's outcome, for the tab's status line. */
    public StringProperty messageProperty() {
        return message;
    }

    /** True when the selected run has a live trainer that was not asked to stop yet. */
    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop;
    }

    /** True when the selected run is stopped, failed or crashed. */
    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume;
    }

    private void updateCommands() {
        RunItem r = selected.get();
        RunPhase phase = r == null ? null : r.phase();
        canStop.set(r != null && r.processProperty().get() != null && phase != RunPhase.STOPPING);
        canResume.set(phase != null && phase.resumable());
    }

    /** The list item of a run folder, if listed. */
    public Optional<RunItem> item(Path runDir) {
        Path d = runDir.toAbsolutePath().normalize();
        return runs.stream().filter(r -> r.folder().dir().equals(d)).findFirst();
    }

    /**
     * Starts a new run from the form: validates it (errors go to a dialog naming the config keys), writes
     * {@code config.yaml} into a new run folder and launches the trainer. The new run is selected.
     *
     * @return the new run, or empty if the form is invalid or the launch failed
     */
    public Optional<RunItem> start() {
        TrainRunConfig cfg = form.toConfig();
        List<String> problems = cfg.problems();
        if (!problems.isEmpty()) {
            dialogs.showError("Cannot start the run", String.join("\n", problems));
            return Optional.empty();
        }
        try {
            Path dir = newRunDir(runsRoot.get(), cfg.name());
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, cfg.toYaml(), StandardCharsets.UTF_8);
            RunItem item = new RunItem(new RunFolder(dir), false);
            item.nameProperty().set(cfg.name());
            TrainingProcess p;
            try {
                p = launcher.start(config, dir);
            } catch (IOException | RuntimeException e) {
                deleteUnstarted(dir);
                throw e;
            }
            runs.add(0, item);
            track(item, p);
            selected.set(item);
            message.set("Started " + dir.getFileName() + " (pid " + p.pid() + ")");
            return Optional.of(item);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not start a training run", e);
            dialogs.showError("Cannot start the run", e.getMessage() == null ? e.toString() : e.getMessage());
            return Optional.empty();
        }
    }

    /** Asks the selected run's trainer to stop (SIGTERM); it checkpoints first. */
    public void stop() {
        RunItem item = selected.get();
        if (item == null || item.processProperty().get() == null) {
            return;
        }
        item.stoppingProperty().set(true);
        item.processProperty().get().stop();
        message.set("Stopping " + item.nameProperty().get() + " \u2026 (the trainer writes a checkpoint first)");
    }

    /** Resumes the selected run from its latest checkpoint. */
    public void resume() {
        RunItem item = selected.get();
        if (item == null || !item.phase().resumable()) {
            return;
        }
        try {
            OptionalLong ckpt = item.folder().latestCheckpointStep();
            if (ckpt.isEmpty()) {
                dialogs.showError("Cannot resume", item.folder().dir() + " has no checkpoint (checkpoints/step-N) to "
                        + "resume from.");
                return;
            }
            TrainingProcess p = launcher.resume(item.folder().dir());
            track(item, p);
            message.set("Resuming " + item.nameProperty().get() + " from step " + ckpt.getAsLong() + " (pid "
                    + p.pid() + ")");
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not resume {}", item.folder().dir(), e);
            dialogs.showError("Cannot resume", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Asks for a run folder and follows it (a run started from the CLI, or one finished elsewhere). */
    public void attachWithDialog() {
        dialogs.chooseDirectory("Attach to a training run folder").ifPresent(this::attach);
    }

    /**
     * Follows a run folder: lists it (if not listed yet) and selects it.
     *
     * @return the run, or empty (with an error dialog) if the folder is not a run
     */
    public Optional<RunItem> attach(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (!RunFolder.looksLikeRun(d)) {
            dialogs.showError("Not a run folder", d + " has no run.json, status.json or metrics.jsonl.");
            return Optional.empty();
        }
        RunItem item = item(d).orElseGet(() -> {
            RunItem r = new RunItem(new RunFolder(d), !d.startsWith(runsRoot.get()));
            r.nameProperty().set(r.folder().displayName());
            runs.add(0, r);
            return r;
        });
        readStatusNow(item);
        selected.set(item);
        message.set("Following " + d);
        return Optional.of(item);
    }

    /**
     * Loads the selected run's config ({@code config.resolved.yaml}, else {@code config.yaml}) into the form, named
     * {@code <name>-2}, to start a variant.
     */
    public void copySettingsOfSelected() {
        RunItem item = selected.get();
        if (item == null) {
            return;
        }
        Path dir = item.folder().dir();
        for (String f : List.of(RunFolder.RESOLVED_CONFIG, "config.yaml")) {
            Path p = dir.resolve(f);
            if (Files.isRegularFile(p)) {
                try {
                    TrainRunConfig c = TrainRunConfig.fromYaml(Files.readString(p, StandardCharsets.UTF_8));
                    form.load(c.withName(nextName(c.name())));
                    message.set("Form filled from " + p);
                } catch (IOException | IllegalArgumentException e) {
                    dialogs.showError("Cannot read the run's config", p + ": " + e.getMessage());
                }
                return;
            }
        }
        dialogs.showError("No config", dir + " has no " + RunFolder.RESOLVED_CONFIG + " or config.yaml.");
    }

    /** Asks for the folder whose sub-folders are runs. */
    public void chooseRunsFolder() {
        dialogs.chooseDirectory("Runs folder").ifPresent(p -> runsRoot.set(p.toAbsolutePath().normalize()));
    }

    /** Rescans the runs folder now (also done every second). */
    public void refresh() {
        requestScan();
    }

    /** Stops following runs; trainer processes keep running. */
    @Override
    public void close() {
        closed = true;
        monitor.shutdownNow();
    }

    // ---------------------------------------------------------------- process tracking

    private void track(RunItem item, TrainingProcess p) {
        item.exitedProperty().set(false);
        item.exitCodeProperty().set(null);
        item.stoppingProperty().set(false);
        item.processProperty().set(p);
        Path dir = item.folder().dir();
        if (p instanceof ChildProcessLauncher.ChildTrainingProcess) {
            try {
                LaunchRecord.of(p).write(dir);
            } catch (IOException e) {
                LOG.warn("could not write {} in {}", LaunchRecord.FILE, dir, e);
            }
        }
        p.exit().thenAccept(code -> Platform.runLater(() -> exited(item, p, code)));
    }

    private void exited(RunItem item, TrainingProcess p, OptionalInt code) {
        if (item.processProperty().get() != p) {
            return;
        }
        item.processProperty().set(null);
        item.stoppingProperty().set(false);
        item.exitedProperty().set(true);
        code.ifPresent(c -> item.exitCodeProperty().set(c));
        code.ifPresent(c -> {
            try {
                Optional<LaunchRecord> rec = LaunchRecord.read(item.folder().dir());
                if (rec.isPresent() && rec.get().pid() == p.pid()) {
                    rec.get().withExitCode(c).write(item.folder().dir());
                }
            } catch (IOException e) {
                LOG.debug("could not record the exit code in {}", item.folder().dir(), e);
            }
        });
        readStatusNow(item);
        String name = item.nameProperty().get();
        String how = switch (item.phase()) {
            case STOPPED -> name + " stopped at step " + item.stepProperty().get();
            case FINISHED -> name + " finished at step " + item.stepProperty().get();
            case FAILED -> name + " failed: " + item.messageProperty().get();
            default -> name + " ended (exit code " + code.stream().mapToObj(String::valueOf).findFirst().orElse("?")
                    + ") without a final status; see " + item.folder().dir().resolve(ChildProcessLauncher.CONSOLE_LOG);
        };
        message.set(how);
    }

    private void readStatusNow(RunItem item) {
        try {
            item.folder().status().ifPresent(s -> applyStatus(item, s));
        } catch (IOException e) {
            item.messageProperty().set(e.getMessage());
        }
    }

    private static void applyStatus(RunItem item, RunStatus s) {
        item.stateProperty().set(s.state());
        if (s.step() > item.stepProperty().get() || s.state().isTerminal()) {
            item.stepProperty().set(s.step());
        }
        item.messageProperty().set(s.message());
    }

    /** Removes the folder of a run whose trainer could not be started (only the files the GUI put there). */
    private static void deleteUnstarted(Path dir) {
        try {
            for (String f : List.of("config.yaml", ChildProcessLauncher.CONSOLE_LOG)) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debug("could not remove {}", dir, e);
        }
    }

    private static Path newRunDir(Path root, String name) throws IOException {
        Files.createDirectories(root);
        String base = name + "-" + LocalDateTime.now().format(STAMP);
        Path dir = root.resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = root.resolve(base + "-" + i);
        }
        return Files.createDirectory(dir);
    }

    private static String nextName(String name) {
        var m = java.util.regex.Pattern.compile("(.*)-(\\d+)").matcher(name);
        return m.matches() ? m.group(1) + "-" + (Integer.parseInt(m.group(2)) + 1) : name + "-2";
    }

    // ---------------------------------------------------------------- charts

    /** The shown runs: the selected one, then the compared ones in list order. */
    List<RunItem> shownRuns() {
        List<RunItem> shown = new ArrayList<>();
        if (selected.get() != null) {
            shown.add(selected.get());
        }
        for (RunItem r : runs) {
            if (r.compareProperty().get() && !shown.contains(r) && shown.size() < MAX_SHOWN) {
                shown.add(r);
            }
        }
        return shown;
    }

    private void rebuildFeeds() {
        List<RunItem> shown = shownRuns();
        charts.clear();
        List<RunFeed> next = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            RunFeed f = new RunFeed(shown.get(i), i, shown.size() == 1);
            f.initialSeries().forEach(s -> charts.attach(s.chart(), s.spec(), s.series()));
            next.add(f);
        }
        for (var c : charts.all()) {
            c.setLegendVisible(true);
        }
        feeds = List.copyOf(next);
        if (!closed) {
            monitor.execute(this::pollFeeds);
        }
    }

    // ---------------------------------------------------------------- monitor thread

    private void tick() {
        if (closed) {
            return;
        }
        try {
            pollFeeds();
            if (polls++ % SCAN_EVERY_POLLS == 0) {
                scan();
            }
        } catch (RuntimeException e) {
            LOG.warn("train monitor", e);
        }
    }

    private void requestScan() {
        if (!closed && scanPending.compareAndSet(false, true)) {
            monitor.execute(() -> {
                scanPending.set(false);
                scan();
            });
        }
    }

    private synchronized void pollFeeds() {
        List<RunFeed> current = feeds;
        List<RunFeed.Update> updates = new ArrayList<>();
        for (RunFeed f : current) {
            try {
                RunFeed.Update u = f.poll();
                if (!u.isEmpty()) {
                    updates.add(u);
                }
            } catch (IOException e) {
                LOG.debug("cannot read {}", f.item().folder().metricsFile(), e);
            }
        }
        if (!updates.isEmpty()) {
            Platform.runLater(() -> applyUpdates(current, updates));
        }
    }

    private void applyUpdates(List<RunFeed> generation, List<RunFeed.Update> updates) {
        boolean current = generation == feeds;
        for (RunFeed.Update u : updates) {
            RunItem item = u.feed().item();
            if (current) {
                u.added().forEach(s -> charts.attach(s.chart(), s.spec(), s.series()));
            }
            if (u.reset()) {
                item.bestMapProperty().set(Double.NaN);
                item.bestMapStepProperty().set(-1);
            }
            if (u.last() != null && item.processProperty().get() != null
                    && item.stateProperty().get() != RunState.RUNNING) {
                readStatusNow(item); // steps flow: pick up "running" without waiting for the next scan
            }
            if (u.last() != null) {
                item.stepProperty().set(u.last().step());
                item.epochProperty().set(u.last().epoch());
                item.timeSProperty().set(u.last().timeS());
                item.lossProperty().set(u.last().loss());
            }
            if (u.best() != null) {
                item.bestMapProperty().set(u.best().mAP().avg());
                item.bestMapStepProperty().set(u.best().step());
            }
            if (u.status() != null && item.processProperty().get() == null) {
                item.stateProperty().set(u.status().state());
                item.messageProperty().set(u.status().message());
            }
            if (u.nan() != null) {
                item.messageProperty().set(u.nan().message());
            }
            if (!u.errors().isEmpty()) {
                message.set(u.errors().size() + " malformed line(s) skipped in " + item.folder().metricsFile()
                        + "; first: " + u.errors().get(0));
            }
        }
    }

    /** Reads the runs folder and each run's status; merges on the FX thread. */
    private void scan() {
        Path root = scanRoot;
        if (root == null || closed) {
            return;
        }
        Map<Path, Scanned> found = new LinkedHashMap<>();
        try {
            for (RunFolder f : RunFolder.list(root)) {
                found.put(f.dir(), read(f));
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}", root, e);
        }
        Platform.runLater(() -> {
            // attached runs and runs outside the listing are refreshed too
            Map<Path, RunItem> listed = new HashMap<>();
            runs.forEach(r -> listed.put(r.folder().dir(), r));
            List<RunItem> added = new ArrayList<>();
            for (Scanned s : found.values()) {
                RunItem item = listed.get(s.folder.dir());
                if (item == null) {
                    item = new RunItem(s.folder, false);
                    added.add(item);
                }
                merge(item, s);
            }
            runs.addAll(added);
            for (RunItem r : runs) {
                if (!closed && !found.containsKey(r.folder().dir())
                        && (r.attached() || r.processProperty().get() != null)) {
                    monitor.execute(() -> {
                        Scanned s = read(r.folder());
                        Platform.runLater(() -> merge(r, s));
                    });
                }
            }
            runs.removeIf(r -> !found.containsKey(r.folder().dir()) && !r.attached()
                    && r.processProperty().get() == null && !Files.isDirectory(r.folder().dir()));
        });
    }

    /** What the monitor read of a run folder; name is null when run.json has none. */
    private record Scanned(RunFolder folder, String name, RunStatus status, String error, TrainingProcess adopted) {}

    private static Scanned read(RunFolder f) {
        RunStatus st = null;
        String error = null;
        String name = null;
        TrainingProcess adopted = null;
        try {
            st = f.status().orElse(null);
            name = f.info().map(RunInfo::name).filter(n -> !n.isBlank()).orElse(null);
            if (st != null && st.state() == RunState.RUNNING) {
                adopted = LaunchRecord.read(f.dir()).flatMap(LaunchRecord::adopt).orElse(null);
            }
        } catch (IOException e) {
            error = e.getMessage();
        }
        return new Scanned(f, name, st, error, adopted);
    }

    private void merge(RunItem item, Scanned s) {
        if (s.name != null) {
            item.nameProperty().set(s.name);
        }
        if (s.status != null && item.processProperty().get() == null) {
            applyStatus(item, s.status);
        } else if (s.status != null && s.status.state() == RunState.RUNNING) {
            item.stateProperty().set(RunState.RUNNING);
        }
        if (s.error != null) {
            item.messageProperty().set(s.error);
        }
        if (s.adopted != null && item.processProperty().get() == null && !item.exitedProperty().get()) {
            track(item, s.adopted);
        }
    }
}
