package org.egolens.viewer.chart;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * A live line chart (JFreeChart in a {@link ChartViewer}) fed from any thread: {@link #addSeries} returns a
 * {@link BoundedSeries} that producers append to at whatever rate; the chart copies changed series into its dataset on
 * the FX thread at most every {@link #refreshMillis()} (default 125 ms, 8 Hz), in one dataset change per refresh, from
 * an {@link AnimationTimer} that runs while the chart is in a scene. Producer rate and redraw rate are thus decoupled:
 * a 1 kHz producer costs the FX thread 8 small copies and 8 redraws per second, and memory stays bounded by the
 * series' capacity whatever the run length.
 *
 * <p>{@link SeriesSpec.Style#SMOOTHED} series show their raw points faintly and their step-aware EMA
 * ({@link Smoothing#ema}) with the weight of {@link #smoothingProperty()}. Double-click restores automatic axis ranges
 * after a zoom. Dark theme colours from {@link ChartPalette}.
 *
 * <p>Everything but the returned series' own methods must be called on the FX thread.
 */
public final class LiveChart extends StackPane {
    /** Default refresh period: 125 ms. */
    public static final long DEFAULT_REFRESH_MILLIS = 125;
    private static final String RAW_SUFFIX = "\u0000raw";

    private final LiveXYDataset dataset = new LiveXYDataset();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final XYPlot plot;
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0.6);
    private final List<String> legendLabels = new ArrayList<>();
    private final int capacity;
    private long refreshNanos = DEFAULT_REFRESH_MILLIS * 1_000_000L;
    private long lastRefresh;
    private long redraws;
    private boolean restyle;
    private boolean allDirty;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (now - lastRefresh >= refreshNanos) {
                lastRefresh = now;
                refresh();
            }
        }
    };

    private static final class Entry {
        final SeriesSpec spec;
        final BoundedSeries series;
        long shownVersion = -1;
        BoundedSeries.Snapshot shown = new BoundedSeries.Snapshot(new double[0], new double[0], -1, 0);
        double[] smoothed = new double[0];

        Entry(SeriesSpec spec, BoundedSeries series) {
            this.spec = spec;
            this.series = series;
        }
    }

    /** A chart with series of {@link BoundedSeries#DEFAULT_CAPACITY} points. */
    public LiveChart(String xLabel, String yLabel) {
        this(xLabel, yLabel, BoundedSeries.DEFAULT_CAPACITY);
    }

    /**
     * @param xLabel   domain axis label, e.g. "step"
     * @param yLabel   range axis label, e.g. "loss"
     * @param capacity points kept per series (see {@link BoundedSeries})
     */
    public LiveChart(String xLabel, String yLabel, int capacity) {
        this.capacity = capacity;
        NumberAxis x = new NumberAxis(xLabel);
        NumberAxis y = new NumberAxis(yLabel);
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot = new XYPlot(dataset, x, y, renderer);
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setLegendItemLabelGenerator((ds, s) -> s < legendLabels.size() ? legendLabels.get(s) : "");
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        theme();
        viewer = new ChartViewer(chart);
        viewer.getStyleClass().add("live-chart-viewer");
        viewer.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                plot.getDomainAxis().setAutoRange(true);
                plot.getRangeAxis().setAutoRange(true);
            }
        });
        getChildren().add(viewer);
        getStyleClass().add("live-chart");
        setMinSize(120, 90);
        smoothing.addListener((o, a, b) -> {
            allDirty = true;
        });
        sceneProperty().addListener((o, a, b) -> {
            if (b == null) {
                timer.stop();
            } else {
                timer.start();
            }
        });
    }

    private void theme() {
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setBackgroundPaint(ChartPalette.awt(ChartPalette.BACKGROUND));
        chart.setPadding(new RectangleInsets(2, 2, 2, 6));
        plot.setBackgroundPaint(ChartPalette.awt(ChartPalette.PLOT));
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(ChartPalette.awt(ChartPalette.GRID));
        plot.setRangeGridlinePaint(ChartPalette.awt(ChartPalette.GRID));
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(new RectangleInsets(0, 0, 0, 0));
        plot.setNoDataMessage("No data yet");
        plot.setNoDataMessagePaint(ChartPalette.awt(ChartPalette.MUTED_TEXT));
        plot.setNoDataMessageFont(new Font("DejaVu Sans", Font.PLAIN, 12));
        for (ValueAxis a : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            a.setAxisLinePaint(ChartPalette.awt(ChartPalette.AXIS));
            a.setTickMarkPaint(ChartPalette.awt(ChartPalette.AXIS));
            a.setTickLabelPaint(ChartPalette.awt(ChartPalette.MUTED_TEXT));
            a.setLabelPaint(ChartPalette.awt(ChartPalette.MUTED_TEXT));
            a.setTickLabelFont(new Font("DejaVu Sans", Font.PLAIN, 10));
            a.setLabelFont(new Font("DejaVu Sans", Font.PLAIN, 11));
        }
        LegendTitle legend = chart.getLegend();
        legend.setBackgroundPaint(ChartPalette.awt(ChartPalette.BACKGROUND));
        legend.setItemPaint(ChartPalette.awt(ChartPalette.TEXT));
        legend.setItemFont(new Font("DejaVu Sans", Font.PLAIN, 11));
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.TOP);
        legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 16));
    }

    /**
     * Adds a series, or restyles an existing one with the same key (its points are kept).
     *
     * @return the series to feed (from any thread)
     * @throws IllegalStateException if not called on the FX thread
     */
    public BoundedSeries addSeries(SeriesSpec spec) {
        Entry old = entries.get(spec.key());
        return addSeries(spec, old == null ? new BoundedSeries(capacity) : old.series);
    }

    /**
     * Adds a series that a producer already feeds (it may hold points), replacing any series with the same key.
     *
     * @return {@code series}
     * @throws IllegalStateException if not called on the FX thread
     */
    public BoundedSeries addSeries(SeriesSpec spec, BoundedSeries series) {
        fxThread();
        entries.put(spec.key(), new Entry(spec, series));
        restyle = true;
        return series;
    }

    /** The series under {@code key}, if present. */
    public Optional<BoundedSeries> series(String key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.series);
    }

    /** The keys of the series, in drawing order. */
    public List<String> seriesKeys() {
        return List.copyOf(entries.keySet());
    }

    /** Removes a series (no-op if absent). FX thread. */
    public void removeSeries(String key) {
        fxThread();
        if (entries.remove(key) != null) {
            restyle = true;
        }
    }

    /** Removes every series. FX thread. */
    public void removeAllSeries() {
        fxThread();
        if (!entries.isEmpty()) {
            entries.clear();
            restyle = true;
        }
    }

    /** EMA weight in [0, 0.999] for {@link SeriesSpec.Style#SMOOTHED} series (default 0.6). */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    /** The minimum time between two refreshes. */
    public long refreshMillis() {
        return refreshNanos / 1_000_000L;
    }

    /** Sets the minimum time between two refreshes (at least 16 ms, one pulse). */
    public void setRefreshMillis(long millis) {
        refreshNanos = Math.max(16, millis) * 1_000_000L;
    }

    /** Sets the format of the y axis' tick labels (e.g. scientific for a learning rate). */
    public void setRangeTickFormat(NumberFormat format) {
        ((NumberAxis) plot.getRangeAxis()).setNumberFormatOverride(format);
    }

    /** Sets a fixed y range, or {@code null} for automatic. */
    public void setRangeBounds(double[] lowerUpper) {
        if (lowerUpper == null) {
            plot.getRangeAxis().setAutoRange(true);
        } else {
            plot.getRangeAxis().setRange(lowerUpper[0], lowerUpper[1]);
        }
    }

    /** Sets the text drawn while no series has points. */
    public void setNoDataMessage(String text) {
        plot.setNoDataMessage(text);
    }

    /** Shows or hides the legend. */
    public void setLegendVisible(boolean visible) {
        chart.getLegend().setVisible(visible);
    }

    /** The JFreeChart (for further styling; change it on the FX thread). */
    public JFreeChart chart() {
        return chart;
    }

    /** Refreshes that changed the dataset (each is one redraw). */
    public long redrawCount() {
        return redraws;
    }

    /** The points of {@code key} currently drawn (raw, before smoothing); empty if absent. */
    public Optional<BoundedSeries.Snapshot> shown(String key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.shown);
    }

    /** The smoothed values of a SMOOTHED series currently drawn (same x as {@link #shown}); empty if absent. */
    public Optional<double[]> shownSmoothed(String key) {
        Entry e = entries.get(key);
        return e == null || e.spec.style() != SeriesSpec.Style.SMOOTHED ? Optional.empty()
                : Optional.of(e.smoothed.clone());
    }

    /**
     * Copies changed series into the dataset now, with a single redraw. Called by the chart's timer; call it directly
     * to show fed points immediately (tests, snapshots). FX thread.
     *
     * @return true if anything changed
     */
    public boolean refresh() {
        fxThread();
        boolean changed = restyle || allDirty;
        double w = Math.max(0, Math.min(0.999, smoothing.get()));
        for (Entry e : entries.values()) {
            long v = e.series.version();
            if (v != e.shownVersion || allDirty || restyle) {
                if (v != e.shownVersion) {
                    e.shown = e.series.snapshot();
                    e.shownVersion = e.shown.version();
                }
                if (e.spec.style() == SeriesSpec.Style.SMOOTHED) {
                    e.smoothed = Smoothing.ema(e.shown.x(), e.shown.y(), w);
                }
                changed = true;
            }
        }
        if (!changed) {
            return false;
        }
        if (restyle) {
            applyStyles();
        }
        restyle = false;
        allDirty = false;
        List<LiveXYDataset.Curve> curves = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.spec.style() == SeriesSpec.Style.SMOOTHED) {
                curves.add(new LiveXYDataset.Curve(e.spec.key() + RAW_SUFFIX, e.shown.x(), e.shown.y()));
                curves.add(new LiveXYDataset.Curve(e.spec.key(), e.shown.x(), e.smoothed));
            } else {
                curves.add(new LiveXYDataset.Curve(e.spec.key(), e.shown.x(), e.shown.y()));
            }
        }
        // a flat series (constant lr, equal scores) gets a readable range: at least 10 % of its magnitude
        double maxAbs = 0;
        for (LiveXYDataset.Curve c : curves) {
            for (double v : c.y()) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeMinimumSize(Math.max(maxAbs * 0.1, 1e-12), false);
        dataset.setCurves(curves);
        redraws++;
        return true;
    }

    private void applyStyles() {
        renderer.clearSeriesPaints(false);
        renderer.clearSeriesStrokes(false);
        legendLabels.clear();
        int i = 0;
        for (Entry e : entries.values()) {
            SeriesSpec s = e.spec;
            if (s.style() == SeriesSpec.Style.SMOOTHED) {
                renderer.setSeriesPaint(i, ChartPalette.awt(s.colour(), 0.28), false);
                renderer.setSeriesStroke(i, new BasicStroke(1f), false);
                renderer.setSeriesShapesVisible(i, false);
                renderer.setSeriesVisibleInLegend(i, false, false);
                legendLabels.add(s.label());
                i++;
            }
            renderer.setSeriesPaint(i, ChartPalette.awt(s.colour()), false);
            renderer.setSeriesStroke(i, stroke(s), false);
            boolean markers = s.style() == SeriesSpec.Style.MARKERS;
            renderer.setSeriesShapesVisible(i, markers);
            if (markers) {
                double r = 2.5 + s.width() * 0.5;
                renderer.setSeriesShape(i, new Ellipse2D.Double(-r, -r, 2 * r, 2 * r), false);
                renderer.setSeriesShapesFilled(i, true);
            }
            renderer.setSeriesVisibleInLegend(i, true, false);
            legendLabels.add(s.label());
            i++;
        }
    }

    private static Stroke stroke(SeriesSpec s) {
        float w = (float) s.width();
        if (s.dashed()) {
            return new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {5f, 4f}, 0f);
        }
        return new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    private static void fxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("LiveChart must be changed on the JavaFX application thread; feed points "
                    + "through the BoundedSeries returned by addSeries");
        }
    }
}
