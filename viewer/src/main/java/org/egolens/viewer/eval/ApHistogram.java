package org.egolens.viewer.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import javafx.scene.layout.StackPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;

/**
 * Histogram of per-query AP (JFreeChart in a {@link ChartViewer}), V→T and T→V overlaid, {@value #BINS} bins over
 * {@code [0, 1]}; excluded queries (NaN) are left out. Drawn in the dark theme's colours.
 *
 * <p>Node id {@code #apHistogram}.
 */
public final class ApHistogram extends StackPane {
    /** Bins over [0, 1]. */
    public static final int BINS = 20;
    private static final Color BACKGROUND = new Color(0x1c, 0x1f, 0x26);
    private static final Color GRID = new Color(0x2d, 0x32, 0x3d);
    private static final Color TEXT = new Color(0xc9, 0xd2, 0xdf);
    private static final Color MUTED = new Color(0x8b, 0x93, 0xa1);
    private static final Color V2T = new Color(76, 141, 255, 190);
    private static final Color T2V = new Color(253, 186, 76, 170);

    private final ChartViewer viewer;
    private final XYPlot plot;
    private final NumberAxis counts;
    private HistogramDataset data = new HistogramDataset();

    /** An empty histogram. */
    public ApHistogram() {
        setId("apHistogram");
        getStyleClass().add("ap-histogram");
        NumberAxis x = new NumberAxis("AP per query");
        x.setRange(0, 1);
        counts = new NumberAxis("queries");
        counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYBarRenderer r = new XYBarRenderer(0.08);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setSeriesPaint(0, V2T);
        r.setSeriesPaint(1, T2V);
        plot = new XYPlot(data, x, counts, r);
        plot.setBackgroundPaint(new Color(0x15, 0x17, 0x1c));
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlineVisible(false);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        for (NumberAxis a : new NumberAxis[] {x, counts}) {
            a.setLabelPaint(MUTED);
            a.setTickLabelPaint(TEXT);
            a.setAxisLinePaint(GRID);
            a.setTickMarkPaint(GRID);
            a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        }
        JFreeChart chart = new JFreeChart(null, null, plot, true);
        chart.setBackgroundPaint(BACKGROUND);
        chart.setPadding(new RectangleInsets(4, 2, 2, 8));
        LegendTitle legend = chart.getLegend();
        legend.setBackgroundPaint(BACKGROUND);
        legend.setItemPaint(TEXT);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        legend.setPosition(RectangleEdge.TOP);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        viewer = new ChartViewer(chart);
        viewer.setMinSize(0, 0);
        getChildren().add(viewer);
        setMinSize(0, 0);
    }

    /**
     * Shows the per-query APs of both directions (NaN entries are skipped; a direction with none is not drawn).
     *
     * @param v2t AP per clip query
     * @param t2v AP per sentence query
     */
    public void setValues(double[] v2t, double[] t2v) {
        HistogramDataset d = new HistogramDataset();
        d.setType(HistogramType.FREQUENCY);
        add(d, "V\u2192T", v2t);
        add(d, "T\u2192V", t2v);
        data = d;
        plot.setDataset(d);
        counts.setAutoRange(true);
    }

    /** Removes the data. */
    public void clear() {
        data = new HistogramDataset();
        plot.setDataset(data);
    }

    /** Number of series drawn (0 to 2). */
    public int seriesCount() {
        return data.getSeriesCount();
    }

    /** Queries counted in series {@code s}. */
    public int queriesIn(int s) {
        int n = 0;
        for (int i = 0; i < data.getItemCount(s); i++) {
            n += (int) Math.round(data.getYValue(s, i));
        }
        return n;
    }

    /** The chart viewer. */
    public ChartViewer viewer() {
        return viewer;
    }

    private static void add(HistogramDataset d, String key, double[] values) {
        double[] defined = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (defined.length > 0) {
            d.addSeries(key, defined, BINS, 0, 1);
        }
    }
}
