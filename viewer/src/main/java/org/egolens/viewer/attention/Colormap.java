package org.egolens.viewer.attention;

/**
 * Maps values in [0, 1] to colours by linear interpolation between stops (sRGB). {@link #HEAT}: dark violet through red
 * and orange to pale yellow, lightness rising monotonically, so the order of values survives grey-scale printing.
 */
public final class Colormap {
    /** Sequential map for non-negative weights; lightness rises monotonically. */
    public static final Colormap HEAT = new Colormap(new int[] {0x0b0420, 0x3a0b5c, 0x7a1a6c, 0xb8324f, 0xe35d2a,
        0xf79a1e, 0xfad55a, 0xfcfdbf});

    private final int[] stops;

    private Colormap(int[] stops) {
        this.stops = stops.clone();
    }

    /**
     * The colour of {@code v}, clamped to [0, 1] (NaN maps to 0).
     *
     * @return {@code 0xRRGGBB}
     */
    public int rgb(double v) {
        double x = Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
        double pos = x * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(pos));
        double f = pos - i;
        int a = stops[i];
        int b = stops[i + 1];
        int r = mix((a >> 16) & 0xff, (b >> 16) & 0xff, f);
        int g = mix((a >> 8) & 0xff, (b >> 8) & 0xff, f);
        int bl = mix(a & 0xff, b & 0xff, f);
        return (r << 16) | (g << 8) | bl;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
