package org.egolens.model.reliability;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.egolens.model.data.Mp4Writer;

/** Small hostile inputs for the reliability suite, written into a caller's temporary folder. */
final class HostileFixtures {
    /** Grey level of frame {@code i} in {@link #greyRamp}: far enough apart to survive lossy coding. */
    static int grey(int i) {
        return 20 + 10 * i;
    }

    private HostileFixtures() {}

    /** An mp4 of {@code count} (at most 20) uniform frames, frame i filled with {@link #grey(int) grey(i)}. */
    static Path greyRamp(Path file, int count, double fps) throws IOException {
        if (count > 20) {
            throw new IllegalArgumentException("at most 20 frames keep the grey levels distinct");
        }
        try (Mp4Writer w = new Mp4Writer(file, 64, 64, fps, 10)) {
            for (int i = 0; i < count; i++) {
                BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(grey(i), grey(i), grey(i)));
                g.fillRect(0, 0, 64, 64);
                g.dispose();
                w.write(img);
            }
        }
        return file;
    }

    /**
     * A copy of {@code mp4} whose movie, track and media header durations ({@code mvhd}, {@code tkhd}, {@code mdhd},
     * version 0) all read {@code duration}; the sample tables are left alone.
     *
     * @return the number of boxes patched
     */
    static int patchHeaderDurations(Path mp4, Path out, long duration) throws IOException {
        byte[] b = Files.readAllBytes(mp4);
        ByteBuffer buf = ByteBuffer.wrap(b);
        int patched = 0;
        for (String box : new String[] {"mvhd", "tkhd", "mdhd"}) {
            byte[] name = box.getBytes(StandardCharsets.US_ASCII);
            for (int p = 4; p + 28 < b.length; p++) {
                if (b[p] == name[0] && b[p + 1] == name[1] && b[p + 2] == name[2] && b[p + 3] == name[3]) {
                    if (b[p + 4] != 0) {
                        throw new IOException(box + " of version " + b[p + 4] + " is not handled");
                    }
                    // fields after version/flags: creation, modification, then timescale (mvhd, mdhd) or track id +
                    // reserved (tkhd), then the 32-bit duration
                    buf.putInt(p + (box.equals("tkhd") ? 24 : 20), (int) duration);
                    patched++;
                }
            }
        }
        Files.write(out, b);
        return patched;
    }

    /** Writes {@code text} as UTF-8 to {@code dir/name}. */
    static Path text(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
