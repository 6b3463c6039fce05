package org.egolens.app.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.train.run.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launch command, process records and run phases. */
class TrainProcessTest {
    @TempDir
    Path tmp;

    @Test
    void commandRunsTheMainClassOnTheSameClassPath() {
        ChildProcessLauncher l = new ChildProcessLauncher("org.egolens.app.Launcher", List.of("train"),
                List.of("-Xmx2g"));
        List<String> cmd = l.command(List.of("--resume", "/runs/a"));
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), cmd.get(0));
        assertEquals("-Xmx2g", cmd.get(1));
        int cp = cmd.indexOf("-cp");
        assertEquals(System.getProperty("java.class.path"), cmd.get(cp + 1));
        assertEquals(List.of("org.egolens.app.Launcher", "train", "--resume", "/runs/a"),
                cmd.subList(cp + 2, cmd.size()));
        assertTrue(cmd.contains("-Dai.djl.offline=true"), "DJL offline mode is passed on: " + cmd);
    }

    @Test
    void childProcessReportsItsExitCodeAndIsRecorded() throws Exception {
        // a real child: the JVM itself printing its version exits 0
        ChildProcessLauncher l = new ChildProcessLauncher("-version", List.of(), List.of());
        Path run = Files.createDirectories(tmp.resolve("r"));
        TrainingProcess p = l.resume(run);
        assertEquals(OptionalInt.of(0), p.exit().get(30, TimeUnit.SECONDS));
        assertTrue(Files.readString(run.resolve(ChildProcessLauncher.CONSOLE_LOG)).contains("version"));
    }

    @Test
    void launchRecordAdoptsOnlyTheSameLiveProcess() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FakeTrainerMain.Sleeper.class.getName()).start();
        try {
            ProcessHandle h = child.toHandle();
            String started = h.info().startInstant().map(Instant::toString).orElse(null);
            LaunchRecord rec = new LaunchRecord(h.pid(), started, "java", null);
            rec.write(tmp);
            LaunchRecord back = LaunchRecord.read(tmp).orElseThrow();
            assertEquals(rec, back);
            TrainingProcess adopted = back.adopt().orElseThrow();
            assertEquals(h.pid(), adopted.pid());
            if (started != null) {
                LaunchRecord recycled = new LaunchRecord(h.pid(), Instant.parse(started).minusSeconds(3600).toString(),
                        "java", null);
                assertTrue(recycled.adopt().isEmpty(), "same pid, other start time: a recycled pid");
            }
            assertTrue(back.withExitCode(130).adopt().isEmpty(), "an exited process is not adopted");
            adopted.stop(); // SIGTERM reaches the process found by pid
            assertEquals(OptionalInt.empty(), adopted.exit().get(30, TimeUnit.SECONDS), "no exit code when adopted");
            assertEquals(143, child.waitFor(), "terminated by SIGTERM (128 + 15)");
            assertTrue(back.adopt().isEmpty(), "gone");
        } finally {
            child.destroyForcibly();
        }
        assertTrue(LaunchRecord.read(tmp.resolve("none")).isEmpty());
    }

    @Test
    void phaseCombinesTheTrainerStateWithTheProcess() {
        assertEquals(RunPhase.STARTING, RunPhase.of(null, true, false, false));
        assertEquals(RunPhase.STARTING, RunPhase.of(RunState.STOPPED, true, false, false), "resuming");
        assertEquals(RunPhase.RUNNING, RunPhase.of(RunState.RUNNING, true, false, false));
        assertEquals(RunPhase.STOPPING, RunPhase.of(RunState.RUNNING, true, true, false));
        assertEquals(RunPhase.RUNNING, RunPhase.of(RunState.RUNNING, false, false, false), "a CLI run");
        assertEquals(RunPhase.CRASHED, RunPhase.of(RunState.RUNNING, false, false, true));
        assertEquals(RunPhase.CRASHED, RunPhase.of(null, false, false, true));
        assertEquals(RunPhase.UNKNOWN, RunPhase.of(null, false, false, false));
        assertEquals(RunPhase.STOPPED, RunPhase.of(RunState.STOPPED, false, false, true));
        assertEquals(RunPhase.FINISHED, RunPhase.of(RunState.FINISHED, false, false, false));
        assertEquals(RunPhase.FAILED, RunPhase.of(RunState.FAILED, false, false, true));
        assertTrue(RunPhase.STOPPED.resumable() && RunPhase.CRASHED.resumable() && RunPhase.FAILED.resumable());
        assertTrue(!RunPhase.FINISHED.resumable() && !RunPhase.RUNNING.resumable());
    }

    @Test
    void runsFolderFollowsTheWorkspace() throws Exception {
        Path home = tmp.resolve("home");
        Path ws = Files.createDirectories(tmp.resolve("clips"));
        assertEquals(home.resolve("runs"), TrainTab.runsFolder(null, home));
        assertEquals(ws.resolve("runs"), TrainTab.runsFolder(WorkspaceSpec.folder(ws), home));
        Path csv = Files.writeString(ws.resolve("ann.csv"), "x");
        assertEquals(ws.resolve("runs"), TrainTab.runsFolder(WorkspaceSpec.annotations(csv, ws), home));
        assertEquals("0:05", TrainView.clock(5.4));
        assertEquals("1:01:01", TrainView.clock(3661));
        assertEquals("\u2013", TrainView.clock(Double.NaN));
    }
}
