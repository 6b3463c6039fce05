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
        Path runDir = tmp.resolve("run");
        Path console = tmp.resolve("console.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Degolens.home=" + home, "-Degolens.demo.size=small", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), "org.egolens.app.Launcher", "train", "--config", cfg.toString(),
                "--run-dir", runDir.toString()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        RunFolder run = new RunFolder(runDir);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (run.checkpointSteps().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(p.isAlive(), "training runs after its first checkpoint:\n" + Files.readString(console));
            long good = run.latestCheckpointStep().orElseThrow();
            Path goodDir = Checkpoint.folder(run, good);
            long modelBytes = Files.size(goodDir.resolve(ModelFactory.MODEL_FILE));
            long logBytes = largestFileOutsideCheckpoints(runDir);
            long limit = Math.max(4 * logBytes, 256 * 1024);
            assertTrue(limit < modelBytes / 2, "limit " + limit + " must stop the model file (" + modelBytes + " B)");
            Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(p.pid()), "--fsize=" + limit)
                    .redirectErrorStream(true).start();
            assertEquals(0, prlimit.waitFor(), new String(prlimit.getInputStream().readAllBytes()));

            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run stopped after the failed write");
            String out = Files.readString(console);
            assertEquals(1, p.exitValue(), out);
            long failed = good + 5;
            assertTrue(out.contains("train: checkpoint step " + failed + " could not be written")
                    && out.contains("File too large"), out);
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
                assertEquals(32, m.encodeTokenIds(new long[][] {{49406, 320, 49407}})[0].length);
            }
            LOG.info("file-size limit {} B (model file {} B) after step-{}: {}", limit, modelBytes, good,
                    out.lines().filter(l -> l.startsWith("train: ")).findFirst().orElse("?"));
        } finally {
            p.destroyForcibly();
        }
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
