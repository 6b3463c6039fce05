package org.egolens.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4WriterTest {
    @TempDir
    Path dir;

    @Test
    void sameFramesGiveTheSameBytes() throws IOException {
        Path a = BarcodeClips.write(dir.resolve("a.mp4"), 45, 96, 64, 30);
        Path b = BarcodeClips.write(dir.resolve("sub/b.mp4"), 45, 96, 64, 30);
        assertTrue(Files.size(a) > 1000);
        assertEquals(-1L, Files.mismatch(a, b));
        Path c = BarcodeClips.write(dir.resolve("c.mp4"), 44, 96, 64, 30);
        assertTrue(Files.mismatch(a, c) >= 0);
        // nothing but the targets is left behind
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count()); // a.mp4, c.mp4, sub/
        }
        assertEquals(45, new JavaCvVideoSource().probe(a).frameCount());
    }

    @Test
    void imagesOfOtherTypesKeepTheirColours() throws IOException {
        Path p = dir.resolve("types.mp4");
        int[] types = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_BGR,
            BufferedImage.TYPE_3BYTE_BGR};
        Color red = new Color(220, 30, 30);
        try (Mp4Writer w = new Mp4Writer(p, 32, 32, 10, 0)) {
            for (int type : types) {
                BufferedImage img = new BufferedImage(32, 32, type);
                Graphics2D g = img.createGraphics();
                g.setColor(red);
                g.fillRect(0, 0, 32, 32);
                g.dispose();
                w.write(img);
            }
            assertEquals(4, w.frameCount());
        }
        JavaCvVideoSource source = new JavaCvVideoSource();
        for (int i = 0; i < types.length; i++) {
            Color got = new Color(source.frameByIndex(p, i).getRGB(16, 16));
            assertTrue(Math.abs(got.getRed() - 220) <= 3 && Math.abs(got.getGreen() - 30) <= 3
                    && Math.abs(got.getBlue() - 30) <= 3, "image type " + types[i] + " decoded as " + got);
        }
    }

    @Test
    void wrongFrameSizeIsRefused() throws IOException {
        Path p = dir.resolve("size.mp4");
        try (Mp4Writer w = new Mp4Writer(p, 32, 32, 10, 0)) {
            w.write(new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.write(new BufferedImage(48, 32, BufferedImage.TYPE_3BYTE_BGR)));
            assertTrue(e.getMessage().contains("48x32"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve(".size.mp4.part.mp4")));
        assertThrows(IllegalArgumentException.class, () -> new Mp4Writer(dir.resolve("odd.mp4"), 31, 32, 10, 0));
    }
}
