package org.egolens.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CLIP normalisation of decoded pixels: a solid colour c decodes to (c/255 − mean)/std in every pixel. */
class NormalizationTest {
    private static final double[] MEAN = {0.48145466, 0.4578275, 0.40821073};
    private static final double[] STD = {0.26862954, 0.26130258, 0.27577711};

    @TempDir
    Path dir;

    private Path solidClip(String name, Color colour, int width, int height) throws IOException {
        Path p = dir.resolve(name);
        try (Mp4Writer w = new Mp4Writer(p, width, height, 25, 0)) {
            for (int i = 0; i < 12; i++) {
                BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = img.createGraphics();
                g.setColor(colour);
                g.fillRect(0, 0, width, height);
                g.dispose();
                w.write(img);
            }
        }
        return p;
    }

    @Test
    void solidColourClipNormalisesToTheFormula() throws IOException {
        JavaCvVideoSource source = new JavaCvVideoSource();
        int[][] colours = {{200, 120, 40}, {30, 220, 160}, {128, 128, 128}};
        for (int[] c : colours) {
            // {width, height, output size}: shrinking (area) and enlarging (bicubic) paths
            for (int[] wh : new int[][] {{96, 64, 24}, {48, 32, 40}}) {
                int s = wh[2];
                Path clip = solidClip("solid_" + c[0] + "_" + wh[0] + ".mp4", new Color(c[0], c[1], c[2]), wh[0], wh[1]);
                FrameBatch b = source.sample(ClipWindow.whole("solid", clip), 3, s, null);
                assertArrayEquals(new long[] {1, 3, 3, s, s}, b.shape());
                int plane = 3 * s * s;
                for (int ch = 0; ch < 3; ch++) {
                    double expected = (c[ch] / 255.0 - MEAN[ch]) / STD[ch];
                    // 8-bit RGB -> YUV 4:2:0 (limited range) -> RGB rounds by up to one level
                    double tolerance = 1.5 / 255 / STD[ch];
                    for (int k = 0; k < plane; k++) {
                        assertEquals(expected, b.data()[ch * plane + k], tolerance,
                                "colour " + c[0] + "," + c[1] + "," + c[2] + " channel " + ch + " size " + wh[0]);
                    }
                }
            }
        }
    }

    @Test
    void lookupMatchesTheFormulaExactly() {
        for (int ch = 0; ch < 3; ch++) {
            for (int p : new int[] {0, 1, 127, 128, 254, 255}) {
                assertEquals((p / 255.0 - MEAN[ch]) / STD[ch], ClipNormalization.normalize(ch, p), 1e-6);
                assertEquals(p / 255.0, ClipNormalization.denormalize(ch, ClipNormalization.normalize(ch, p)), 1e-6);
            }
        }
    }
}
