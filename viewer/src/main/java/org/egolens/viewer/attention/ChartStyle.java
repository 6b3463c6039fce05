package org.egolens.viewer.attention;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;

/** Dark-theme colours for the RoPE charts (the app's palette) and one colour per RoPE variant. */
final class ChartStyle {
    static final Color SURFACE = new Color(0x1c1f26);
    static final Color PLOT = new Color(0x15171c);
    static final Color GRID = new Color(0x2d323d);
    static final Color TEXT = new Color(0xe4e7ec);
    static final Color MUTED = new Color(0x8b93a1);
    /** Series colours in {@link org.egolens.model.nn.RopeMode} order: st, spatial, split3d, none. */
    static final Color[] VARIANTS = {new Color(0x4c8dff), new Color(0xf0a030), new Color(0x4cc38a), new Color(0xb07cff)};
    /** Series colours of the time, row and column frequencies. */
    static final Color[] AXES = {new Color(0xff6b6b), new Color(0x4c8dff), new Color(0x4cc38a)};

    private ChartStyle() {}

    /** Applies the dark theme to an XY chart; series i gets {@code colours[i]}. */
    static void apply(JFreeChart chart, Color[] colours, boolean shapes) {
        chart.setBackgroundPaint(SURFACE);
        chart.setAntiAlias(true);
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setPaint(TEXT);
            title.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setBackgroundPaint(SURFACE);
            legend.setItemPaint(MUTED);
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(PLOT);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(GRID);
        for (ValueAxis a : new ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            a.setLabelPaint(MUTED);
            a.setTickLabelPaint(MUTED);
            a.setAxisLinePaint(GRID);
            a.setTickMarkPaint(GRID);
            a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
        for (int i = 0; i < colours.length; i++) {
            r.setSeriesPaint(i, colours[i]);
            r.setSeriesStroke(i, new BasicStroke(1.8f));
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        plot.setRenderer(r);
    }
}
