package org.egolens.model.retrieval.fakes;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes and parses "fake videos": small text files that {@link FakeVideoSource} renders as coloured frames. Test-only
 * stand-in for mp4 files so retrieval and GUI tests need no codec.
 *
 * <p>File format (UTF-8 lines): {@code egolens-fake-video}, then {@code fps=}, {@code frames=}, {@code width=},
 * {@code height=}, {@code color=#RRGGBB}.
 */
public final class FakeVideos {
    /** First line of every fake video. */
    public static final String MAGIC = "egolens-fake-video";

    private FakeVideos() {}

    /** A parsed fake video. */
    public record Spec(double fps, int frames, int width, int height, Color color) {
        /** Duration, seconds. */
        public double durationSec() {
            return frames / fps;
        }
    }

    /** Writes a fake video and returns its path. */
    public static Path write(Path file, double fps, int frames, int width, int height, Color color) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, String.format(Locale.ROOT, "%s%nfps=%s%nframes=%d%nwidth=%d%nheight=%d%ncolor=#%06x%n",
                MAGIC, fps, frames, width, height, color.getRGB() & 0xffffff));
        return file;
    }

    /** Writes a file that is not a fake video (a "corrupt clip"). */
    public static Path writeCorrupt(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 0x13, 0x37});
        return file;
    }

    /** Parses a fake video. @throws IOException if missing or not a fake video (names the file) */
    public static Spec read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("video not found: " + file);
        }
        var lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
            throw new IOException(file + ": invalid data found when processing input (not a video)");
        }
        var kv = new java.util.HashMap<String, String>();
        for (String l : lines.subList(1, lines.size())) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                kv.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        try {
            return new Spec(Double.parseDouble(kv.get("fps")), Integer.parseInt(kv.get("frames")),
                    Integer.parseInt(kv.get("width")), Integer.parseInt(kv.get("height")),
                    Color.decode(kv.get("color")));
        } catch (RuntimeException e) {
            throw new IOException(file + ": broken fake video header: " + e.getMessage(), e);
        }
    }
}
