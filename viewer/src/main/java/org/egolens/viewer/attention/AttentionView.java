package org.egolens.viewer.attention;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javax.imageio.ImageIO;
import org.egolens.model.inspect.AttentionMaps;
import org.egolens.model.inspect.HeadSelection;
import org.egolens.model.inspect.PatchMap;
import org.egolens.model.inspect.QueryToken;

/**
 * The attention of one clip: its T sampled frames in a row with the attention of a query token over all T·G² patches
 * overlaid ({@link AttentionStripRenderer}), a colour scale, and controls for the layer, the head (one head, the head mean,
 * or rollout), the overlay opacity and the query (CLS button; clicking a patch makes it the query). Shows what its
 * {@link #mapsProperty() maps} hold; computing them is the owner's job, which sets {@link #busyProperty()} and
 * {@link #progressProperty()} meanwhile and watches {@link #needsCaptureProperty()} for selections the maps cannot show
 * (per-head rows of another query on a large model).
 *
 * <p>Node ids: {@code #attentionLayer}, {@code #attentionHead}, {@code #attentionClsButton}, {@code #attentionQuery},
 * {@code #attentionOpacity}, {@code #attentionExport}, {@code #attentionImage}, {@code #attentionProgress},
 * {@code #attentionMessage}, {@code #attentionInfo}.
 */
public final class AttentionView extends BorderPane {
    /** The view's stylesheet. */
    public static final String STYLESHEET = AttentionView.class.getResource("attention.css").toExternalForm();

    private final ObjectProperty<AttentionMaps> maps = new SimpleObjectProperty<>(this, "maps");
    private final ObjectProperty<List<BufferedImage>> frames = new SimpleObjectProperty<>(this, "frames");
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", -1);
    private final ObjectProperty<HeadSelection> selection = new SimpleObjectProperty<>(this, "selection",
            HeadSelection.ROLLOUT);
    private final ObjectProperty<QueryToken> query = new SimpleObjectProperty<>(this, "query", QueryToken.CLS);
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "overlayOpacity", 0.6);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final StringProperty message = new SimpleStringProperty(this, "message", "Select a clip in Browse.");
    private final StringProperty caption = new SimpleStringProperty(this, "caption", "");
    private final ReadOnlyObjectWrapper<BufferedImage> rendered = new ReadOnlyObjectWrapper<>(this, "rendered");
    private final ReadOnlyObjectWrapper<PatchMap> shownMap = new ReadOnlyObjectWrapper<>(this, "shownMap");
    private final ReadOnlyObjectWrapper<Boolean> needsCapture = new ReadOnlyObjectWrapper<>(this, "needsCapture", false);

    private final ComboBox<Integer> layerBox = new ComboBox<>();
    private final ComboBox<HeadSelection> headBox = new ComboBox<>();
    private final Label queryLabel = new Label();
    private final Button clsButton = new Button("CLS");
    private final Slider opacitySlider = new Slider(0, 1, 0.6);
    private final Button exportButton = new Button("Export PNG\u2026");
    private final ImageView image = new ImageView();
    private final Label messageLabel = new Label();
    private final Label info = new Label();
    private final ProgressIndicator progressIndicator = new ProgressIndicator();
    private StripStyle style = StripStyle.defaults();
    private boolean syncing;
    private Runnable onExport = () -> { };

    /** An empty view. */
    public AttentionView() {
        getStyleClass().add("attention-view");
        getStylesheets().add(STYLESHEET);
        layerBox.setId("attentionLayer");
        headBox.setId("attentionHead");
        clsButton.setId("attentionClsButton");
        queryLabel.setId("attentionQuery");
        opacitySlider.setId("attentionOpacity");
        exportButton.setId("attentionExport");
        image.setId("attentionImage");
        progressIndicator.setId("attentionProgress");
        messageLabel.setId("attentionMessage");
        info.setId("attentionInfo");

        layerBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer l) {
                return l == null ? "" : "layer " + l;
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.replace("layer", "").trim());
            }
        });
        headBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(HeadSelection h) {
                return h == null ? "" : h.label();
            }

            @Override
            public HeadSelection fromString(String s) {
                return HeadSelection.parse(s.replace("head", "").trim());
            }
        });
        layerBox.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null) {
                layer.set(b);
            }
        });
        headBox.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null) {
                selection.set(b);
            }
        });
        layer.addListener((o, a, b) -> syncControls());
        selection.addListener((o, a, b) -> syncControls());
        clsButton.setOnAction(e -> query.set(QueryToken.CLS));
        clsButton.setTooltip(new Tooltip("Show the attention of the CLS token"));
        opacitySlider.valueProperty().bindBidirectional(opacity);
        opacitySlider.setPrefWidth(120);
        exportButton.setOnAction(e -> onExport.run());
        exportButton.disableProperty().bind(rendered.isNull());

        Label layerTitle = new Label("Layer");
        Label headTitle = new Label("Head");
        Label queryTitle = new Label("Query");
        Label opacityTitle = new Label("Opacity");
        for (Label l : List.of(layerTitle, headTitle, queryTitle, opacityTitle)) {
            l.getStyleClass().add("muted");
        }
        queryLabel.getStyleClass().add("attention-query");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(8, layerTitle, layerBox, headTitle, headBox, queryTitle, queryLabel, clsButton, opacityTitle,
                opacitySlider, spring, exportButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("attention-toolbar");
        setTop(bar);

        image.setPreserveRatio(true);
        image.setSmooth(true);
        image.setPickOnBounds(true);
        image.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                clickAt(e.getX(), e.getY());
            }
        });
        messageLabel.getStyleClass().add("placeholder");
        messageLabel.setWrapText(true);
        progressIndicator.setMaxSize(56, 56);
        progressIndicator.progressProperty().bind(progress);
        VBox working = new VBox(10, progressIndicator);
        working.setAlignment(Pos.CENTER);
        working.setMouseTransparent(true);
        working.visibleProperty().bind(busy);
        messageLabel.visibleProperty().bind(rendered.isNull());
        StackPane centre = new StackPane(image, messageLabel, working);
        centre.getStyleClass().add("attention-canvas");
        centre.setMinSize(0, 0);
        image.fitWidthProperty().bind(centre.widthProperty().subtract(24));
        image.fitHeightProperty().bind(centre.heightProperty().subtract(24));
        setCenter(centre);
        info.getStyleClass().add("muted");
        BorderPane.setMargin(info, new Insets(6, 2, 0, 2));
        setBottom(info);
        messageLabel.textProperty().bind(message);

        maps.addListener((o, a, b) -> {
            syncChoices();
            refresh();
        });
        for (javafx.beans.Observable p : List.of(frames, layer, selection, query, opacity, caption)) {
            p.addListener(x -> refresh());
        }
        syncControls();
    }

    /** The captured attention shown (null: nothing yet). */
    public ObjectProperty<AttentionMaps> mapsProperty() {
        return maps;
    }

    /** The T frames the model saw (e.g. {@link FrameImages#of}). */
    public ObjectProperty<List<BufferedImage>> framesProperty() {
        return frames;
    }

    /** The layer shown, 0-based (set to the last layer when new maps arrive and the value is out of range). */
    public IntegerProperty layerProperty() {
        return layer;
    }

    /** Head, head mean or rollout. */
    public ObjectProperty<HeadSelection> selectionProperty() {
        return selection;
    }

    /** The query token (CLS or the clicked patch). */
    public ObjectProperty<QueryToken> queryProperty() {
        return query;
    }

    /** Heatmap opacity, 0 … 1. */
    public DoubleProperty overlayOpacityProperty() {
        return opacity;
    }

    /** True while the owner computes; shows a progress indicator over the strip. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Progress of the computation, 0 … 1, or −1 for indeterminate. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** Text shown when there is no strip (no clip yet, an error, "computing …"). */
    public StringProperty messageProperty() {
        return message;
    }

    /** First part of the strip's caption, e.g. the model and clip; layer, head and query are appended. */
    public StringProperty captionProperty() {
        return caption;
    }

    /** The strip as drawn now (null when nothing is shown); what {@link #exportPng} writes. */
    public ReadOnlyObjectProperty<BufferedImage> renderedProperty() {
        return rendered.getReadOnlyProperty();
    }

    /** The map drawn now. */
    public ReadOnlyObjectProperty<PatchMap> shownMapProperty() {
        return shownMap.getReadOnlyProperty();
    }

    /** True when the maps cannot show the current selection and query (the owner should capture again). */
    public ReadOnlyObjectProperty<Boolean> needsCaptureProperty() {
        return needsCapture.getReadOnlyProperty();
    }

    /** What the Export button does (the owner asks for a file and calls {@link #exportPng}). */
    public void setOnExport(Runnable r) {
        onExport = r == null ? () -> { } : r;
    }

    /** The tile side used for the strip, pixels. */
    public void setTileSize(int px) {
        style = style.withTile(px);
        refresh();
    }

    /**
     * Writes the strip as shown (frames, overlay, colour scale, caption) as a PNG.
     *
     * @throws IOException           on a write error
     * @throws IllegalStateException if nothing is shown
     */
    public void exportPng(Path file) throws IOException {
        BufferedImage img = rendered.get();
        if (img == null) {
            throw new IllegalStateException("no attention strip to export");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    /** The geometry of the strip shown now (for mapping points to patches), or null when nothing is shown. */
    public StripLayout stripLayout() {
        AttentionMaps m = maps.get();
        return m == null || rendered.get() == null ? null : AttentionStripRenderer.layout(m.grid(), currentStyle());
    }

    /** Sets the query from a point on the image view (its local coordinates); ignored between tiles. */
    void clickAt(double x, double y) {
        BufferedImage img = rendered.get();
        AttentionMaps m = maps.get();
        if (img == null || m == null) {
            return;
        }
        double shownWidth = image.getBoundsInLocal().getWidth();
        if (!(shownWidth > 0)) {
            return;
        }
        double scale = img.getWidth() / shownWidth;
        AttentionStripRenderer.layout(m.grid(), currentStyle()).patchAt(x * scale, y * scale).ifPresent(query::set);
    }

    private StripStyle currentStyle() {
        return style.withOpacity(Math.max(0, Math.min(1, opacity.get()))).withCaption(captionText());
    }

    private String captionText() {
        AttentionMaps m = maps.get();
        String head = selection.get() == null ? "" : selection.get().label();
        String layers = m == null ? "" : " of " + m.layers();
        String pre = caption.get() == null || caption.get().isEmpty() ? "" : caption.get() + "  \u00b7  ";
        return pre + "layer " + layer.get() + layers + "  \u00b7  " + head + "  \u00b7  query " + queryText(query.get());
    }

    private static String queryText(QueryToken q) {
        return q == null ? "" : q.isCls() ? "CLS" : "patch (t " + q.t() + ", h " + q.h() + ", w " + q.w() + ")";
    }

    private void syncChoices() {
        AttentionMaps m = maps.get();
        syncing = true;
        try {
            if (m == null) {
                layerBox.getItems().clear();
                headBox.getItems().clear();
                return;
            }
            List<Integer> layers = new ArrayList<>();
            for (int l = 0; l < m.layers(); l++) {
                layers.add(l);
            }
            List<HeadSelection> heads = new ArrayList<>(List.of(HeadSelection.MEAN, HeadSelection.ROLLOUT));
            for (int h = 0; h < m.heads(); h++) {
                heads.add(HeadSelection.head(h));
            }
            if (!layerBox.getItems().equals(layers)) {
                layerBox.getItems().setAll(layers);
            }
            if (!headBox.getItems().equals(heads)) {
                headBox.getItems().setAll(heads);
            }
        } finally {
            syncing = false;
        }
        if (layer.get() < 0 || layer.get() >= m.layers()) {
            layer.set(m.layers() - 1);
        }
        HeadSelection s = selection.get();
        if (s == null || (s.kind() == HeadSelection.Kind.HEAD && s.head() >= m.heads())) {
            selection.set(HeadSelection.ROLLOUT);
        }
        QueryToken q = query.get();
        if (q == null || !m.grid().contains(q)) {
            query.set(QueryToken.CLS);
        }
        syncControls();
    }

    private void syncControls() {
        syncing = true;
        try {
            layerBox.setValue(layer.get() < 0 ? null : layer.get());
            headBox.setValue(selection.get());
        } finally {
            syncing = false;
        }
    }

    private void refresh() {
        QueryToken q = query.get();
        queryLabel.setText(queryText(q));
        AttentionMaps m = maps.get();
        List<BufferedImage> f = frames.get();
        HeadSelection s = selection.get();
        int l = layer.get();
        if (m == null || f == null || s == null || q == null || l < 0 || l >= m.layers()
                || f.size() != m.grid().frames() || !m.grid().contains(q)) {
            needsCapture.set(false);
            show(null, null);
            return;
        }
        if (!m.supports(s, q)) {
            // the owner captures again (or explains why it cannot) and says so in the message
            show(null, null);
            needsCapture.set(true);
            return;
        }
        needsCapture.set(false);
        PatchMap map = m.map(l, s, q);
        show(map, AttentionStripRenderer.render(f, map, currentStyle()));
        info.setText(String.format(Locale.ROOT, "%s from %s, layer %d: largest patch %s, patches %.3f, CLS key %.3f",
                s.label(), queryText(q), l, AttentionStripRenderer.format(map.max()), map.patchMass(), map.clsWeight()));
    }

    private void show(PatchMap map, BufferedImage img) {
        shownMap.set(map);
        rendered.set(img);
        image.setImage(img == null ? null : SwingFXUtils.toFXImage(img, null));
        if (img == null) {
            info.setText("");
        }
    }
}
