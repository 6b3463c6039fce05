package org.egolens.model.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.JavaCvVideoSource;

/**
 * Child main of {@link DecodeMemoryTest}: {@code <clip> <cycles> <cached|uncached> <out.csv>} opens, decodes (T = 4
 * frames at 64 px) and closes {@code clip} {@code cycles} times through {@link JavaCvVideoSource} ({@code uncached}:
 * frame-table cache off, so every cycle also indexes the file), writing {@code cycle,rss_kib} 20 times along the way
 * (the first after cycle 0), and on the last line how many cycles decoded other values than the first
 * ({@code mismatches,<n>}).
 */
public final class DecodeCycles {
    private DecodeCycles() {}

    /** Runs the cycles (see the class comment). */
    public static void main(String[] args) throws IOException {
        Path clip = Path.of(args[0]);
        int cycles = Integer.parseInt(args[1]);
        JavaCvVideoSource source = new JavaCvVideoSource("cached".equals(args[2])
                ? JavaCvVideoSource.Options.singleThreaded()
                : new JavaCvVideoSource.Options(1, 0));
        ClipWindow window = ClipWindow.whole("clip", clip);
        StringBuilder csv = new StringBuilder("cycle,rss_kib\n");
        int every = Math.max(1, cycles / 20);
        float[] first = null;
        int mismatches = 0;
        for (int i = 0; i < cycles; i++) {
            float[] data = source.sampleClip(window, 4, 64, null).frames().data();
            if (first == null) {
                first = data;
            } else if (!Arrays.equals(first, data)) {
                mismatches++;
            }
            if (i % every == 0 || i == cycles - 1) {
                csv.append(i).append(',').append(ResidentMemory.kib()).append('\n');
            }
        }
        csv.append("mismatches,").append(mismatches).append('\n');
        Files.writeString(Path.of(args[3]), csv.toString());
    }
}
