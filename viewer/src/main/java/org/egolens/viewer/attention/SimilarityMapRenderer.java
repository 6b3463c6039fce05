package org.egolens.viewer.attention;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Draws a Δt × Δh similarity map ({@code org.egolens.model.inspect.RopeAnalysis#similarityMap}) as a grid of cells in the
 * {@link Colormap#HEAT} colours of {@code (S − lo) / (hi − lo)} (one range for all variants, so they compare): rows Δt
 * from −maxDt (top) to +maxDt, columns Δh from −maxDh (left) to +maxDh, with axis ticks at the ends and at 0.
 */
public final class SimilarityMapRenderer {
    private static final int LEFT = 34;
    private static final int BOTTOM = 30;
    private static final int TOP = 6;
    private static final int RIGHT = 8;

    private SimilarityMapRenderer() {}

    /**
     * @param map  {@code [2·maxDt + 1][2·maxDh + 1]} similarities
     * @param cell cell side, pixels
     * @param lo   value at the bottom of the colour scale
     * @param hi   value at the top (&gt; lo)
     * @return an RGB image on the app's surface colour
     * @throws IllegalArgumentException for an empty map, a cell below 1 px or hi ≤ lo
     */
    public static BufferedImage render(double[][] map, int cell, double lo, double hi) {
        if (map.length == 0 || map[0].length == 0 || cell < 1 || !(hi > lo)) {
            throw new IllegalArgumentException("empty map, cell < 1 px or empty range [" + lo + ", " + hi + "]");
        }
        int rows = map.length;
        int cols = map[0].length;
        int maxDt = (rows - 1) / 2;
        int maxDh = (cols - 1) / 2;
        int w = LEFT + cols * cell + RIGHT;
        int h = TOP + rows * cell + BOTTOM;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(ChartStyle.SURFACE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    g.setColor(new Color(Colormap.HEAT.rgb((map[i][j] - lo) / (hi - lo))));
                    g.fillRect(LEFT + j * cell, TOP + i * cell, cell, cell);
                }
            }
            g.setColor(ChartStyle.GRID);
            g.drawRect(LEFT, TOP, cols * cell, rows * cell);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            FontMetrics fm = g.getFontMetrics();
            g.setColor(ChartStyle.MUTED);
            for (int dt : new int[] {-maxDt, 0, maxDt}) {
                String s = Integer.toString(dt);
                int y = TOP + (dt + maxDt) * cell + cell / 2 + fm.getAscent() / 2 - 1;
                g.drawString(s, LEFT - 4 - fm.stringWidth(s), y);
            }
            for (int dh : new int[] {-maxDh, 0, maxDh}) {
                String s = Integer.toString(dh);
                int x = LEFT + (dh + maxDh) * cell + cell / 2 - fm.stringWidth(s) / 2;
                g.drawString(s, x, TOP + rows * cell + 12);
            }
            String axis = String.format(Locale.ROOT, "\u0394h (patch rows) \u2192    \u2193 \u0394t (frames)");
            g.drawString(axis, LEFT, TOP + rows * cell + 25);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** A horizontal colour bar for [lo, hi] with labels at both ends and the middle, {@code width × 30} pixels. */
    public static BufferedImage legend(int width, double lo, double hi) {
        BufferedImage img = new BufferedImage(width, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(ChartStyle.SURFACE);
            g.fillRect(0, 0, width, 30);
            int bar = width - 20;
            for (int i = 0; i < bar; i++) {
                g.setColor(new Color(Colormap.HEAT.rgb(i / (double) (bar - 1))));
                g.fillRect(10 + i, 2, 1, 10);
            }
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            FontMetrics fm = g.getFontMetrics();
            g.setColor(ChartStyle.MUTED);
            String a = String.format(Locale.ROOT, "%.2f", lo);
            String m = String.format(Locale.ROOT, "%.2f", (lo + hi) / 2);
            String b = String.format(Locale.ROOT, "%.2f", hi);
            g.drawString(a, 10, 25);
            g.drawString(m, 10 + bar / 2 - fm.stringWidth(m) / 2, 25);
            g.drawString(b, 10 + bar - fm.stringWidth(b), 25);
        } finally {
            g.dispose();
        }
        return img;
    }
}
