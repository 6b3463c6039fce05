package org.egolens.model.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Synthetic test clips whose frame {@code i} shows the number {@code i} as a barcode that survives H.264: a 4×3 grid of
 * large grey/white blocks in the centre square of the frame. Cells 0–9 carry bits 0–9 of {@code i} (white = 1), cell 10
 * is always white and cell 11 always black (orientation check). The area outside the centre square is mid-grey.
 * Public for the tests of the other modules (the viewer's frame stepping against the sampler).
 */
public final class BarcodeClips {
    static final int COLS = 4;
    static final int ROWS = 3;
    static final int BITS = 10;
    private static final int DARK = 16;
    private static final int LIGHT = 235;

    private BarcodeClips() {}

    /** Draws frame {@code index} at {@code width × height} (width ≥ height). */
    static BufferedImage frame(int index, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(128, 128, 128));
            g.fillRect(0, 0, width, height);
            int side = height;
            int x0 = (width - side) / 2;
            for (int cell = 0; cell < COLS * ROWS; cell++) {
                boolean on = cell < BITS ? ((index >> cell) & 1) == 1 : cell == BITS;
                int v = on ? LIGHT : DARK;
                g.setColor(new Color(v, v, v));
                int c = cell % COLS;
                int r = cell / COLS;
                int cx0 = x0 + c * side / COLS;
                int cx1 = x0 + (c + 1) * side / COLS;
                int cy0 = r * side / ROWS;
                int cy1 = (r + 1) * side / ROWS;
                g.fillRect(cx0, cy0, cx1 - cx0, cy1 - cy0);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes {@code count} barcode frames ({@code width × height}, even, width ≥ height) at {@code fps}. */
    public static Path write(Path file, int count, int width, int height, double fps) throws IOException {
        try (Mp4Writer w = new Mp4Writer(file, width, height, fps, 10)) {
            for (int i = 0; i < count; i++) {
                w.write(frame(i, width, height));
            }
        }
        return file;
    }

    /** Intensity (0–255) at relative position (u, v) ∈ [0,1)² of the centre square. */
    @FunctionalInterface
    interface SquareView {
        double intensity(double u, double v);
    }

    /**
     * Reads the number from a view of the centre square.
     *
     * @throws AssertionError if the fixed cells are wrong (not a barcode frame, or geometry off)
     */
    static int read(SquareView view, int side) {
        int value = 0;
        for (int cell = 0; cell < COLS * ROWS; cell++) {
            int c = cell % COLS;
            int r = cell / COLS;
            double sum = 0;
            int n = 0;
            // mean over the inner half of the cell
            for (double fy = 0.25; fy <= 0.75; fy += 0.5 / 6) {
                for (double fx = 0.25; fx <= 0.75; fx += 0.5 / 6) {
                    sum += view.intensity((c + fx) / COLS, (r + fy) / ROWS);
                    n++;
                }
            }
            boolean on = sum / n > (DARK + LIGHT) / 2.0;
            if (cell < BITS) {
                value |= (on ? 1 : 0) << cell;
            } else if (on != (cell == BITS)) {
                throw new AssertionError("barcode reference cell " + cell + " reads " + (sum / n) + " (side " + side + ")");
            }
        }
        return value;
    }

    /**
     * Reads the number from a full decoded frame (centre square = the middle {@code height × height}).
     *
     * @throws AssertionError if the image is not a barcode frame
     */
    public static int read(BufferedImage img) {
        int side = img.getHeight();
        int x0 = (img.getWidth() - side) / 2;
        return read((u, v) -> {
            int rgb = img.getRGB(x0 + (int) (u * side), (int) (v * side));
            return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0;
        }, side);
    }

    /**
     * Reads the number in frame slot {@code t} of clip {@code b} of a normalised batch (the crop is the centre square).
     *
     * @throws AssertionError if the slot is not a barcode frame
     */
    public static int read(FrameBatch batch, int b, int t) {
        int s = batch.height();
        int frames = batch.frames();
        float[] d = batch.data();
        int clip = b * batch.clipSize();
        return read((u, v) -> {
            int x = (int) (u * s);
            int y = (int) (v * s);
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                float value = d[clip + ((c * frames + t) * s + y) * s + x];
                sum += ClipNormalization.denormalize(c, value) * 255.0;
            }
            return sum / 3;
        }, s);
    }
}
