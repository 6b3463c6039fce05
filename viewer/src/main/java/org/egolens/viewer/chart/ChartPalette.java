package org.egolens.viewer.chart;

import java.util.List;
import javafx.scene.paint.Color;

/**
 * Colours of the EgoLens dark chart theme (matching {@code egolens.css}) and a qualitative palette of series colours
 * that stay distinguishable on the dark background.
 */
public final class ChartPalette {
    /** Chart background (the panel surface). */
    public static final Color BACKGROUND = Color.web("#1c1f26");
    /** Plot area background. */
    public static final Color PLOT = Color.web("#171a20");
    /** Grid lines. */
    public static final Color GRID = Color.web("#2a2f3a");
    /** Axis lines and tick marks. */
    public static final Color AXIS = Color.web("#3a404d");
    /** Tick labels and axis labels. */
    public static final Color MUTED_TEXT = Color.web("#8b93a1");
    /** Legend text. */
    public static final Color TEXT = Color.web("#c9d2df");

    /** Series colours, in order of use. */
    public static final List<Color> SERIES = List.of(
            Color.web("#4c8dff"), // blue (the accent)
            Color.web("#f0a04b"), // orange
            Color.web("#56c28a"), // green
            Color.web("#e06c75"), // red
            Color.web("#b48ead"), // violet
            Color.web("#4fc1c9"), // teal
            Color.web("#e5c07b"), // yellow
            Color.web("#9aa5b1")); // grey

    private ChartPalette() {}

    /** The i-th series colour, cycling. */
    public static Color series(int i) {
        return SERIES.get(Math.floorMod(i, SERIES.size()));
    }

    /** A JavaFX colour as AWT (for JFreeChart). */
    public static java.awt.Color awt(Color c) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) c.getOpacity());
    }

    /** A JavaFX colour as AWT with another opacity. */
    public static java.awt.Color awt(Color c, double opacity) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) opacity);
    }
}
