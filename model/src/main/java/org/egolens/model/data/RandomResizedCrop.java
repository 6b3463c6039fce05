package org.egolens.model.data;

import java.util.SplittableRandom;

/**
 * Training crop of a clip (spec §4, AVION recipe): one random box per clip, the same for every frame, covering a
 * fraction of the frame area drawn from {@code [minScale, maxScale]} with aspect ratio log-uniform in [3/4, 4/3]
 * (torchvision's RandomResizedCrop rule: 10 tries, then the centre crop), resized bilinearly (half-pixel centres) to
 * {@code out × out}. Works on already-normalised float planes, so the crop commutes with CLIP normalisation.
 *
 * @param out      output side in pixels
 * @param minScale smallest area fraction (0, 1]
 * @param maxScale largest area fraction [minScale, 1]
 */
public record RandomResizedCrop(int out, double minScale, double maxScale) {
    private static final double MIN_RATIO = 3.0 / 4.0;
    private static final double MAX_RATIO = 4.0 / 3.0;

    /** @throws IllegalArgumentException for a non-positive size or a bad scale range */
    public RandomResizedCrop {
        if (out < 1 || !(minScale > 0) || !(maxScale >= minScale) || maxScale > 1) {
            throw new IllegalArgumentException("crop needs out >= 1 and 0 < minScale <= maxScale <= 1 (got " + out
                    + ", " + minScale + ", " + maxScale + ")");
        }
    }

    /** A crop box in source pixels: top-left (x, y) and size (w, h). */
    public record Box(int x, int y, int w, int h) {}

    /** Draws the box for a {@code width × height} source. */
    public Box draw(int width, int height, SplittableRandom random) {
        double area = (double) width * height;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (minScale + (maxScale - minScale) * random.nextDouble());
            double logRatio = Math.log(MIN_RATIO) + (Math.log(MAX_RATIO) - Math.log(MIN_RATIO)) * random.nextDouble();
            double ratio = Math.exp(logRatio);
            int w = (int) Math.round(Math.sqrt(target * ratio));
            int h = (int) Math.round(Math.sqrt(target / ratio));
            if (w > 0 && h > 0 && w <= width && h <= height) {
                int x = random.nextInt(width - w + 1);
                int y = random.nextInt(height - h + 1);
                return new Box(x, y, w, h);
            }
        }
        int side = Math.min(width, height);
        return new Box((width - side) / 2, (height - side) / 2, side, side);
    }

    /**
     * Crops and resizes one clip.
     *
     * @param clip  {@code (C, T, H, W)} values in C order
     * @param c     channels
     * @param t     frames
     * @param h     source height
     * @param w     source width
     * @param box   the crop (from {@link #draw})
     * @param dest  {@code (C, T, out, out)} output, written at {@code offset}
     * @throws IllegalArgumentException if the box lies outside the source
     */
    public void apply(float[] clip, int c, int t, int h, int w, Box box, float[] dest, int offset) {
        if (box.x() < 0 || box.y() < 0 || box.x() + box.w() > w || box.y() + box.h() > h) {
            throw new IllegalArgumentException("crop " + box + " outside a " + w + "×" + h + " frame");
        }
        int[] x0 = new int[out];
        int[] x1 = new int[out];
        float[] fx = new float[out];
        axis(box.x(), box.w(), w, x0, x1, fx);
        int[] y0 = new int[out];
        int[] y1 = new int[out];
        float[] fy = new float[out];
        axis(box.y(), box.h(), h, y0, y1, fy);
        int planeIn = h * w;
        int planeOut = out * out;
        for (int p = 0; p < c * t; p++) {
            int src = p * planeIn;
            int dst = offset + p * planeOut;
            for (int oy = 0; oy < out; oy++) {
                int r0 = src + y0[oy] * w;
                int r1 = src + y1[oy] * w;
                float wy = fy[oy];
                for (int ox = 0; ox < out; ox++) {
                    float top = clip[r0 + x0[ox]] + (clip[r0 + x1[ox]] - clip[r0 + x0[ox]]) * fx[ox];
                    float bottom = clip[r1 + x0[ox]] + (clip[r1 + x1[ox]] - clip[r1 + x0[ox]]) * fx[ox];
                    dest[dst + oy * out + ox] = top + (bottom - top) * wy;
                }
            }
        }
    }

    /** Source sample positions of the output pixel centres along one axis (half-pixel convention, edge clamped). */
    private void axis(int start, int length, int size, int[] lo, int[] hi, float[] frac) {
        double step = (double) length / out;
        for (int o = 0; o < out; o++) {
            double s = start + (o + 0.5) * step - 0.5;
            s = Math.max(0, Math.min(size - 1, s));
            int i = (int) Math.floor(s);
            lo[o] = i;
            hi[o] = Math.min(size - 1, i + 1);
            frac[o] = (float) (s - i);
        }
    }
}
