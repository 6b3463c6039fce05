/**
 * Reusable live charts (JFreeChart in JavaFX through {@code org.jfree.chart.fx.ChartViewer}) for values that arrive from
 * worker threads at any rate: {@link org.egolens.viewer.chart.BoundedSeries} keeps a min/max-preserving, memory-bounded
 * down-sampling of a growing series; {@link org.egolens.viewer.chart.LiveChart} copies changed series into its dataset on
 * the FX thread a few times a second (one redraw per refresh) and draws smoothed series with a step-aware EMA
 * ({@link org.egolens.viewer.chart.Smoothing}); {@link org.egolens.viewer.chart.ChartPalette} holds the dark theme.
 */
package org.egolens.viewer.chart;
