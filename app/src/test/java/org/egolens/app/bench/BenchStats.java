package org.egolens.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Small helpers shared by the GUI benchmarks: the median of a sample and the machine's load average. */
public final class BenchStats {
    private BenchStats() {}

    /** The median (upper middle element for an even count) of {@code v}; {@code v} is not changed. */
    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** {@code /proc/loadavg} as one line, or {@code "unknown"} where it cannot be read. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
