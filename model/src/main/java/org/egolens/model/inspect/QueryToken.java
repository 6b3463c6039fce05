package org.egolens.model.inspect;

import java.util.Locale;

/**
 * The token whose attention is shown: CLS or the patch at frame t, row h, column w (0-based).
 *
 * @param isCls true for CLS (then t = h = w = −1)
 * @param t     frame index
 * @param h     patch row
 * @param w     patch column
 */
public record QueryToken(boolean isCls, int t, int h, int w) {
    /** The CLS token. */
    public static final QueryToken CLS = new QueryToken(true, -1, -1, -1);

    /** @throws IllegalArgumentException for a patch with a negative coordinate, or CLS with coordinates */
    public QueryToken {
        if (isCls ? (t != -1 || h != -1 || w != -1) : (t < 0 || h < 0 || w < 0)) {
            throw new IllegalArgumentException("invalid query token cls=" + isCls + " (t, h, w) = (" + t + ", " + h + ", "
                    + w + ")");
        }
    }

    /** The patch at (t, h, w). */
    public static QueryToken patch(int t, int h, int w) {
        return new QueryToken(false, t, h, w);
    }

    /**
     * Parses {@code cls} or {@code t,h,w} (as on the command line).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static QueryToken parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("cls")) {
            return CLS;
        }
        String[] parts = v.split(",");
        if (parts.length == 3) {
            try {
                int t = Integer.parseInt(parts[0].trim());
                int h = Integer.parseInt(parts[1].trim());
                int w = Integer.parseInt(parts[2].trim());
                if (t >= 0 && h >= 0 && w >= 0) {
                    return patch(t, h, w);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("query token '" + s + "' is neither 'cls' nor 't,h,w' with indices >= 0");
    }

    /** {@code cls} or {@code t,h,w}, the form {@link #parse} reads. */
    @Override
    public String toString() {
        return isCls ? "cls" : t + "," + h + "," + w;
    }
}
