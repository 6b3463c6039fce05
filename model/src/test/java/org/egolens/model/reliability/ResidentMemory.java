package org.egolens.model.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process' resident set size, from {@code /proc/self/status} (Linux). */
final class ResidentMemory {
    private ResidentMemory() {}

    /**
     * VmRSS in KiB.
     *
     * @throws IllegalStateException if {@code /proc/self/status} has no VmRSS line
     */
    static long kib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
