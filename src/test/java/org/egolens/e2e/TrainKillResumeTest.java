package org.egolens.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.io.Safetensors;
import org.egolens.model.train.run.RunFolder;
import org.egolens.model.train.run.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code egolens train} as a separate process: killed with SIGKILL mid-run, then {@code --resume}d, it ends with the
 * weights and validation metrics of an uninterrupted run (training issue, acceptance 2).
 */
class TrainKillResumeTest {
    @TempDir
    Path tmp;

    private Process train(Path home, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Degolens.home=" + home, "-Degolens.demo.size=small", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), "org.egolens.app.Launcher", "train"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("console-" + System.nanoTime() + ".log").toFile());
        return pb.start();
    }

    private static Path config(Path dir) throws IOException {
        Path f = dir.resolve("kill.yaml");
        Files.writeString(f, String.join("\n",
                "name: kill",
                "seed: 5",
                "model: {preset: tiny, frames: 4, rope_mode: st, temporal: true}",
                "data: {kind: demo-stream, relevancy_threshold: 0.1}",
                "loss: {name: sms, gamma: 0.6, lambda: 0.1, tau: 0.1, temperature: 0.05}",
                "optim: {lr: 1.0e-3, weight_decay: 0.01, warmup_steps: 3, min_lr: 1.0e-5, beta1: 0.9, beta2: 0.999,"
                        + " eps: 1.0e-8, clip_grad_norm: 1.0, accumulation: 1}",
                "batch_size: 8",
                "epochs: 4",
                "steps_per_epoch: 10",
                "time_budget_minutes: 0",
                "eval: {every_epochs: 2}",
                "checkpoint: {every_steps: 5, keep_last: 3}",
                "threads: {intra_op: 1, data: 1}", ""));
        return f;
    }

    @Test
    void killedWithSigkillAndResumedItEndsLikeAnUninterruptedRun() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path cfg = config(tmp);
        Path whole = tmp.resolve("whole");
        Process p = train(home, "--config", cfg.toString(), "--run-dir", whole.toString());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "uninterrupted run finished");
        assertEquals(0, p.exitValue());

        Path killed = tmp.resolve("killed");
        Process q = train(home, "--config", cfg.toString(), "--run-dir", killed.toString());
        RunFolder rf = new RunFolder(killed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline && q.isAlive() && rf.checkpointSteps().stream().noneMatch(s -> s >= 15)) {
            Thread.sleep(20);
        }
        assertTrue(q.isAlive(), "still running when killed");
        q.destroyForcibly(); // SIGKILL: no checkpoint, no status update
        assertTrue(q.waitFor(30, TimeUnit.SECONDS));
        assertEquals(RunState.RUNNING, rf.status().orElseThrow().state(), "a killed run could not say it stopped");
        long lastGood = rf.latestCheckpointStep().orElseThrow();
        assertTrue(lastGood >= 15 && lastGood < 40, "killed mid-way, last checkpoint " + lastGood);

        Process r = train(home, "--resume", killed.toString());
        assertTrue(r.waitFor(300, TimeUnit.SECONDS), "resumed run finished");
        assertEquals(0, r.exitValue());
        assertEquals(RunState.FINISHED, rf.status().orElseThrow().state());

        Map<String, FloatTensor> a = Safetensors.readFloats(whole.resolve("checkpoints/step-40/model.safetensors"));
        Map<String, FloatTensor> b = Safetensors.readFloats(killed.resolve("checkpoints/step-40/model.safetensors"));
        double max = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k).data();
            float[] y = b.get(k).data();
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        assertTrue(max <= 1e-6, "max weight difference after kill + resume: " + max);
        ObjectMapper json = new ObjectMapper();
        JsonNode ma = json.readTree(whole.resolve("eval/step-40/metrics.json").toFile());
        JsonNode mb = json.readTree(killed.resolve("eval/step-40/metrics.json").toFile());
        for (String k : new String[] {"/mAP/v2t", "/mAP/t2v", "/mAP/avg", "/nDCG/v2t", "/nDCG/t2v", "/nDCG/avg"}) {
            assertEquals(ma.at(k).asDouble(), mb.at(k).asDouble(), 1e-6, k);
        }
    }
}
