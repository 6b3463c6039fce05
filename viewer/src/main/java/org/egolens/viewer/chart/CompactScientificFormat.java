package org.egolens.viewer.chart;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Axis tick labels for values spanning decades, such as learning rates: {@code 0}, {@code 2e-4}, {@code 1.5e-3}
 * (shortest mantissa with at most {@code digits} significant digits, no "+" or leading zeros in the exponent).
 * Formatting only.
 */
public final class CompactScientificFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private final int digits;

    /** @param digits significant digits, 1 to 6 */
    public CompactScientificFormat(int digits) {
        if (digits < 1 || digits > 6) {
            throw new IllegalArgumentException("digits must be in [1, 6], got " + digits);
        }
        this.digits = digits;
    }

    /** Formats one value. */
    public static String format(double v, int digits) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        int exponent = Integer.parseInt(s.substring(e + 1));
        return exponent == 0 ? mantissa : mantissa + "e" + exponent;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(format(number, digits));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(format((double) number, digits));
    }

    /** Not supported: this format is for display only. @throws UnsupportedOperationException always */
    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("CompactScientificFormat does not parse");
    }
}
