package org.egolens.model.data.ek100;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EPIC-KITCHENS-100 timestamps {@code HH:MM:SS.ff} / {@code HH:MM:SS.fff} as decimal seconds.
 *
 * <p>The official CSVs write {@code start_timestamp}/{@code stop_timestamp} with 2 fractional digits and
 * {@code narration_timestamp} with 3 (docs/evaluation-and-formats.md §5.1). The reader accepts 0–9 fractional digits and
 * returns the double nearest to the written decimal, so {@code 00:00:01.89} reads as {@code 1.89}.
 */
public final class Ek100Timestamp {
    private static final Pattern FORM = Pattern.compile("(\\d{1,3}):([0-5]\\d):([0-5]\\d)(\\.\\d{1,9})?");

    private Ek100Timestamp() {}

    /**
     * Parses {@code HH:MM:SS[.f…]} to seconds.
     *
     * @throws IllegalArgumentException if the text is not of that form (minutes and seconds below 60)
     */
    public static double parseSeconds(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a timestamp HH:MM:SS.ff");
        }
        long whole = Integer.parseInt(m.group(1)) * 3600L + Integer.parseInt(m.group(2)) * 60L + Integer.parseInt(m.group(3));
        // exact decimal sum, then the nearest double: "00:00:01.89" gives exactly the double 1.89
        return new BigDecimal(whole + (m.group(4) == null ? "" : m.group(4))).doubleValue();
    }

    /**
     * Formats seconds as {@code HH:MM:SS.f…} with {@code fractionDigits} digits (rounded half up).
     *
     * @throws IllegalArgumentException if {@code seconds} is negative or not finite, or digits are outside 0–9
     */
    public static String format(double seconds, int fractionDigits) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("timestamp must be a finite, non-negative number of seconds: " + seconds);
        }
        if (fractionDigits < 0 || fractionDigits > 9) {
            throw new IllegalArgumentException("fraction digits must be 0-9: " + fractionDigits);
        }
        long scale = 1;
        for (int i = 0; i < fractionDigits; i++) {
            scale *= 10;
        }
        long units = Math.round(seconds * scale);
        long whole = units / scale;
        long frac = units % scale;
        String hms = String.format("%02d:%02d:%02d", whole / 3600, (whole / 60) % 60, whole % 60);
        if (fractionDigits == 0) {
            return hms;
        }
        String f = Long.toString(frac);
        return hms + "." + "0".repeat(fractionDigits - f.length()) + f;
    }
}
