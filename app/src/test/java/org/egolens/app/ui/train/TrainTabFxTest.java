package org.egolens.app.ui.train;

import org.egolens.model.train.TrainRunConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.egolens.app.ui.DialogService;
import org.egolens.model.train.run.RunEvent;
import org.egolens.model.train.run.RunFolder;
import org.egolens.model.train.run.RunHistory;
import org.egolens.model.train.run.RunState;
import org.egolens.model.train.run.RunStatus;
import org.egolens.viewer.chart.BoundedSeries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Train tab end to end with {@link FakeTrainerMain} launched as a real child JVM: start a run from the form, see the
 * loss chart receive points, stop it (SIGTERM → checkpoint, status stopped, exit 130), resume it (steps continue after
 * the checkpoint), attach to finished run folders and overlay two runs. Screenshots in
 * {@code target/screenshots/train.png} and {@code train-compare.png}.
 */
@ExtendWith(ApplicationExtension.class)
class TrainTabFxTest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainTabFxTest.class);
    static {
        // Monocle's headless screen (default 1280x800) must hold the 1440-wide window; effective if this class starts
        // the toolkit, else the window is fitted to the screen
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private final Dialogs dialogs = new Dialogs();
    private Path tmp;
    private TrainViewModel vm;
    private Stage stage;

    /** Dialogs answering from a queue and recording errors. */
    static final class Dialogs implements DialogService {
        final Deque<Path> answers = new ArrayDeque<>();
        final List<String> errors = new ArrayList<>();

        @Override
        public Optional<Path> chooseDirectory(String title) {
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public Optional<Path> chooseFile(String title, String description, String... patterns) {
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public void showError(String title, String message) {
            errors.add(title + ": " + message);
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        tmp = Files.createTempDirectory("egolens-train-fx");
        TrainingLauncher launcher = new ChildProcessLauncher(FakeTrainerMain.class.getName(), List.of("train"),
                List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        vm = new TrainViewModel(launcher, dialogs, tmp.resolve("runs"));
        TrainTabHarness.show(stage, vm, dialogs);
    }

    @AfterEach
    void tearDown() throws Exception {
        TrainTabHarness.killLiveAndClose(vm, 10);
        try (var s = Files.walk(tmp)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private BoundedSeries.Snapshot shown(TrainCharts.Id chart, String key) {
        return vm.charts().chart(chart).shown(key).orElse(new BoundedSeries.Snapshot(new double[0], new double[0], 0, 0));
    }

    private double lastShownStep() {
        BoundedSeries.Snapshot s = shown(TrainCharts.Id.LOSS, "0:loss");
        return s.size() == 0 ? -1 : s.x()[s.size() - 1];
    }

    @Test
    void startStopResumeFromTheForm(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.form().set("steps_per_epoch", 20); // eval every 20 steps (0.4 s at 50 Hz)
            vm.form().set("checkpoint.every_steps", 40);
        });
        robot.doubleClickOn("#runNameField").eraseText(12).write("fx-smoke");
        long t0 = System.nanoTime();
        robot.clickOn("#startButton");
        waitFor(5, () -> !vm.runs().isEmpty());
        assertEquals(List.of(), dialogs.errors);
        RunItem run = vm.runs().get(0);
        assertEquals("fx-smoke", run.nameProperty().get());
        Path dir = run.folder().dir();
        assertTrue(dir.getFileName().toString().matches("fx-smoke-\\d{8}-\\d{6}"), dir.toString());
        TrainRunConfig written = TrainRunConfig.fromYaml(Files.readString(dir.resolve("config.yaml")));
        assertEquals(20, written.stepsPerEpoch());
        assertEquals(0.6, written.loss().gamma());
        assertTrue(Files.readString(dir.resolve("config.yaml")).contains("lambda: 0.1"));

        // the loss chart receives points while the trainer runs
        waitFor(30, () -> shown(TrainCharts.Id.LOSS, "0:loss").size() >= 40);
        LOG.info("start -> 40 points on the loss chart: {} ms", (System.nanoTime() - t0) / 1_000_000);
        waitFor(3, () -> run.phase() == RunPhase.RUNNING);
        assertTrue(vm.charts().chart(TrainCharts.Id.LOSS).redrawCount() > 0);
        assertTrue(vm.charts().chart(TrainCharts.Id.LOSS).seriesKeys().containsAll(
                List.of("0:term.pos", "0:term.neg", "0:term.equal")), "the SMS parts appear as their own curves");
        assertTrue(Files.isRegularFile(dir.resolve(LaunchRecord.FILE)));

        long t1 = System.nanoTime();
        robot.clickOn("#stopButton");
        waitFor(20, () -> run.phase() == RunPhase.STOPPED);
        LOG.info("stop -> stopped: {} ms", (System.nanoTime() - t1) / 1_000_000);
        assertEquals(130, run.exitCodeProperty().get());
        RunStatus stopped = run.folder().status().orElseThrow();
        assertEquals(RunState.STOPPED, stopped.state());
        long stopStep = stopped.step();
        assertTrue(run.folder().checkpointSteps().contains(stopStep + 1), "checkpoint after the stop step");
        waitFor(5, () -> lastShownStep() == stopStep);
        assertEquals(130, LaunchRecord.read(dir).orElseThrow().exitCode());
        assertTrue(robot.lookup("#resumeButton").query().isDisabled() == false);

        long t2 = System.nanoTime();
        robot.clickOn("#resumeButton");
        waitFor(30, () -> lastShownStep() >= stopStep + 30);
        LOG.info("resume -> 30 more steps on the chart: {} ms", (System.nanoTime() - t2) / 1_000_000);
        waitFor(3, () -> run.phase() == RunPhase.RUNNING);
        waitFor(20, () -> shown(TrainCharts.Id.EVAL, "0:mAP").size() >= 4);

        // steps continue after the checkpoint; time_s is summed across attempts
        RunHistory h = RunHistory.read(run.folder().metricsFile());
        List<Long> steps = h.steps().stream().map(RunEvent.Step::step).toList();
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i, steps.get(i), "contiguous steps across the resume");
        }
        List<RunEvent.Step> all = h.steps().stream().toList();
        assertTrue(all.get((int) stopStep + 1).timeS() >= all.get((int) stopStep).timeS(), "time_s continues");
        // what the chart shows is what the file holds (exact while below capacity)
        // (the trainer keeps writing: compare the steps the file held when it was read)
        BoundedSeries.Snapshot loss = shown(TrainCharts.Id.LOSS, "0:loss");
        long lastRead = steps.get(steps.size() - 1);
        int compared = 0;
        for (int i = 0; i < loss.size() && loss.x()[i] <= lastRead; i++) {
            assertEquals(h.step((long) loss.x()[i]).orElseThrow().loss(), loss.y()[i], 1e-12);
            compared++;
        }
        assertTrue(compared > stopStep + 30, "compared " + compared);
        assertTrue(Double.isFinite(run.bestMapProperty().get()));
        Label bestLabel = robot.lookup("#statBestMap").queryAs(Label.class);
        assertTrue(bestLabel.getText().matches("0\\.\\d{3}"), bestLabel.getText());
        screenshot(robot, "train.png");

        robot.clickOn("#stopButton");
        waitFor(20, () -> run.phase() == RunPhase.STOPPED);
        assertEquals(List.of(), dialogs.errors);
    }

    @Test
    void attachToFinishedRunsAndOverlayThem(FxRobot robot) throws Exception {
        Path a = writeFinishedRun(tmp.resolve("elsewhere/cli-run-a"), "cli-run-a", new double[] {0.21, 0.34}, 1.0);
        Path b = writeFinishedRun(tmp.resolve("elsewhere/cli-run-b"), "cli-run-b", new double[] {0.18, 0.27}, 0.8);
        dialogs.answers.add(a);
        robot.clickOn("#attachButton");
        waitFor(5, () -> vm.selectedProperty().get() != null);
        RunItem ra = vm.selectedProperty().get();
        assertEquals("cli-run-a", ra.nameProperty().get());
        waitFor(5, () -> shown(TrainCharts.Id.EVAL, "0:mAP").size() == 2);
        assertArrayEquals(new double[] {99, 199}, shown(TrainCharts.Id.EVAL, "0:mAP").x());
        assertArrayEquals(new double[] {0.21, 0.34}, shown(TrainCharts.Id.EVAL, "0:mAP").y());
        assertEquals(RunPhase.FINISHED, ra.phase());
        waitFor(5, () -> ra.bestMapProperty().get() == 0.34);
        assertEquals(199, ra.bestMapStepProperty().get());
        assertEquals(200, shown(TrainCharts.Id.LOSS, "0:loss").size());

        dialogs.answers.add(b);
        robot.clickOn("#attachButton");
        waitFor(5, () -> vm.selectedProperty().get() != ra);
        RunItem rb = vm.selectedProperty().get();
        // overlay run a on run b
        robot.clickOn("#compare-cli-run-a");
        waitFor(5, () -> shown(TrainCharts.Id.EVAL, "1:mAP").size() == 2);
        assertTrue(ra.compareProperty().get());
        assertArrayEquals(new double[] {0.18, 0.27}, shown(TrainCharts.Id.EVAL, "0:mAP").y());
        assertArrayEquals(new double[] {0.21, 0.34}, shown(TrainCharts.Id.EVAL, "1:mAP").y());
        List<String> keys = vm.charts().chart(TrainCharts.Id.LOSS).seriesKeys();
        assertEquals(List.of("0:loss", "1:loss"), keys, "overlay: one total-loss curve per run, no parts");
        assertEquals("cli-run-b", rb.nameProperty().get());
        screenshot(robot, "train-compare.png");

        // the form's loss section lists the SMS hyper-parameters with their editors
        javafx.scene.Node lossPane = robot.lookup(".titled-pane").match((javafx.scene.control.TitledPane t) ->
                t.getText().equals("Loss")).query();
        robot.clickOn(lossPane.lookup(".title"));
        waitFor(5, () -> ((javafx.scene.control.TitledPane) lossPane).isExpanded());
        WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS); // the accordion animates
        Image form = robot.capture(robot.lookup("#configSheet").queryAs(javafx.scene.Node.class)).getImage();
        ImageIO.write(SwingFXUtils.fromFXImage(form, null), "png",
                Files.createDirectories(Path.of("target", "screenshots")).resolve("train-form.png").toFile());

        // a folder that is not a run is refused with a message naming it
        dialogs.answers.add(Files.createDirectories(tmp.resolve("not-a-run")));
        robot.clickOn("#attachButton");
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("not-a-run"), dialogs.errors.get(0));
    }

    /** A finished run as the CLI trainer would leave it: 200 steps, evals at 99 and 199. */
    private static Path writeFinishedRun(Path dir, String name, double[] maps, double scale) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("run.json"), "{\"name\":\"" + name + "\",\"seed\":1}");
        new RunFolder(dir).writeStatus(RunStatus.now(RunState.FINISHED, 199, "all epochs done"));
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < 200; s++) {
            double loss = scale * (0.3 + Math.exp(-s / 60.0));
            sb.append(RunEvent.toJson(new RunEvent.Step(s, s / 50, s * 0.1, 1e-3, loss,
                    java.util.Map.of("pos", loss * 0.7, "neg", loss * 0.3)))).append('\n');
            if (s == 99 || s == 199) {
                double m = maps[s == 99 ? 0 : 1];
                sb.append("{\"type\":\"eval\",\"step\":").append(s).append(",\"epoch\":").append(s / 50)
                        .append(",\"time_s\":").append(s * 0.1).append(",\"mAP\":{\"v2t\":").append(m + 0.01)
                        .append(",\"t2v\":").append(m - 0.01).append(",\"avg\":").append(m).append("},\"nDCG\":{\"avg\":")
                        .append(m + 0.2).append("},\"mirror_pair\":0.6}\n");
            }
        }
        sb.append("{\"type\":\"status\",\"step\":199,\"time_s\":19.9,\"state\":\"finished\",\"message\":\"done\"}\n");
        Files.writeString(dir.resolve("metrics.jsonl"), sb.toString(), StandardCharsets.UTF_8);
        return dir;
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
}
