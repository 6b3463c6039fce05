package org.egolens.model.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.egolens.model.data.FrameBatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forward-time benchmark of the video tower (not a unit test; runs only with {@code -Degolens.bench=true}):
 * {@code eva02-at-b16} random init, batch 1, T = 4 and T = 16, plus a 64-row text batch. Reports the median of
 * {@code egolens.bench.runs} (default 5) timed calls after one warm-up, and the process' peak RSS (VmHWM).
 *
 * <pre>mvn -B -o -pl model test -Dtest=EncoderBench -Degolens.bench=true [-Degolens.bench.model=eva02-at-l14]</pre>
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "egolens.bench", matches = "true")
class EncoderBench {
    private static final Logger LOG = LoggerFactory.getLogger(EncoderBench.class);

    @Test
    void videoAndTextForward() throws IOException {
        String preset = System.getProperty("egolens.bench.model", "eva02-at-b16");
        int runs = Integer.getInteger("egolens.bench.runs", 5);
        String frames = System.getProperty("egolens.bench.frames", "4,16");
        LOG.info("threads: {}; rss before: {} MB", System.getProperty("ai.djl.pytorch.num_threads"), rssMb("VmRSS"));
        for (String tf : frames.split(",")) {
            int t = Integer.parseInt(tf.trim());
            long o0 = System.nanoTime();
            try (Eva02AtClipModel m = ModelFactory.open(preset, t, null)) {
                LOG.info("{} T={}: opened in {} ms, rss {} MB", preset, t, (System.nanoTime() - o0) / 1_000_000,
                        rssMb("VmRSS"));
                int s = m.config().vision().imageSize();
                FrameBatch clip = random(1, t, s);
                m.encodeVideosRaw(clip);
                double[] ms = new double[runs];
                long cpu0 = cpuNanos();
                for (int i = 0; i < runs; i++) {
                    long a = System.nanoTime();
                    m.encodeVideosRaw(clip);
                    ms[i] = (System.nanoTime() - a) / 1e6;
                }
                double cpuMs = (cpuNanos() - cpu0) / 1e6 / runs;
                Arrays.sort(ms);
                LOG.info("{} video B=1 T={} ({} tokens): wall median {} ms, min {} ms, max {} ms; process CPU {} ms per "
                        + "call; peak rss {} MB; load average {}", preset, t, 1 + t * m.config().vision().patchesPerFrame(),
                        String.format("%.0f", ms[runs / 2]), String.format("%.0f", ms[0]),
                        String.format("%.0f", ms[runs - 1]), String.format("%.0f", cpuMs), rssMb("VmHWM"), loadAverage());
                if (t == 4) {
                    long[][] ids = new long[64][77];
                    Random r = new Random(1);
                    for (long[] row : ids) {
                        int len = 8 + r.nextInt(12);
                        row[0] = 49406;
                        for (int j = 1; j < len; j++) {
                            row[j] = 1 + r.nextInt(49000);
                        }
                        row[len] = 49407;
                    }
                    m.encodeTokenIdsRaw(ids);
                    long a = System.nanoTime();
                    m.encodeTokenIdsRaw(ids);
                    LOG.info("{} text 64 rows (8-20 tokens): {} ms", preset, (System.nanoTime() - a) / 1_000_000);
                }
            }
        }
        LOG.info("peak rss {} MB", rssMb("VmHWM"));
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static FrameBatch random(int b, int t, int s) {
        Random r = new Random(42);
        float[] v = new float[b * 3 * t * s * s];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new FrameBatch(v, b, 3, t, s, s);
    }

    private static long rssMb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
