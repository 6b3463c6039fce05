package org.egolens.model.data.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;

/**
 * A thin wrapper over {@link Graphics2D} that draws screen-space shapes under the head-motion transform and records
 * the device-space bounds of everything drawn since the last {@link #startRecording()}, to give per-frame boxes.
 * Colours can be darkened with {@link #shade(double)} (objects sunk inside a container).
 */
final class Canvas {
    private final Graphics2D g;
    private final AffineTransform camera;
    private Rectangle2D recorded;
    private double shade = 1;

    Canvas(Graphics2D g, AffineTransform camera) {
        this.g = g;
        this.camera = camera;
        g.setTransform(camera);
    }

    Graphics2D graphics() {
        return g;
    }

    /** Darkens colours drawn from now on by {@code factor} (1 = unchanged). */
    void shade(double factor) {
        shade = factor;
    }

    void startRecording() {
        recorded = null;
    }

    /** Device-space bounds of what was drawn since {@link #startRecording()}, or null. */
    Rectangle2D recorded() {
        return recorded;
    }

    void fill(Shape s, int rgb) {
        fill(s, color(rgb, 255));
    }

    void fill(Shape s, Color c) {
        g.setColor(apply(c));
        g.fill(s);
        record(s);
    }

    /** Fills with a linear gradient from {@code rgb0} at (x0, y0) to {@code rgb1} at (x1, y1), user space. */
    void fillGradient(Shape s, double x0, double y0, int rgb0, double x1, double y1, int rgb1) {
        g.setPaint(new java.awt.GradientPaint((float) x0, (float) y0, apply(color(rgb0, 255)), (float) x1, (float) y1,
                apply(color(rgb1, 255))));
        g.fill(s);
        record(s);
    }

    void stroke(Shape s, double width, int rgb) {
        stroke(s, width, color(rgb, 255));
    }

    void stroke(Shape s, double width, Color c) {
        BasicStroke st = new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        g.setStroke(st);
        g.setColor(apply(c));
        g.draw(s);
        record(st.createStrokedShape(s));
    }

    /** Fills without recording bounds (shadows, background). */
    void fillUnrecorded(Shape s, Color c) {
        g.setColor(c);
        g.fill(s);
    }

    static Color color(int rgb, int alpha) {
        return new Color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, alpha);
    }

    /** {@code rgb} scaled by {@code f} per channel (f &lt; 1 darker, &gt; 1 lighter, clamped). */
    static int scale(int rgb, double f) {
        int r = (int) Math.min(255, Math.round(((rgb >> 16) & 255) * f));
        int gg = (int) Math.min(255, Math.round(((rgb >> 8) & 255) * f));
        int b = (int) Math.min(255, Math.round((rgb & 255) * f));
        return (r << 16) | (gg << 8) | b;
    }

    private Color apply(Color c) {
        if (shade == 1) {
            return c;
        }
        int rgb = scale(c.getRGB() & 0xFFFFFF, shade);
        return color(rgb, c.getAlpha());
    }

    private void record(Shape s) {
        Rectangle2D b = camera.createTransformedShape(s).getBounds2D();
        recorded = recorded == null ? b : recorded.createUnion(b);
    }
}
