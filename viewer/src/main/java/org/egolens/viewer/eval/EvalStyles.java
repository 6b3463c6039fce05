package org.egolens.viewer.eval;

import java.util.Locale;
import javafx.scene.Parent;

/** The stylesheet of the evaluation views (dark theme, extends the application's palette) and number formats. */
public final class EvalStyles {
    /** URL of {@code eval.css}. */
    public static final String STYLESHEET = EvalStyles.class.getResource("/org/egolens/viewer/eval/eval.css")
            .toExternalForm();

    private EvalStyles() {}

    /** Adds the stylesheet to {@code node} once. */
    static void apply(Parent node) {
        if (!node.getStylesheets().contains(STYLESHEET)) {
            node.getStylesheets().add(STYLESHEET);
        }
    }

    /** A metric (fraction 0–1) with 4 decimals, {@code —} for NaN. */
    public static String metric(double v) {
        return Double.isNaN(v) ? "\u2014" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A per-query value with 3 decimals, {@code —} for NaN. */
    public static String value(double v) {
        return Double.isNaN(v) ? "\u2014" : String.format(Locale.ROOT, "%.3f", v);
    }
}
