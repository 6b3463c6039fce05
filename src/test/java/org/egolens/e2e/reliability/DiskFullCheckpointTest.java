package org.egolens.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.egolens.model.io.Safetensors;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.train.Checkpoint;
import org.egolens.model.train.run.RunFolder;
import org.egolens.model.train.run.RunState;
import org.egolens.model.train.run.RunStatus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliability, crash case 2: the disk fills while {@code egolens train} writes a checkpoint. Simulated by lowering
 * the running process' file-size limit ({@code prlimit --fsize}, RLIMIT_FSIZE: a write past it fails with EFBIG, "File
 * too large") after its first checkpoint, to a size above every log and metrics file of the run but below the model
 * file, so the next checkpoint is the write that fails. Required: a clear error naming the checkpoint, exit code 1, the
 * run marked failed, no partial checkpoint left, and the last good checkpoint intact and loadable.
 */
@Tag("reliability")
class DiskFullCheckpointTest {
    private static final Logger LOG = LoggerFactory.getLogger(DiskFullCheckpointTest.class);
    @TempDir
    Path tmp;

    @Test
    void aCheckpointWriteThatRunsOutOfSpaceFailsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path runDir = tmp.resolve("run");
        Path console = tmp.resolve("console.log");
        Process p = launch(runDir, console);
        RunFolder run = new RunFolder(runDir);
        try {
            long good = awaitFirstCheckpoint(p, run, console);
            Path goodDir = Checkpoint.folder(run, good);
            long modelBytes = Files.size(goodDir.resolve(ModelFactory.MODEL_FILE));
            long logBytes = largestFileOutsideCheckpoints(runDir);
            long limit = Math.max(4 * logBytes, 256 * 1024);
            assertTrue(limit < modelBytes / 2, "limit " + limit + " must stop the model file (" + modelBytes + " B)");
            Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(p.pid()), "--fsize=" + limit)
                    .redirectErrorStream(true).start();
            assertEquals(0, prlimit.waitFor(), new String(prlimit.getInputStream().readAllBytes()));

            String out = assertFailedCleanly(p, console, run, good, "File too large");
            LOG.info("file-size limit {} B (model file {} B) after step-{}: {}", limit, modelBytes, good,
                    out.lines().filter(l -> l.startsWith("train: checkpoint")).findFirst().orElse("?"));
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Crash case 2 on a real full file system: the run folder is on its own tmpfs (mounted here, so the test needs root
     * and a kernel that lets it mount; otherwise it is skipped saying so). After the first checkpoint the tmpfs is
     * shrunk ({@code mount -o remount,size=…}) to what it holds plus half a model file, so the next checkpoint runs
     * out of space (ENOSPC, "No space left on device"), and so may the log and status writes that report it. The same
     * outcome is required as under the file-size limit.
     */
    @Test
    void aCheckpointWriteOnAFullTmpfsFailsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("tmpfs"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512m", "tmpfs", mnt.toString())
                .redirectErrorStream(true).start();
        String mountOut = new String(mount.getInputStream().readAllBytes());
        Assumptions.assumeTrue(mount.waitFor() == 0, "skipped: cannot mount a tmpfs here (needs root): " + mountOut);
        Path runDir = mnt.resolve("run");
        Path console = tmp.resolve("console.log");
        Process p = launch(runDir, console);
        RunFolder run = new RunFolder(runDir);
        try {
            long good = awaitFirstCheckpoint(p, run, console);
            Path goodDir = Checkpoint.folder(run, good);
            long modelBytes = Files.size(goodDir.resolve(ModelFactory.MODEL_FILE));
            long used = usedBytes(mnt);
            long size = used + modelBytes / 2;
            Process remount = new ProcessBuilder("mount", "-o", "remount,size=" + size, mnt.toString())
                    .redirectErrorStream(true).start();
            assertEquals(0, remount.waitFor(), new String(remount.getInputStream().readAllBytes()));
            String out = assertFailedCleanly(p, console, run, good, "No space left on device");
            LOG.info("tmpfs shrunk to {} B ({} B used, model file {} B) after step-{}: {}", size, used, modelBytes, good,
                    out.lines().filter(l -> l.startsWith("train: checkpoint")).findFirst().orElse("?"));
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            new ProcessBuilder("umount", "-l", mnt.toString()).redirectErrorStream(true).start().waitFor();
        }
    }

    /** Starts {@code egolens train} on the small demo stream, a checkpoint every 5 steps, in a child JVM. */
    private Process launch(Path runDir, Path console) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path cfg = tmp.resolve("full.yaml");
        Files.writeString(cfg, String.join("\n",
                "name: full",
                "seed: 3",
                "model: {preset: tiny, frames: 4, rope_mode: st, temporal: true}",
                "data: {kind: demo-stream, relevancy_threshold: 0.1}",
                "loss: {name: sms, gamma: 0.6, lambda: 0.1, tau: 0.1, temperature: 0.05}",
                "optim: {lr: 1.0e-3, weight_decay: 0.01, warmup_steps: 3, min_lr: 1.0e-5, beta1: 0.9, beta2: 0.999,"
                        + " eps: 1.0e-8, clip_grad_norm: 1.0, accumulation: 1}",
                "batch_size: 4",
                "epochs: 1",
                "steps_per_epoch: 400",
                "time_budget_minutes: 0",
                "eval: {every_epochs: 100}",
                "checkpoint: {every_steps: 5, keep_last: 3}",
                "threads: {intra_op: 1, data: 1}", ""));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Degolens.home=" + home, "-Degolens.demo.size=small", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), "org.egolens.app.Launcher", "train", "--config", cfg.toString(),
                "--run-dir", runDir.toString()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
    }

    /** Waits (at most 240 s) for the run's first checkpoint; @return its step */
    private static long awaitFirstCheckpoint(Process p, RunFolder run, Path console) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (run.checkpointSteps().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(p.isAlive(), "training runs after its first checkpoint:\n" + Files.readString(console));
        return run.latestCheckpointStep().orElseThrow();
    }

    /**
     * The required outcome once checkpoint {@code good + 5} cannot be written: exit code 1 within 120 s, a console line
     * naming the step and {@code cause}, status FAILED naming the step, only {@code step-good} left in
     * {@code checkpoints/} and loadable. @return the console output
     */
    private static String assertFailedCleanly(Process p, Path console, RunFolder run, long good, String cause)
            throws Exception {
        Path runDir = run.dir();
        Path goodDir = Checkpoint.folder(run, good);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run stopped after the failed write");
        String out = Files.readString(console);
        assertEquals(1, p.exitValue(), out);
        long failed = good + 5;
        assertTrue(out.contains("train: checkpoint step " + failed + " could not be written")
                && out.contains(cause), out);
        RunStatus status = run.status().orElseThrow();
        assertEquals(RunState.FAILED, status.state());
        assertTrue(status.message().contains("checkpoint step " + failed), status.message());
        assertEquals(List.of(good), run.checkpointSteps());
        try (Stream<Path> s = Files.list(runDir.resolve(RunFolder.CHECKPOINTS))) {
            assertEquals(List.of(goodDir), s.toList(), "nothing but the good checkpoint is left");
        }
        Checkpoint.Loaded last = Checkpoint.latest(run).orElseThrow();
        assertEquals(good, last.state().step());
        assertFalse(last.optimizer().isEmpty());
        assertFalse(Safetensors.readFloats(goodDir.resolve(ModelFactory.MODEL_FILE)).isEmpty());
        try (Eva02AtClipModel m = ModelFactory.open(goodDir.toString())) {
            // a checkpoint of a demo-vocabulary model carries that vocabulary, so it encodes text on its own
            assertEquals(32, m.encodeTexts(List.of("pick up cup"))[0].length);
        }
        return out;
    }

    /** Bytes in use on the file system holding {@code dir}. */
    private static long usedBytes(Path dir) throws IOException {
        java.nio.file.FileStore fs = Files.getFileStore(dir);
        return fs.getTotalSpace() - fs.getUnallocatedSpace();
    }

    private static long largestFileOutsideCheckpoints(Path runDir) throws IOException {
        Path ck = runDir.resolve(RunFolder.CHECKPOINTS);
        try (Stream<Path> s = Files.walk(runDir)) {
            return s.filter(f -> !f.startsWith(ck) && Files.isRegularFile(f)).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).max().orElse(0);
        }
    }
}
