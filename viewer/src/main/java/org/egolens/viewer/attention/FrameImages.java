package org.egolens.viewer.attention;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.egolens.model.data.ClipNormalization;
import org.egolens.model.data.FrameBatch;

/**
 * The frames a model saw, back as pictures: undoes the CLIP normalisation of a {@link FrameBatch} so that the attention
 * overlay sits on exactly the pixels the patches were cut from.
 */
public final class FrameImages {
    private FrameImages() {}

    /**
     * The T frames of clip {@code b} of a batch.
     *
     * @return T RGB images of W × H pixels
     * @throws IllegalArgumentException if b is outside the batch or the batch is not RGB
     */
    public static List<BufferedImage> of(FrameBatch batch, int b) {
        if (b < 0 || b >= batch.batch() || batch.channels() != 3) {
            throw new IllegalArgumentException("clip " + b + " of a batch of " + batch.batch() + " with " + batch.channels()
                    + " channels");
        }
        int t = batch.frames();
        int h = batch.height();
        int w = batch.width();
        int plane = h * w;
        float[] d = batch.data();
        int base = b * batch.clipSize();
        List<BufferedImage> out = new ArrayList<>(t);
        for (int f = 0; f < t; f++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int[] rgb = new int[plane];
            for (int i = 0; i < plane; i++) {
                int v = 0;
                for (int c = 0; c < 3; c++) {
                    float x = ClipNormalization.denormalize(c, d[base + (c * t + f) * plane + i]);
                    int byteValue = Math.max(0, Math.min(255, Math.round(x * 255f)));
                    v = (v << 8) | byteValue;
                }
                rgb[i] = v;
            }
            img.setRGB(0, 0, w, h, rgb, 0, w);
            out.add(img);
        }
        return out;
    }
}
