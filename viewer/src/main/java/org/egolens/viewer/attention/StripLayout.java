package org.egolens.viewer.attention;

import java.util.Optional;
import org.egolens.model.inspect.QueryToken;

/**
 * Geometry of a frame strip: T square tiles of {@code tile} pixels in a row, {@code gap} apart, starting at
 * ({@code margin}, {@code top}); each tile shows a G × G patch grid. Used to draw the strip and to turn a click into a
 * patch.
 *
 * @param frames T
 * @param grid   G
 * @param tile   tile side, pixels
 * @param gap    space between tiles, pixels
 * @param margin left margin, pixels
 * @param top    y of the tiles' top edge, pixels
 */
public record StripLayout(int frames, int grid, int tile, int gap, int margin, int top) {
    /** @throws IllegalArgumentException for non-positive sizes */
    public StripLayout {
        if (frames <= 0 || grid <= 0 || tile <= 0 || gap < 0 || margin < 0 || top < 0) {
            throw new IllegalArgumentException("invalid strip layout " + frames + " frames, grid " + grid + ", tile "
                    + tile);
        }
    }

    /** Left edge of tile t, pixels. */
    public int tileX(int t) {
        return margin + t * (tile + gap);
    }

    /** Width of the tile row, pixels (without margins). */
    public int rowWidth() {
        return frames * tile + (frames - 1) * gap;
    }

    /** Left edge of patch column w inside a tile, relative to the tile, pixels (rounded). */
    public int cellStart(int w) {
        return (int) Math.round((double) w * tile / grid);
    }

    /**
     * The patch under a point, or empty when the point is between or outside the tiles.
     *
     * @param x pixels in strip coordinates
     * @param y pixels in strip coordinates
     */
    public Optional<QueryToken> patchAt(double x, double y) {
        double lx = x - margin;
        double ly = y - top;
        if (lx < 0 || ly < 0 || ly >= tile) {
            return Optional.empty();
        }
        int t = (int) Math.floor(lx / (tile + gap));
        double inTile = lx - t * (double) (tile + gap);
        if (t >= frames || inTile >= tile) {
            return Optional.empty();
        }
        int w = Math.min(grid - 1, (int) Math.floor(inTile * grid / tile));
        int h = Math.min(grid - 1, (int) Math.floor(ly * grid / tile));
        return Optional.of(QueryToken.patch(t, h, w));
    }
}
