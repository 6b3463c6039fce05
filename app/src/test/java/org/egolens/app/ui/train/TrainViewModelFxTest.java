package org.egolens.app.ui.train;

import org.egolens.model.train.TrainRunConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.egolens.model.train.run.RunFolder;
import org.egolens.model.train.run.RunState;
import org.egolens.model.train.run.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The view model's commands with an in-memory launcher (no child processes). */
@ExtendWith(ApplicationExtension.class)
class TrainViewModelFxTest {
    private final TrainTabFxTest.Dialogs dialogs = new TrainTabFxTest.Dialogs();
    private final FakeLauncher launcher = new FakeLauncher();
    private Path tmp;
    private TrainViewModel vm;

    /** Records launches; processes end when the test completes their exit future. */
    static final class FakeLauncher implements TrainingLauncher {
        final List<String> calls = new ArrayList<>();
        final List<FakeProcess> started = new ArrayList<>();
        boolean fail;

        @Override
        public TrainingProcess start(Path configFile, Path runDir) throws IOException {
            calls.add("start " + runDir.getFileName() + " " + configFile.getFileName());
            return launch();
        }

        @Override
        public TrainingProcess resume(Path runDir) throws IOException {
            calls.add("resume " + runDir.getFileName());
            return launch();
        }

        private TrainingProcess launch() throws IOException {
            if (fail) {
                throw new IOException("cannot run java");
            }
            FakeProcess p = new FakeProcess();
            started.add(p);
            return p;
        }
    }

    static final class FakeProcess implements TrainingProcess {
        final CompletableFuture<OptionalInt> exit = new CompletableFuture<>();
        int stops;

        @Override
        public long pid() {
            return 4242;
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }

        @Override
        public void stop() {
            stops++;
        }

        @Override
        public void kill() {
            exit.complete(OptionalInt.of(137));
        }

        @Override
        public CompletableFuture<OptionalInt> exit() {
            return exit;
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        tmp = Files.createTempDirectory("egolens-train-vm");
        vm = new TrainViewModel(launcher, dialogs, tmp.resolve("runs"));
    }

    @AfterEach
    void tearDown() throws IOException {
        vm.close();
        try (var s = Files.walk(tmp)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return c.call();
        });
    }

    @Test
    void invalidFormIsRefusedWithTheKeysNamed(FxRobot robot) {
        robot.interact(() -> {
            vm.form().set("optim.lr", 0.0);
            vm.form().set("batch_size", 0);
            assertTrue(vm.start().isEmpty());
        });
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("optim.lr must be > 0"), dialogs.errors.get(0));
        assertTrue(dialogs.errors.get(0).contains("batch_size must be > 0"), dialogs.errors.get(0));
        assertEquals(List.of(), launcher.calls);
        assertFalse(Files.exists(tmp.resolve("runs")) && tmp.resolve("runs").toFile().list().length > 0);
    }

    @Test
    void failedLaunchLeavesNoRunFolder(FxRobot robot) {
        launcher.fail = true;
        robot.interact(() -> assertTrue(vm.start().isEmpty()));
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).endsWith("cannot run java"), dialogs.errors.get(0));
        assertEquals(0, tmp.resolve("runs").toFile().list().length);
        assertTrue(vm.runs().isEmpty());
    }

    @Test
    void stopAndResumeFollowTheProcessAndTheStatusFile(FxRobot robot) throws Exception {
        RunItem[] item = new RunItem[1];
        robot.interact(() -> item[0] = vm.start().orElseThrow());
        RunItem run = item[0];
        Path dir = run.folder().dir();
        assertEquals(List.of("start " + dir.getFileName() + " config.yaml"), launcher.calls);
        assertEquals(run, vm.selectedProperty().get());
        assertEquals(RunPhase.STARTING, run.phase());
        assertTrue(vm.canStopProperty().get());
        assertFalse(vm.canResumeProperty().get());

        new RunFolder(dir).writeStatus(RunStatus.now(RunState.RUNNING, 10, ""));
        waitFor(() -> run.phase() == RunPhase.RUNNING); // picked up by the periodic scan

        robot.interact(vm::stop);
        assertEquals(1, launcher.started.get(0).stops, "SIGTERM sent once");
        assertEquals(RunPhase.STOPPING, run.phase());
        assertFalse(vm.canStopProperty().get(), "no second stop while stopping");

        // the trainer checkpoints, writes its status and exits 130
        new RunFolder(dir).writeStatus(RunStatus.now(RunState.STOPPED, 12, "stopped by user"));
        launcher.started.get(0).exit.complete(OptionalInt.of(130));
        waitFor(() -> run.phase() == RunPhase.STOPPED);
        assertEquals(130, run.exitCodeProperty().get());
        assertEquals(12, run.stepProperty().get());
        assertTrue(vm.messageProperty().get().contains("stopped at step 12"), vm.messageProperty().get());
        assertTrue(vm.canResumeProperty().get());

        // no checkpoint yet: resume is refused with the reason
        robot.interact(vm::resume);
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("no checkpoint"), dialogs.errors.get(0));
        Files.createDirectories(dir.resolve("checkpoints/step-12"));
        robot.interact(vm::resume);
        assertEquals("resume " + dir.getFileName(), launcher.calls.get(1));
        assertEquals(RunPhase.STARTING, run.phase(), "status still says stopped until the trainer reports");

        // a crash: the process ends while the status still says running
        new RunFolder(dir).writeStatus(RunStatus.now(RunState.RUNNING, 13, ""));
        waitFor(() -> run.phase() == RunPhase.RUNNING);
        launcher.started.get(1).exit.complete(OptionalInt.of(137));
        waitFor(() -> run.phase() == RunPhase.CRASHED);
        assertTrue(vm.messageProperty().get().contains("exit code 137"), vm.messageProperty().get());
        assertTrue(vm.canResumeProperty().get());
    }

    @Test
    void copySettingsFillsTheFormFromARun(FxRobot robot) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("runs/old-run"));
        TrainRunConfig c = TrainRunConfig.demoSms().withName("old-run");
        Files.writeString(dir.resolve(RunFolder.RESOLVED_CONFIG), c.toYaml().replace("batch_size: 48",
                "batch_size: 96"));
        Files.writeString(dir.resolve(RunFolder.STATUS), "{\"state\":\"finished\",\"step\":5}");
        waitFor(() -> vm.item(dir).isPresent());
        robot.interact(() -> {
            vm.selectedProperty().set(vm.item(dir).orElseThrow());
            vm.copySettingsOfSelected();
        });
        assertEquals("old-run-2", vm.form().nameProperty().get());
        assertEquals(96, vm.form().toConfig().batchSize());
        assertEquals(RunPhase.FINISHED, vm.item(dir).orElseThrow().phase());
    }
}
