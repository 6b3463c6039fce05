package org.egolens.model.data;

import java.util.Objects;

/**
 * A batch of video clips as one float32 block in layout {@code (B, C, T, H, W)} (C order), already normalised with the
 * CLIP mean/std, ready for the video encoder.
 *
 * @param data     {@code B·C·T·H·W} values in C order
 * @param batch    B, clips
 * @param channels C, colour channels (3, RGB)
 * @param frames   T, sampled frames per clip
 * @param height   H, pixels
 * @param width    W, pixels
 */
public record FrameBatch(float[] data, int batch, int channels, int frames, int height, int width) {
    /** @throws IllegalArgumentException if the data length does not match the shape */
    public FrameBatch {
        Objects.requireNonNull(data, "data");
        long n = (long) batch * channels * frames * height * width;
        if (batch <= 0 || channels <= 0 || frames <= 0 || height <= 0 || width <= 0 || n != data.length) {
            throw new IllegalArgumentException("frame batch shape (" + batch + ", " + channels + ", " + frames + ", " + height
                    + ", " + width + ") does not match " + data.length + " values");
        }
    }

    /** Shape as {@code long[]} {B, C, T, H, W}. */
    public long[] shape() {
        return new long[] {batch, channels, frames, height, width};
    }

    /** Values of one clip, {@code (C, T, H, W)}. */
    public int clipSize() {
        return channels * frames * height * width;
    }

    /** Stacks single clips {@code (C, T, H, W)} (each a FrameBatch with B = 1) into one batch. */
    public static FrameBatch stack(java.util.List<FrameBatch> clips) {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("no clips to stack");
        }
        FrameBatch f = clips.get(0);
        float[] out = new float[clips.size() * f.clipSize()];
        int off = 0;
        for (FrameBatch c : clips) {
            if (c.channels != f.channels || c.frames != f.frames || c.height != f.height || c.width != f.width) {
                throw new IllegalArgumentException("clips of different shapes cannot be stacked");
            }
            System.arraycopy(c.data, 0, out, off, c.data.length);
            off += c.data.length;
        }
        return new FrameBatch(out, off / f.clipSize(), f.channels, f.frames, f.height, f.width);
    }
}
