package org.egolens.viewer.eval;

import java.util.Locale;
import javafx.scene.paint.Color;

/**
 * Colour of an EK-100 relevancy value in {@code [0, 1]} (docs §2.5): exactly 0 is a neutral grey (not relevant); values
 * above 0 follow the viridis scale from deep blue (barely related) through teal (½: same verb or same nouns) to yellow
 * (1: same verb and nouns). Viridis is perceptually ordered and stays readable on the dark theme.
 */
public final class RelevancyColors {
    /** Colour of relevancy 0. */
    public static final Color NONE = Color.web("#3a404d");
    private static final double[] STOPS = {0.0, 0.25, 0.5, 0.75, 1.0};
    private static final Color[] VIRIDIS = {Color.web("#440154"), Color.web("#3b528b"), Color.web("#21918c"),
        Color.web("#5ec962"), Color.web("#fde725")};

    private RelevancyColors() {}

    /** The colour of relevancy {@code r}; values outside {@code [0, 1]} are clamped, NaN is grey. */
    public static Color of(double r) {
        if (!(r > 0)) {
            return NONE;
        }
        double x = Math.min(1, r);
        for (int k = 1; k < STOPS.length; k++) {
            if (x <= STOPS[k]) {
                double t = (x - STOPS[k - 1]) / (STOPS[k] - STOPS[k - 1]);
                return VIRIDIS[k - 1].interpolate(VIRIDIS[k], t);
            }
        }
        return VIRIDIS[VIRIDIS.length - 1];
    }

    /** The colour as CSS hex, e.g. {@code #21918c}. */
    public static String css(double r) {
        Color c = of(r);
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    /** A readable text colour on top of {@link #of}{@code (r)} (dark on the bright end, light otherwise). */
    public static Color textOn(double r) {
        return of(r).getBrightness() > 0.7 && r > 0.6 ? Color.web("#15171c") : Color.web("#f3f5f8");
    }
}
