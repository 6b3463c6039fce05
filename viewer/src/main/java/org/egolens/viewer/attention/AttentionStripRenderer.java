package org.egolens.viewer.attention;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.egolens.model.inspect.PatchMap;
import org.egolens.model.inspect.QueryToken;
import org.egolens.model.inspect.TokenGrid;

/**
 * Draws the T sampled frames of a clip in a row with an attention map over all T·G² patches on top: each patch is filled
 * with the {@link Colormap#HEAT} colour of {@code (weight − lo) / (hi − lo)} at the style's opacity, where hi is the scale
 * maximum and lo is 0 or the smallest patch weight ({@link StripStyle#fromZero()}); the query patch is outlined; below, the
 * colour scale from lo to hi with labels. One colour scale spans all frames, so frames can be
 * compared. Java2D only (no JavaFX), so the command line and the GUI produce the same picture.
 */
public final class AttentionStripRenderer {
    /** Background colour of the strip (the app's dark theme). */
    public static final Color BACKGROUND = new Color(0x15171c);
    private static final Color TEXT = new Color(0xe4e7ec);
    private static final Color MUTED = new Color(0x8b93a1);
    private static final int MARGIN = 12;
    private static final int GAP = 8;
    private static final int CAPTION = 26;
    private static final int FRAME_LABEL = 20;
    private static final int LEGEND = 46;

    private AttentionStripRenderer() {}

    /** The geometry a strip of this grid and style has (for mapping clicks). */
    public static StripLayout layout(TokenGrid grid, StripStyle style) {
        return new StripLayout(grid.frames(), grid.grid(), style.tile(), GAP, MARGIN,
                MARGIN + (style.caption().isEmpty() ? 0 : CAPTION));
    }

    /**
     * Renders the strip.
     *
     * @param frames the T frames (any size; each is scaled to the tile)
     * @param map    the attention map of the clip's grid
     * @return an RGB image
     * @throws IllegalArgumentException if the number of frames differs from the map's T
     */
    public static BufferedImage render(List<BufferedImage> frames, PatchMap map, StripStyle style) {
        TokenGrid grid = map.grid();
        if (frames.size() != grid.frames()) {
            throw new IllegalArgumentException(frames.size() + " frames for a map of " + grid.frames());
        }
        StripLayout lay = layout(grid, style);
        int width = Math.max(2 * MARGIN + lay.rowWidth(), style.legend() ? 2 * MARGIN + 640 : 0);
        int height = lay.top() + style.tile() + FRAME_LABEL + (style.legend() ? LEGEND : 0) + MARGIN;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            double[] scale = scale(map, style);
            double min = scale[0];
            double span = scale[1];
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            g.setFont(font);
            if (!style.caption().isEmpty()) {
                g.setColor(TEXT);
                g.setFont(font.deriveFont(Font.BOLD, 13f));
                g.drawString(style.caption(), MARGIN, MARGIN + 16);
                g.setFont(font);
            }
            int tile = style.tile();
            int gg = grid.grid();
            int alpha = (int) Math.round(style.opacity() * 255);
            for (int t = 0; t < grid.frames(); t++) {
                int x0 = lay.tileX(t);
                int y0 = lay.top();
                g.drawImage(frames.get(t), x0, y0, tile, tile, null);
                if (alpha > 0) {
                    for (int h = 0; h < gg; h++) {
                        for (int w = 0; w < gg; w++) {
                            int rgb = Colormap.HEAT.rgb((map.at(t, h, w) - min) / span);
                            g.setColor(new Color((alpha << 24) | rgb, true));
                            int cx = lay.cellStart(w);
                            int cy = lay.cellStart(h);
                            g.fillRect(x0 + cx, y0 + cy, lay.cellStart(w + 1) - cx, lay.cellStart(h + 1) - cy);
                        }
                    }
                }
                g.setColor(MUTED);
                g.drawString(String.format(Locale.ROOT, "t = %d   \u03a3 %.3f", t, map.frameMass(t)), x0,
                        y0 + tile + 15);
            }
            QueryToken q = map.query();
            if (!q.isCls()) {
                int x0 = lay.tileX(q.t()) + lay.cellStart(q.w());
                int y0 = lay.top() + lay.cellStart(q.h());
                int cw = lay.cellStart(q.w() + 1) - lay.cellStart(q.w());
                int ch = lay.cellStart(q.h() + 1) - lay.cellStart(q.h());
                g.setStroke(new BasicStroke(3f));
                g.setColor(Color.BLACK);
                g.drawRect(x0, y0, cw, ch);
                g.setStroke(new BasicStroke(1.5f));
                g.setColor(Color.WHITE);
                g.drawRect(x0, y0, cw, ch);
            }
            if (style.legend()) {
                drawLegend(g, MARGIN, lay.top() + tile + FRAME_LABEL + 6, min, min + span, map);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The colour of a weight under a style: what a patch cell of a map is filled with at opacity 1. */
    public static int colour(PatchMap map, StripStyle style, double weight) {
        double[] s = scale(map, style);
        return Colormap.HEAT.rgb((weight - s[0]) / s[1]);
    }

    /** {lo, hi − lo} of the colour scale (hi − lo > 0). */
    private static double[] scale(PatchMap map, StripStyle style) {
        double max = Double.isNaN(style.scaleMax()) ? map.max() : style.scaleMax();
        if (!(max > 0)) {
            max = 1;
        }
        double min = style.fromZero() ? 0 : Math.min(map.min(), max);
        return new double[] {min, max - min > 0 ? max - min : max};
    }

    private static void drawLegend(Graphics2D g, int x, int y, double min, double max, PatchMap map) {
        int w = 260;
        int h = 12;
        for (int i = 0; i < w; i++) {
            g.setColor(new Color(Colormap.HEAT.rgb(i / (double) (w - 1))));
            g.fillRect(x + i, y, 1, h);
        }
        g.setColor(new Color(0x2d323d));
        g.drawRect(x, y, w, h);
        g.setColor(MUTED);
        FontMetrics fm = g.getFontMetrics();
        String lo = format(min, max - min);
        String mid = format((min + max) / 2, max - min);
        String hi = format(max, max - min);
        g.drawString(lo, x, y + h + 14);
        g.drawString(mid, x + w / 2 - fm.stringWidth(mid) / 2, y + h + 14);
        g.drawString(hi, x + w - fm.stringWidth(hi), y + h + 14);
        g.setColor(TEXT);
        g.drawString(String.format(Locale.ROOT, "weight per patch  \u00b7  patches %.3f  \u00b7  CLS key %.3f",
                map.patchMass(), map.clsWeight()), x + w + 16, y + h - 1);
    }

    /** A weight with three significant digits. */
    public static String format(double v) {
        if (v == 0) {
            return "0";
        }
        return v >= 0.01 ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.2e", v);
    }

    /** A weight with enough decimals that values {@code span} apart print differently (two digits of the span). */
    static String format(double v, double span) {
        if (!(span > 0) || v == 0) {
            return format(v);
        }
        int decimals = Math.max(3, (int) Math.ceil(-Math.log10(span)) + 1);
        return decimals > 8 ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
