package org.egolens.model.data;

/**
 * Geometry of the evaluation transform {@code Resize(size)} + {@code CenterCrop(size)} (torchvision semantics, as in
 * LaViLa/AVION validation): the short side is scaled to {@code size}, the long side to
 * {@code floor(size·long/short)}, then the centre {@code size × size} square is cut with offsets
 * {@code round((scaled − size) / 2)} (round half to even, like Python's {@code round}).
 *
 * @param scaledWidth  width after the short-side resize, pixels
 * @param scaledHeight height after the short-side resize, pixels
 * @param cropX        left edge of the crop in the resized frame
 * @param cropY        top edge of the crop in the resized frame
 * @param size         crop side, pixels
 */
public record ResizeCrop(int scaledWidth, int scaledHeight, int cropX, int cropY, int size) {

    /**
     * @param width  source frame width (&gt; 0)
     * @param height source frame height (&gt; 0)
     * @param size   output side (&gt; 0)
     */
    public static ResizeCrop of(int width, int height, int size) {
        if (width <= 0 || height <= 0 || size <= 0) {
            throw new IllegalArgumentException("invalid resize " + width + "x" + height + " -> " + size);
        }
        int w;
        int h;
        if (width <= height) {
            w = size;
            h = (int) ((long) size * height / width);
        } else {
            h = size;
            w = (int) ((long) size * width / height);
        }
        int x = (int) Math.rint((w - size) / 2.0);
        int y = (int) Math.rint((h - size) / 2.0);
        return new ResizeCrop(w, h, x, y, size);
    }

    /** True when the resize enlarges the frame (short side below {@code size}). */
    public boolean upscales(int width, int height) {
        return Math.min(width, height) < size;
    }
}
