package org.egolens.model.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.train.DemoTrainingData;
import org.egolens.model.train.TrainRunConfig;
import org.egolens.model.train.Trainer;
import org.egolens.model.train.run.RunFolder;

/**
 * Child main of {@link TrainMemoryTest}: {@code <dir> <steps> <out.csv>} generates a small demo workspace in
 * {@code dir}, trains {@code tiny} (batch 8, T = 4, SMS, one intra-op thread, a checkpoint every quarter) for
 * {@code steps} steps, sampling VmRSS every 200 ms, and writes {@code ms,rss_kib} lines, then {@code steps,<n>} and
 * {@code seconds,<training seconds>}.
 */
public final class TrainSteps {
    private TrainSteps() {}

    /** Runs the training (see the class comment). */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        Path ws = dir.resolve("demo");
        DemoDataset.generate(DemoConfig.defaults().withClips(24, 12, 2), ws, (f, m) -> { });
        TrainRunConfig d = TrainRunConfig.demoSms();
        TrainRunConfig cfg = new TrainRunConfig("rss", 1, new TrainRunConfig.Model("tiny", null, 4, "st", true),
                new TrainRunConfig.Data("demo-stream", ws.toString(), null, null, null, 0.1), d.loss(),
                new TrainRunConfig.Optim(1e-3, 0.01, 10, 1e-5, 0.9, 0.999, 1e-8, 1.0, 1), 8, 1, steps, 0,
                new TrainRunConfig.Eval(1_000_000, null, null, null, null),
                new TrainRunConfig.Checkpoint(Math.max(1, steps / 4), 1), new TrainRunConfig.Threads(1, 1));
        List<long[]> rss = new ArrayList<>();
        long t0 = System.nanoTime();
        Thread sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long kib = ResidentMemory.kib();
                    synchronized (rss) {
                        rss.add(new long[] {(System.nanoTime() - t0) / 1_000_000, kib});
                    }
                    Thread.sleep(200);
                }
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Trainer.Outcome o = new Trainer(cfg, new RunFolder(dir.resolve("run")), new DemoTrainingData(), line -> { })
                .run(false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        sampler.join();
        StringBuilder sb = new StringBuilder("ms,rss_kib\n");
        synchronized (rss) {
            rss.forEach(r -> sb.append(r[0]).append(',').append(r[1]).append('\n'));
        }
        sb.append("steps,").append(o.steps()).append('\n').append("seconds,").append(seconds).append('\n');
        Files.writeString(Path.of(args[2]), sb.toString());
    }
}
