package org.egolens.model.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.train.run.RunEvent;
import org.egolens.model.train.run.RunFolder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training benchmark (not a unit test; runs only with {@code -Degolens.bench=true}) on a small generated demo workspace:
 * {@code egolens.bench.steps} (default 2000) SMS steps of {@code egolens.bench.model} (default {@code tiny}, batch
 * {@code egolens.bench.batch}, default 8, T = 4), sampling the process' resident memory (VmRSS) every 100 steps, then
 * reporting steps/s and the RSS drift after warm-up (the first 20 % of the steps). Run it with a fixed Java heap
 * ({@code -Xms} = {@code -Xmx}): RSS includes the committed heap, which otherwise grows in steps while the collector
 * sizes itself, and the drift would measure that instead of per-step native memory (the CSV records both).
 *
 * <pre>mvn -B -o -pl model test -Dtest=TrainBench -Degolens.bench=true -Dai.djl.pytorch.num_threads=1
 *   -Dfx.test.args="-Xms1g -Xmx1g"
 *   [-Degolens.bench.model=eva02-at-b16 -Degolens.bench.batch=2 -Degolens.bench.steps=6]</pre>
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "egolens.bench", matches = "true")
class TrainBench {
    private static final Logger LOG = LoggerFactory.getLogger(TrainBench.class);

    @Test
    void stepsPerSecondAndResidentMemory() throws IOException {
        String preset = System.getProperty("egolens.bench.model", "tiny");
        int steps = Integer.getInteger("egolens.bench.steps", 2000);
        int batch = Integer.getInteger("egolens.bench.batch", 8);
        Path tmp = Files.createTempDirectory("egolens-train-bench");
        Path ws = tmp.resolve("demo");
        DemoDataset.generate(DemoConfig.defaults().withClips(24, 12, 2), ws, (f, m) -> { });
        TrainRunConfig d = TrainRunConfig.demoSms();
        TrainRunConfig cfg = new TrainRunConfig("bench", 1, new TrainRunConfig.Model(preset, null, 4, "st", true),
                new TrainRunConfig.Data("demo-stream", ws.toString(), null, null, null, 0.1), d.loss(),
                new TrainRunConfig.Optim(1e-3, 0.01, 10, 1e-5, 0.9, 0.999, 1e-8, 1.0, 1), batch, 1, steps, 0,
                new TrainRunConfig.Eval(1_000_000, null, null, null, null),
                new TrainRunConfig.Checkpoint(Math.max(1, steps / 4), 1), new TrainRunConfig.Threads(1, 1));
        List<long[]> rss = new ArrayList<>();
        TrainingData sampling = new TappedData((epoch, index, b) -> {
            if (index % 100 == 0) {
                synchronized (rss) {
                    rss.add(new long[] {index, rssKb(), java.lang.management.ManagementFactory.getMemoryMXBean()
                            .getHeapMemoryUsage().getCommitted() / 1024});
                }
            }
            return b;
        });
        Path run = tmp.resolve("run");
        Trainer.Outcome o = new Trainer(cfg, new RunFolder(run), sampling, LOG::info).run(false);
        List<RunEvent.Step> ev = Files.readAllLines(run.resolve(RunFolder.METRICS)).stream().map(RunEvent::parse)
                .filter(e -> e instanceof RunEvent.Step).map(e -> (RunEvent.Step) e).toList();
        int warm = Math.max(1, ev.size() / 5);
        double sps = (ev.size() - warm) / (ev.get(ev.size() - 1).timeS() - ev.get(warm - 1).timeS());
        long after = rss.stream().filter(r -> r[0] >= warm).mapToLong(r -> r[1]).min().orElse(0);
        long max = rss.stream().filter(r -> r[0] >= warm).mapToLong(r -> r[1]).max().orElse(0);
        long first = rss.stream().filter(r -> r[0] >= warm).findFirst().map(r -> r[1]).orElse(0L);
        long last = rss.get(rss.size() - 1)[1];
        LOG.info(String.format(Locale.ROOT, "%s batch %d: %d steps (%s), %.2f steps/s after warm-up; RSS after warm-up "
                + "first %d MB, min %d MB, max %d MB, last %d MB, drift first→last %+.1f %%, range %.1f %% of first",
                preset, batch, o.steps(), o.state(), sps, first / 1024, after / 1024, max / 1024, last / 1024,
                100.0 * (last - first) / first, 100.0 * (max - after) / first));
        StringBuilder sb = new StringBuilder("step,rss_kb,heap_committed_kb\n");
        rss.forEach(r -> sb.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append('\n'));
        LOG.info("Java heap committed: first {} MB, last {} MB (RSS includes it; a fixed heap, -Xms = -Xmx, keeps it "
                + "from growing)", rss.get(0)[2] / 1024, rss.get(rss.size() - 1)[2] / 1024);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "train-bench-" + preset + ".csv"), sb.toString());
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
