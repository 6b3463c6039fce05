package org.egolens.model.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.egolens.model.data.Mp4Writer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliability, case 3: open-decode-close cycles of a short clip (2 s, 30 frames, 96 × 72, H.264) leave the resident
 * memory flat. The cycles run in a child JVM with a fixed, pre-touched 256 MiB heap, so that heap growth does not show
 * as RSS and any drift is native (FFmpeg contexts, frames, JavaCPP pointers). Pass: every RSS sample after warm-up (the
 * first 20 % of the cycles) within ±5 % of the first one after warm-up, and every cycle decodes the same values.
 * {@code egolens.reliability.cycles} sets the count (default 1,000; the full run is 10,000); the samples go to
 * {@code target/decode-memory-<mode>-<cycles>.csv}.
 *
 * <pre>mvn -B -o -pl model test -Dtest=DecodeMemoryTest -Degolens.reliability.cycles=10000</pre>
 */
@Tag("reliability")
class DecodeMemoryTest {
    private static final Logger LOG = LoggerFactory.getLogger(DecodeMemoryTest.class);
    private static final int CYCLES = Integer.getInteger("egolens.reliability.cycles", 1000);

    @TempDir
    Path tmp;

    private Path clip() throws IOException {
        Path f = tmp.resolve("clip.mp4");
        try (Mp4Writer w = new Mp4Writer(f, 96, 72, 15, 18)) {
            for (int i = 0; i < 30; i++) {
                BufferedImage img = new BufferedImage(96, 72, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(8 * i, 255 - 8 * i, 128));
                g.fillRect(0, 0, 96, 72);
                g.setColor(Color.WHITE);
                g.fillRect(2 * i, 20, 16, 16);
                g.dispose();
                w.write(img);
            }
        }
        return f;
    }

    @ParameterizedTest(name = "{0} frame table")
    @ValueSource(strings = {"uncached", "cached"})
    void residentMemoryStaysFlatOverOpenDecodeCloseCycles(String mode) throws Exception {
        Path csv = tmp.resolve("rss-" + mode + ".csv");
        long t0 = System.nanoTime();
        ChildJvm c = ChildJvm.start(tmp.resolve("decode-" + mode + ".log"),
                List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"), DecodeCycles.class, clip().toString(),
                Integer.toString(CYCLES), mode, csv.toString());
        assertEquals(0, c.await(1800), c.output());
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<long[]> rss = new ArrayList<>();
        int mismatches = -1;
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] p = line.split(",");
            if (p[0].equals("mismatches")) {
                mismatches = Integer.parseInt(p[1]);
            } else {
                rss.add(new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])});
            }
        }
        assertEquals(0, mismatches, "cycles that decoded other values than the first");
        List<long[]> after = rss.stream().filter(r -> r[0] >= CYCLES / 5).toList();
        long first = after.get(0)[1];
        long min = after.stream().mapToLong(r -> r[1]).min().orElseThrow();
        long max = after.stream().mapToLong(r -> r[1]).max().orElseThrow();
        long last = after.get(after.size() - 1)[1];
        String summary = String.format(Locale.ROOT, "%d %s cycles in %.1f s: RSS at start %d MiB; after warm-up first %d,"
                + " min %d, max %d, last %d MiB; drift first→last %+.1f %%, band %+.1f / %+.1f %% of first", CYCLES,
                mode, seconds, rss.get(0)[1] / 1024, first / 1024, min / 1024, max / 1024, last / 1024,
                100.0 * (last - first) / first, 100.0 * (min - first) / first, 100.0 * (max - first) / first);
        LOG.info(summary);
        Files.createDirectories(Path.of("target"));
        Files.copy(csv, Path.of("target", "decode-memory-" + mode + "-" + CYCLES + ".csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(max <= first * 1.05 && min >= first * 0.95, summary);
    }
}
