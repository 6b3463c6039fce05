package org.egolens.model.data.demo;

/**
 * An axis-aligned box in frame pixels (origin top-left, x right, y down), {@code 0 ≤ x0 < x1 ≤ width},
 * {@code 0 ≤ y0 < y1 ≤ height}.
 *
 * @param x0 left edge, pixels
 * @param y0 top edge, pixels
 * @param x1 right edge, pixels
 * @param y1 bottom edge, pixels
 */
public record PixelBox(double x0, double y0, double x1, double y1) {
    /** Box width, pixels. */
    public double width() {
        return x1 - x0;
    }

    /** Box height, pixels. */
    public double height() {
        return y1 - y0;
    }

    /** Centre x, pixels. */
    public double cx() {
        return (x0 + x1) / 2;
    }

    /** Centre y, pixels. */
    public double cy() {
        return (y0 + y1) / 2;
    }
}
