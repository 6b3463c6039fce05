package org.egolens.viewer.attention;

/**
 * How {@link AttentionStripRenderer} draws a strip.
 *
 * @param tile     side of one frame tile, pixels
 * @param opacity  opacity of the heatmap over the frames, 0 (frames only) … 1 (heatmap only)
 * @param scaleMax weight mapped to the top of the colour scale; NaN to use the map's largest patch weight
 * @param fromZero true: the scale starts at 0; false: at the map's smallest patch weight (more contrast for nearly
 *                 uniform maps; the legend gives both ends)
 * @param legend   draw the colour scale with its labels below the frames
 * @param caption  a line above the frames (model, layer, head, query), or empty for none
 */
public record StripStyle(int tile, double opacity, double scaleMax, boolean fromZero, boolean legend, String caption) {
    /** @throws IllegalArgumentException for a tile below 16 px, an opacity outside [0, 1] or a negative scale */
    public StripStyle {
        if (tile < 16) {
            throw new IllegalArgumentException("tile must be >= 16 px, got " + tile);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be in [0, 1], got " + opacity);
        }
        if (!Double.isNaN(scaleMax) && !(scaleMax > 0)) {
            throw new IllegalArgumentException("scaleMax must be > 0 or NaN, got " + scaleMax);
        }
        caption = caption == null ? "" : caption;
    }

    /** 192-px tiles, opacity 0.6, scale from the map's minimum to its maximum, legend, no caption. */
    public static StripStyle defaults() {
        return new StripStyle(192, 0.6, Double.NaN, false, true, "");
    }

    /** Copy with another opacity. */
    public StripStyle withOpacity(double o) {
        return new StripStyle(tile, o, scaleMax, fromZero, legend, caption);
    }

    /** Copy with another caption. */
    public StripStyle withCaption(String c) {
        return new StripStyle(tile, opacity, scaleMax, fromZero, legend, c);
    }

    /** Copy with the scale starting at 0 ({@code true}) or at the map's minimum. */
    public StripStyle withFromZero(boolean z) {
        return new StripStyle(tile, opacity, scaleMax, z, legend, caption);
    }

    /** Copy with another tile size. */
    public StripStyle withTile(int px) {
        return new StripStyle(px, opacity, scaleMax, fromZero, legend, caption);
    }
}
