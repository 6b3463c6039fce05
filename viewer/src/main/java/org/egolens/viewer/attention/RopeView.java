package org.egolens.viewer.attention;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javax.imageio.ImageIO;
import org.egolens.model.inspect.RopeAnalysis;
import org.egolens.model.nn.RopeMode;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The four RoPE variants side by side ({@link RopeAnalysis}; paper §III-B, Fig. 3): per variant, the rotation frequency
 * of every channel pair split into its temporal, row and column parts; the expected q·k similarity S(Δt) of a token with
 * itself moved by Δt frames, at Δh = 0 and at a chosen Δh (a split leaves the curve's shape alone, ST-RoPE bends it);
 * and the Δt × Δh similarity map with its interaction share (0 for additive, i.e. uncoupled, axes). Controls: head width,
 * grid G, largest Δt, Δh and Δw. Pure computation, no model needed.
 *
 * <p>Node ids: {@code #ropeHeadDim}, {@code #ropeGrid}, {@code #ropeMaxDt}, {@code #ropeDh}, {@code #ropeDw},
 * {@code #ropeExport}, {@code #ropeFreq-<variant>}, {@code #ropeSimilarity}, {@code #ropeMap-<variant>},
 * {@code #ropeCoupling}.
 */
public final class RopeView extends BorderPane {
    /** Pretraining grid the spatial positions are rescaled to (EVA02-CLIP). */
    public static final int PT_SEQ_LEN = 16;

    private final ComboBox<Integer> headDim = new ComboBox<>();
    private final Spinner<Integer> grid = new Spinner<>(2, 32, 14);
    private final Spinner<Integer> maxDt = new Spinner<>(1, 64, 15);
    private final Spinner<Integer> dh = new Spinner<>(-32, 32, 2);
    private final Spinner<Integer> dw = new Spinner<>(-32, 32, 0);
    private final Button export = new Button("Export PNG\u2026");
    private final Map<RopeMode, ChartViewer> freqCharts = new EnumMap<>(RopeMode.class);
    private final Map<RopeMode, ImageView> maps = new EnumMap<>(RopeMode.class);
    private final Map<RopeMode, Label> mapTitles = new EnumMap<>(RopeMode.class);
    private final Map<RopeMode, Double> shares = new EnumMap<>(RopeMode.class);
    private final ChartViewer similarity = new ChartViewer(null);
    private final Label coupling = new Label();
    private final Label mapSection = new Label();
    private final ImageView mapLegend = new ImageView();
    private final VBox content = new VBox(10);
    private Runnable onExport = () -> { };

    /** The view with EVA02-AT-B defaults: d_h = 64, G = 14, Δt up to 15 frames. */
    public RopeView() {
        getStyleClass().add("rope-view");
        getStylesheets().add(AttentionView.STYLESHEET);
        headDim.getItems().setAll(32, 64, 128);
        headDim.setValue(64);
        headDim.setId("ropeHeadDim");
        grid.setId("ropeGrid");
        maxDt.setId("ropeMaxDt");
        dh.setId("ropeDh");
        dw.setId("ropeDw");
        export.setId("ropeExport");
        for (Spinner<Integer> s : List.of(grid, maxDt, dh, dw)) {
            s.setEditable(true);
            s.setPrefWidth(78);
            s.valueProperty().addListener((o, a, b) -> recompute());
        }
        headDim.valueProperty().addListener((o, a, b) -> recompute());
        export.setOnAction(e -> onExport.run());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(8, muted("Head width d\u2095"), headDim, muted("Grid G"), grid, muted("\u0394t up to"), maxDt,
                muted("\u0394h"), dh, muted("\u0394w"), dw, spring, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("rope-toolbar");
        setTop(bar);

        HBox freqRow = new HBox(8);
        HBox mapRow = new HBox(8);
        for (RopeMode m : RopeMode.values()) {
            ChartViewer v = new ChartViewer(null);
            v.setId("ropeFreq-" + m.jsonName());
            v.setPrefSize(290, 230);
            v.setMinSize(200, 200);
            HBox.setHgrow(v, Priority.ALWAYS);
            freqCharts.put(m, v);
            freqRow.getChildren().add(panel(v));
            ImageView img = new ImageView();
            img.setId("ropeMap-" + m.jsonName());
            Label title = new Label();
            title.getStyleClass().add("rope-title");
            mapTitles.put(m, title);
            maps.put(m, img);
            VBox box = new VBox(4, title, img);
            mapRow.getChildren().add(panel(box));
        }
        similarity.setId("ropeSimilarity");
        similarity.setPrefSize(820, 280);
        similarity.setMinSize(300, 220);
        HBox.setHgrow(similarity, Priority.ALWAYS);
        coupling.setId("ropeCoupling");
        coupling.setWrapText(true);
        coupling.getStyleClass().add("rope-note");
        coupling.setPrefWidth(330);
        coupling.setMinWidth(220);
        coupling.setMaxWidth(330);
        HBox simRow = new HBox(8, panel(similarity), panel(coupling));
        mapSection.getStyleClass().add("section-title");
        content.getChildren().addAll(section("ROTATION FREQUENCY PER CHANNEL PAIR  (radians per frame / patch; zeros not"
                + " drawn on the log scale)"), freqRow, section("EXPECTED q\u00b7k SIMILARITY AGAINST FRAME OFFSET"),
                simRow, mapSection, mapRow, mapLegend);
        content.getStyleClass().add("rope-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        BorderPane.setMargin(scroll, new javafx.geometry.Insets(8, 0, 0, 0));
        recompute();
    }

    /** What the Export button does (the owner asks for a file and calls {@link #exportPng}). */
    public void setOnExport(Runnable r) {
        onExport = r == null ? () -> { } : r;
    }

    /** Sets the head width d_h (32, 64 or 128) and grid G, e.g. those of the open model. */
    public void setGeometry(int headWidth, int gridSide) {
        if (!headDim.getItems().contains(headWidth)) {
            headDim.getItems().add(headWidth);
        }
        headDim.setValue(headWidth);
        grid.getValueFactory().setValue(gridSide);
    }

    /** Interaction share of the Δt × Δh map now shown, per variant (0: the axes do not interact). */
    public Map<RopeMode, Double> interactionShares() {
        return Map.copyOf(shares);
    }

    /**
     * Writes the view's content (all charts and maps) as a PNG; call on the JavaFX thread.
     *
     * @throws IOException on a write error
     */
    public void exportPng(Path file) throws IOException {
        WritableImage snap = content.snapshot(new SnapshotParameters(), null);
        BufferedImage img = SwingFXUtils.fromFXImage(snap, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    private void recompute() {
        Integer hdValue = headDim.getValue();
        if (hdValue == null) {
            return;
        }
        int hd = hdValue;
        int g = grid.getValue();
        int tMax = maxDt.getValue();
        int dhValue = dh.getValue();
        int dwValue = dw.getValue();
        XYSeriesCollection sim = new XYSeriesCollection();
        StringBuilder note = new StringBuilder();
        Map<RopeMode, double[][]> mapValues = new EnumMap<>(RopeMode.class);
        double lo = 1;
        note.append("S(\u0394) = (1/P) \u03a3\u2098 cos(\u0394t\u00b7\u03c9\u1d57\u2098 + \u0394h\u00b7\u03c9\u02b0\u2098 + "
                + "\u0394w\u00b7\u03c9\u02b7\u2098): the mean q\u00b7k of a vector with itself moved by \u0394, over "
                + "random phases (1 at \u0394 = 0).\n\nInteraction share of the \u0394t \u00d7 \u0394h map (variance"
                + " no f(\u0394t) + g(\u0394h) explains; 0 = axes uncoupled):\n");
        for (RopeMode m : RopeMode.values()) {
            RopeAnalysis.PairFrequencies f = RopeAnalysis.frequencies(m, hd, g, PT_SEQ_LEN);
            freqCharts.get(m).setChart(frequencyChart(f));
            double[] s0 = RopeAnalysis.similarityOverTime(f, tMax, 0, dwValue);
            double[] s1 = RopeAnalysis.similarityOverTime(f, tMax, dhValue, dwValue);
            XYSeries a = new XYSeries(m.jsonName() + "  \u0394h=0");
            XYSeries b = new XYSeries(m.jsonName() + "  \u0394h=" + dhValue);
            for (int t = 0; t <= tMax; t++) {
                a.add(t, s0[t]);
                b.add(t, s1[t]);
            }
            sim.addSeries(a);
            sim.addSeries(b);
            int maxDh = g - 1;
            double[][] map = RopeAnalysis.similarityMap(f, tMax, maxDh, dwValue);
            double share = RopeAnalysis.interactionShare(map);
            shares.put(m, share);
            mapValues.put(m, map);
            for (double[] row : map) {
                for (double v : row) {
                    lo = Math.min(lo, v);
                }
            }
            mapTitles.get(m).setText(String.format(Locale.ROOT, "%s  \u00b7  interaction %.3f", m.jsonName(), share));
            note.append(String.format(Locale.ROOT, "   %-8s %.3f%n", m.jsonName(), share));
        }
        // one colour range for all four maps, from the lowest similarity (rounded down to 0.05) to 1
        lo = Math.min(0.95, Math.floor(lo * 20) / 20);
        int cell = Math.max(2, Math.min(12, 280 / (2 * (g - 1) + 1)));
        for (RopeMode m : RopeMode.values()) {
            maps.get(m).setImage(SwingFXUtils.toFXImage(SimilarityMapRenderer.render(mapValues.get(m), cell, lo, 1),
                    null));
        }
        mapLegend.setImage(SwingFXUtils.toFXImage(SimilarityMapRenderer.legend(280, lo, 1), null));
        similarity.setChart(similarityChart(sim, dhValue, dwValue));
        coupling.setText(note.toString());
        mapSection.setText(String.format(Locale.ROOT, "\u0394t \u00d7 \u0394h SIMILARITY MAP  (\u0394w = %d; d\u2095 ="
                + " %d, G = %d, positions rescaled by %d/G)", dwValue, hd, g, PT_SEQ_LEN));
    }

    private static JFreeChart frequencyChart(RopeAnalysis.PairFrequencies f) {
        XYSeriesCollection data = new XYSeriesCollection();
        String[] names = {"time \u03c9\u1d57", "row \u03c9\u02b0", "column \u03c9\u02b7"};
        double[][] values = {f.time(), f.row(), f.column()};
        for (int s = 0; s < 3; s++) {
            XYSeries series = new XYSeries(names[s]);
            for (int m = 0; m < f.pairs(); m++) {
                if (values[s][m] > 0) {
                    series.add(m, values[s][m]);
                }
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(f.mode().jsonName(), "channel pair m", "\u03c9 (rad / step)",
                data, PlotOrientation.VERTICAL, true, false, false);
        LogAxis log = new LogAxis("\u03c9 (rad / step)");
        log.setSmallestValue(1e-5);
        log.setBase(10);
        log.setLowerBound(1e-4);
        log.setUpperBound(3);
        chart.getXYPlot().setRangeAxis(log);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setRange(-0.5, f.pairs() - 0.5);
        ChartStyle.apply(chart, ChartStyle.AXES, true);
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setDefaultLinesVisible(false);
        for (int s = 0; s < 3; s++) {
            ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setSeriesLinesVisible(s, false);
        }
        if (f.mode() == RopeMode.NONE) {
            org.jfree.chart.title.TextTitle note = new org.jfree.chart.title.TextTitle("all angles 0");
            note.setPaint(ChartStyle.MUTED);
            chart.addSubtitle(note);
        }
        return chart;
    }

    private static JFreeChart similarityChart(XYSeriesCollection data, int dhValue, int dwValue) {
        JFreeChart chart = ChartFactory.createXYLineChart(String.format(Locale.ROOT,
                "S(\u0394t) at \u0394h = 0 (solid) and \u0394h = %d (dashed), \u0394w = %d", dhValue, dwValue),
                "\u0394t (frames)", "expected q\u00b7k / |x|\u00b2", data, PlotOrientation.VERTICAL, true, false, false);
        java.awt.Color[] colours = new java.awt.Color[data.getSeriesCount()];
        for (int i = 0; i < colours.length; i++) {
            colours[i] = ChartStyle.VARIANTS[i / 2];
        }
        ChartStyle.apply(chart, colours, false);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int i = 1; i < colours.length; i += 2) {
            r.setSeriesStroke(i, new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }

    private static Label muted(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("muted");
        return l;
    }

    private static Label section(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static Node panel(Node n) {
        VBox box = new VBox(n);
        box.getStyleClass().add("rope-panel");
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }
}
