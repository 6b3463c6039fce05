package org.egolens.model.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliability, case 3: resident memory over {@code tiny} training steps stays flat. Training runs in a child JVM with
 * a fixed, pre-touched 1 GiB heap ({@link TrainSteps}), so heap growth does not show as RSS and any drift is native
 * (DJL arrays, PyTorch allocations). Pass: every VmRSS sample taken after warm-up (the first 20 % of the training
 * time) within ±5 % of the first one after warm-up. A long test (tag {@code long}, runs with
 * {@code -Degolens.long=true}): RSS still climbs for the first ~150 steps, so a run short enough for CI cannot show a
 * flat tail. {@code egolens.reliability.steps} sets the count (default 2,000); the samples go to
 * {@code target/train-memory-<steps>.csv}. The in-process figure with steps/s is
 * {@code org.egolens.model.train.TrainBench}.
 *
 * <pre>mvn -B -o -pl model test -Dtest=TrainMemoryTest -Degolens.long=true</pre>
 */
@Tag("reliability")
@Tag("long")
@EnabledIfSystemProperty(named = "egolens.long", matches = "true")
class TrainMemoryTest {
    private static final Logger LOG = LoggerFactory.getLogger(TrainMemoryTest.class);
    private static final int STEPS = Integer.getInteger("egolens.reliability.steps", 2000);

    @TempDir
    Path tmp;

    @Test
    void residentMemoryStaysFlatOverTrainingSteps() throws Exception {
        Path csv = tmp.resolve("rss.csv");
        ChildJvm c = ChildJvm.start(tmp.resolve("train.log"), List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"),
                TrainSteps.class, tmp.toString(), Integer.toString(STEPS), csv.toString());
        assertEquals(0, c.await(3600), c.output());
        List<long[]> rss = new ArrayList<>();
        long steps = -1;
        double seconds = Double.NaN;
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] p = line.split(",");
            switch (p[0]) {
                case "steps" -> steps = Long.parseLong(p[1]);
                case "seconds" -> seconds = Double.parseDouble(p[1]);
                default -> rss.add(new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])});
            }
        }
        assertEquals(STEPS, steps, "steps trained");
        long end = rss.get(rss.size() - 1)[0];
        List<long[]> after = rss.stream().filter(r -> r[0] >= end / 5).toList();
        assertTrue(after.size() >= 10, "samples after warm-up: " + after.size());
        long first = after.get(0)[1];
        long min = after.stream().mapToLong(r -> r[1]).min().orElseThrow();
        long max = after.stream().mapToLong(r -> r[1]).max().orElseThrow();
        long last = after.get(after.size() - 1)[1];
        String summary = String.format(Locale.ROOT, "%d tiny steps in %.1f s (%d samples): RSS after warm-up first %d,"
                + " min %d, max %d, last %d MiB; drift first→last %+.1f %%, band %+.1f / %+.1f %% of first", steps,
                seconds, rss.size(), first / 1024, min / 1024, max / 1024, last / 1024, 100.0 * (last - first) / first,
                100.0 * (min - first) / first, 100.0 * (max - first) / first);
        LOG.info(summary);
        Files.createDirectories(Path.of("target"));
        Files.copy(csv, Path.of("target", "train-memory-" + STEPS + ".csv"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(max <= first * 1.05 && min >= first * 0.95, summary);
    }
}
