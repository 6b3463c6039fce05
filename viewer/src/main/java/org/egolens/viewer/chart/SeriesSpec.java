package org.egolens.viewer.chart;

import java.util.Objects;
import javafx.scene.paint.Color;

/**
 * How a {@link LiveChart} draws one series.
 *
 * @param key    unique key within the chart (e.g. {@code "run-a/loss"})
 * @param label  legend text
 * @param colour line colour
 * @param style  plain line, smoothed (faint raw line plus its EMA), or line with point markers
 * @param width  line width in px
 * @param dashed dashed line
 */
public record SeriesSpec(String key, String label, Color colour, Style style, double width, boolean dashed) {
    /** Drawing styles. */
    public enum Style {
        /** A plain line through the points. */
        LINE,
        /** The raw points as a faint line and their EMA ({@link LiveChart#smoothingProperty()}) as a solid line. */
        SMOOTHED,
        /** A line with a marker on every point (sparse series such as evaluations). */
        MARKERS
    }

    /** @throws IllegalArgumentException if key is blank or width is not positive */
    public SeriesSpec {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("series key must not be blank");
        }
        label = label == null ? key : label;
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(style, "style");
        if (!(width > 0)) {
            throw new IllegalArgumentException("line width must be positive, got " + width);
        }
    }

    /** A plain 1.6 px line. */
    public static SeriesSpec line(String key, String label, Color colour) {
        return new SeriesSpec(key, label, colour, Style.LINE, 1.6, false);
    }

    /** A smoothed series (raw faint, EMA 1.8 px). */
    public static SeriesSpec smoothed(String key, String label, Color colour) {
        return new SeriesSpec(key, label, colour, Style.SMOOTHED, 1.8, false);
    }

    /** A 1.6 px line with point markers. */
    public static SeriesSpec markers(String key, String label, Color colour) {
        return new SeriesSpec(key, label, colour, Style.MARKERS, 1.6, false);
    }

    /** The same spec, dashed. */
    public SeriesSpec asDashed() {
        return new SeriesSpec(key, label, colour, style, width, true);
    }

    /** The same spec with another width. */
    public SeriesSpec withWidth(double w) {
        return new SeriesSpec(key, label, colour, style, w, dashed);
    }
}
