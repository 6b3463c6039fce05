package org.egolens.app.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.train.TrainRunConfig;
import org.egolens.model.train.run.RunEvent;
import org.egolens.model.train.run.RunHistory;
import org.egolens.model.train.run.RunState;
import org.egolens.model.train.run.RunStatus;
import org.egolens.viewer.chart.BoundedSeries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Train tab end to end with the REAL trainer ({@code org.egolens.app.Launcher train}) as a child JVM: a short
 * {@code tiny} SMS run on a small demo workspace generated in a temp folder is started from the form, the loss chart
 * (total and SMS parts) receives points, Stop ends it with status stopped, exit 130 and a checkpoint, Resume continues
 * with contiguous steps, the eval chart receives mAP points, and the run finishes. Screenshot in
 * {@code target/screenshots/train-real.png}.
 *
 * <p>Checkpoint naming: the real trainer names {@code checkpoints/step-N} by the number of completed steps N (= the
 * last step index + 1), while {@code status.json} and the events carry step indices; so the stop checkpoint is
 * {@code status.step + 1} (the fake trainer of {@link TrainTabFxTest} uses the step index).
 */
@ExtendWith(ApplicationExtension.class)
class TrainTabRealTrainerFxTest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainTabRealTrainerFxTest.class);
    private static final int STEPS_PER_EPOCH = 10;
    private static final int EPOCHS = 6;
    private static final long TOTAL_STEPS = (long) STEPS_PER_EPOCH * EPOCHS;
    private static final List<String> PROPERTIES = List.of("egolens.home", "egolens.demo.size");

    static {
        // Monocle's headless screen (default 1280x800) must hold the 1440-wide window; effective if this class starts
        // the toolkit, else the window is fitted to the screen
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private static Path shared;
    private static Path workspace;
    private static final Map<String, String> savedProperties = new HashMap<>();

    private final TrainTabFxTest.Dialogs dialogs = new TrainTabFxTest.Dialogs();
    private Path tmp;
    private TrainViewModel vm;
    private Stage stage;

    @BeforeAll
    static void demoWorkspace() throws IOException {
        shared = Files.createTempDirectory("egolens-train-real-fx");
        long t0 = System.nanoTime();
        workspace = shared.resolve("demo-workspace");
        DemoDataset.generate(DemoConfig.defaults().withClips(24, 12, 2), workspace, (f, m) -> {});
        LOG.info("small demo workspace generated in {} ms", (System.nanoTime() - t0) / 1_000_000);
        // forwarded to the child trainer: nothing goes to the user's ~/.egolens
        for (String k : PROPERTIES) {
            savedProperties.put(k, System.getProperty(k));
        }
        System.setProperty("egolens.home", Files.createDirectories(shared.resolve("home")).toString());
        System.setProperty("egolens.demo.size", "small");
    }

    @AfterAll
    static void restore() throws IOException {
        for (String k : PROPERTIES) {
            String v = savedProperties.get(k);
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        }
        deleteTree(shared);
    }

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        tmp = Files.createTempDirectory(shared, "runs");
        TrainingLauncher launcher = new ChildProcessLauncher("org.egolens.app.Launcher", List.of("train"),
                List.of("-Xmx1g"));
        vm = new TrainViewModel(launcher, dialogs, tmp.resolve("runs"));
        TrainTabHarness.show(stage, vm, dialogs);
    }

    @AfterEach
    void tearDown() throws Exception {
        int live = TrainTabHarness.killLiveAndClose(vm, 20);
        if (live > 0) {
            LOG.warn("killed {} trainer(s) still running at the end of the test", live);
        }
    }

    private BoundedSeries.Snapshot shown(TrainCharts.Id chart, String key) {
        return vm.charts().chart(chart).shown(key).orElse(new BoundedSeries.Snapshot(new double[0], new double[0], 0, 0));
    }

    private double lastShownStep() {
        BoundedSeries.Snapshot s = shown(TrainCharts.Id.LOSS, "0:loss");
        return s.size() == 0 ? -1 : s.x()[s.size() - 1];
    }

    private static String console(RunItem run) {
        try {
            return Files.readString(run.folder().dir().resolve(ChildProcessLauncher.CONSOLE_LOG));
        } catch (IOException e) {
            return "(no console.log: " + e + ")";
        }
    }

    @Test
    void startStopResumeWithTheRealTrainer(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.form().set("data.kind", "demo-stream");
            vm.form().set("data.workspace", workspace.toString());
            vm.form().set("model.preset", "tiny");
            vm.form().set("model.frames", 4);
            vm.form().set("batch_size", 8);
            vm.form().set("steps_per_epoch", STEPS_PER_EPOCH);
            vm.form().set("epochs", EPOCHS);
            vm.form().set("eval.every_epochs", 1);
            vm.form().set("checkpoint.every_steps", 5);
            vm.form().set("checkpoint.keep_last", 3);
            vm.form().set("optim.warmup_steps", 5);
            vm.form().set("threads.intra_op", 1);
            vm.form().set("threads.data", 1);
            vm.form().set("time_budget_minutes", 0);
        });
        robot.doubleClickOn("#runNameField").eraseText(12).write("fx-real");
        long t0 = System.nanoTime();
        robot.clickOn("#startButton");
        waitFor(10, () -> !vm.runs().isEmpty());
        assertEquals(List.of(), dialogs.errors);
        RunItem run = vm.runs().get(0);
        assertEquals("fx-real", run.nameProperty().get());
        Path dir = run.folder().dir();
        TrainRunConfig written = TrainRunConfig.fromYaml(Files.readString(dir.resolve("config.yaml")));
        assertEquals("tiny", written.model().preset());
        assertEquals(workspace.toString(), written.data().workspace());
        assertEquals(STEPS_PER_EPOCH, written.stepsPerEpoch());

        // the loss chart receives points while the real trainer runs (JVM + engine start-up first)
        try {
            waitFor(90, () -> shown(TrainCharts.Id.LOSS, "0:loss").size() >= 12);
        } catch (TimeoutException e) {
            throw new AssertionError("no 12 loss points; phase " + run.phase() + ", console:\n" + console(run), e);
        }
        LOG.info("start -> 12 points on the loss chart: {} ms", (System.nanoTime() - t0) / 1_000_000);
        waitFor(5, () -> run.phase() == RunPhase.RUNNING);
        assertTrue(vm.charts().chart(TrainCharts.Id.LOSS).seriesKeys().containsAll(
                List.of("0:term.pos", "0:term.neg", "0:term.equal")), "the SMS parts appear as their own curves: "
                + vm.charts().chart(TrainCharts.Id.LOSS).seriesKeys());
        assertTrue(shown(TrainCharts.Id.LR, "0:lr").size() > 0, "the lr chart receives points");
        assertTrue(Files.isRegularFile(dir.resolve(LaunchRecord.FILE)));

        long t1 = System.nanoTime();
        robot.clickOn("#stopButton");
        try {
            waitFor(60, () -> run.phase() == RunPhase.STOPPED);
        } catch (TimeoutException e) {
            throw new AssertionError("not stopped; phase " + run.phase() + ", console:\n" + console(run), e);
        }
        LOG.info("stop -> stopped: {} ms", (System.nanoTime() - t1) / 1_000_000);
        assertEquals(130, run.exitCodeProperty().get(), console(run));
        RunStatus stopped = run.folder().status().orElseThrow();
        assertEquals(RunState.STOPPED, stopped.state());
        long stopStep = stopped.step(); // the last completed step index
        assertTrue(stopStep >= 11 && stopStep < TOTAL_STEPS - 1, "stopped mid-run at step " + stopStep);
        // the real trainer names the checkpoint by the number of completed steps
        assertTrue(run.folder().checkpointSteps().contains(stopStep + 1),
                "checkpoint step-" + (stopStep + 1) + " at the stop; have " + run.folder().checkpointSteps());
        waitFor(10, () -> lastShownStep() == stopStep);
        assertEquals(130, LaunchRecord.read(dir).orElseThrow().exitCode());
        assertFalse(robot.lookup("#resumeButton").query().isDisabled());

        long t2 = System.nanoTime();
        robot.clickOn("#resumeButton");
        assertEquals(List.of(), dialogs.errors);
        try {
            waitFor(90, () -> lastShownStep() >= stopStep + 5);
        } catch (TimeoutException e) {
            throw new AssertionError("resume: no steps after " + stopStep + "; console:\n" + console(run), e);
        }
        LOG.info("resume -> 5 more steps on the chart: {} ms", (System.nanoTime() - t2) / 1_000_000);
        // an evaluation after the resume (every epoch = 10 steps)
        waitFor(60, () -> {
            BoundedSeries.Snapshot m = shown(TrainCharts.Id.EVAL, "0:mAP");
            return m.size() >= 2 && m.x()[m.size() - 1] > stopStep;
        });

        // steps continue after the checkpoint: contiguous indices across the resume, time_s summed
        RunHistory h = RunHistory.read(run.folder().metricsFile());
        List<RunEvent.Step> all = h.steps().stream().toList();
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i, all.get(i).step(), "contiguous steps across the resume");
        }
        assertTrue(all.size() > stopStep + 5, "steps after the resume: " + all.size());
        assertTrue(all.get((int) stopStep + 1).timeS() >= all.get((int) stopStep).timeS(), "time_s continues");
        for (RunEvent.Step s : all) {
            assertTrue(Double.isFinite(s.loss()) && s.loss() > 0, "finite loss at step " + s.step());
        }
        // what the chart shows is what the file holds
        BoundedSeries.Snapshot loss = shown(TrainCharts.Id.LOSS, "0:loss");
        long lastRead = all.get(all.size() - 1).step();
        int compared = 0;
        for (int i = 0; i < loss.size() && loss.x()[i] <= lastRead; i++) {
            assertEquals(h.step((long) loss.x()[i]).orElseThrow().loss(), loss.y()[i], 1e-12);
            compared++;
        }
        assertTrue(compared > stopStep + 5, "compared " + compared);
        BoundedSeries.Snapshot map = shown(TrainCharts.Id.EVAL, "0:mAP");
        for (int i = 0; i < map.size(); i++) {
            assertTrue(map.y()[i] >= 0 && map.y()[i] <= 1, "mAP in [0, 1]: " + map.y()[i]);
            assertEquals(STEPS_PER_EPOCH - 1, (long) map.x()[i] % STEPS_PER_EPOCH, "evals after each epoch");
        }
        assertTrue(Double.isFinite(run.bestMapProperty().get()));
        screenshot(robot, "train-real.png");

        // let it finish: the final evaluation and checkpoint
        try {
            waitFor(90, () -> run.phase() == RunPhase.FINISHED);
        } catch (TimeoutException e) {
            throw new AssertionError("not finished; phase " + run.phase() + ", console:\n" + console(run), e);
        }
        LOG.info("start -> finished: {} ms", (System.nanoTime() - t0) / 1_000_000);
        assertEquals(0, run.exitCodeProperty().get(), console(run));
        RunStatus done = run.folder().status().orElseThrow();
        assertEquals(RunState.FINISHED, done.state());
        assertEquals(TOTAL_STEPS - 1, done.step());
        assertTrue(run.folder().checkpointSteps().contains(TOTAL_STEPS), "final checkpoint step-" + TOTAL_STEPS);
        waitFor(10, () -> lastShownStep() == TOTAL_STEPS - 1
                && shown(TrainCharts.Id.EVAL, "0:mAP").size() == EPOCHS);
        assertEquals(List.of(), dialogs.errors);
    }

    private static void waitFor(int seconds, Callable<Boolean> cond) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return cond.call();
        });
    }

    private void screenshot(FxRobot robot, String name) throws IOException {
        robot.interact(() -> vm.charts().all().forEach(c -> c.refresh()));
        WaitForAsyncUtils.waitForFxEvents();
        Image shot = robot.capture(stage.getScene().getRoot()).getImage();
        BufferedImage bi = SwingFXUtils.fromFXImage(shot, null);
        Path out = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(bi, "png", out.resolve(name).toFile());
        assertNotNull(bi);
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
