package org.egolens.viewer;

import java.util.Locale;

/** Text formats shared by the views. */
public final class Formats {
    private Formats() {}

    /** A duration or time as {@code m:ss.fff} (or {@code h:mm:ss.fff} from one hour); {@code --} for NaN. */
    public static String clock(double seconds) {
        if (Double.isNaN(seconds)) {
            return "--";
        }
        long ms = Math.round(Math.max(0, seconds) * 1000);
        long h = ms / 3_600_000;
        long m = (ms / 60_000) % 60;
        long s = (ms / 1000) % 60;
        long f = ms % 1000;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d.%03d", h, m, s, f)
                : String.format(Locale.ROOT, "%d:%02d.%03d", m, s, f);
    }

    /** A short duration such as {@code 4.1 s} or {@code 2:05}. */
    public static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "--";
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** A window as {@code 12.40–15.10 s}. */
    public static String window(double start, double end) {
        return String.format(Locale.ROOT, "%.2f\u2013%.2f s", start, end);
    }
}
