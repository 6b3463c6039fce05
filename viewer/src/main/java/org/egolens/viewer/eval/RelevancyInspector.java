package org.egolens.viewer.eval;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;
import org.egolens.viewer.ThumbnailProvider;
import org.egolens.viewer.Thumbnails;

/**
 * The relevancy inspector: for one query, its ranked candidates with each pair's EK-100 relevancy shown as a colour
 * chip ({@link RelevancyColors}) holding the value, the cosine score, and the candidate text. The query itself (its id,
 * narration, clip thumbnail, AP and nDCG) sits on top; its own pair in the list is outlined and tagged {@code own}.
 * A legend explains the colours.
 *
 * <p>Node ids: {@code #relevancyInspector}, {@code #inspectorQueryId}, {@code #inspectorQueryText},
 * {@code #inspectorStats}, {@code #inspectorList}; row style class {@code ranked-row}, own row also {@code own}.
 */
public final class RelevancyInspector extends VBox {
    private static final double THUMB_W = 112;
    private static final double THUMB_H = 63;
    private static final double ROW_THUMB_W = 64;
    private static final double ROW_THUMB_H = 36;

    private final ObjectProperty<InspectorQuery> query = new SimpleObjectProperty<>(this, "query");
    private final ObjectProperty<ThumbnailProvider> thumbnails = new SimpleObjectProperty<>(this, "thumbnails");
    private final ListView<RankedItem> list = new ListView<>();
    private final Label direction = new Label();
    private final Label queryId = new Label();
    private final Label queryText = new Label();
    private final Label stats = new Label();
    private final ImageView queryThumb = new ImageView();
    private final StackPane thumbFrame = new StackPane(queryThumb);

    /** An empty inspector. */
    public RelevancyInspector() {
        setId("relevancyInspector");
        getStyleClass().add("relevancy-inspector");
        EvalStyles.apply(this);
        direction.getStyleClass().add("direction-badge");
        queryId.setId("inspectorQueryId");
        queryId.getStyleClass().add("inspector-query-id");
        queryText.setId("inspectorQueryText");
        queryText.getStyleClass().add("inspector-query-text");
        queryText.setWrapText(true);
        stats.setId("inspectorStats");
        stats.getStyleClass().add("muted");
        stats.setWrapText(true);
        stats.setMinHeight(Region.USE_PREF_SIZE);
        queryText.setMinHeight(Region.USE_PREF_SIZE);
        queryThumb.setFitWidth(THUMB_W);
        queryThumb.setFitHeight(THUMB_H);
        queryThumb.setPreserveRatio(true);
        thumbFrame.getStyleClass().add("thumb-frame");
        thumbFrame.setMinSize(THUMB_W, THUMB_H);
        thumbFrame.setMaxSize(THUMB_W, THUMB_H);

        HBox idLine = new HBox(8, direction, queryId);
        idLine.setAlignment(Pos.CENTER_LEFT);
        VBox words = new VBox(4, idLine, queryText, stats);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox card = new HBox(12, thumbFrame, words);
        card.getStyleClass().add("inspector-query");
        card.setAlignment(Pos.CENTER_LEFT);

        list.setId("inspectorList");
        list.getStyleClass().add("inspector-list");
        list.setCellFactory(v -> new Row());
        Label empty = new Label("Select a query in the per-query table to see its ranked candidates.");
        empty.getStyleClass().add("placeholder");
        empty.setWrapText(true);
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(card, legend(), list);

        card.visibleProperty().bind(query.isNotNull());
        card.managedProperty().bind(query.isNotNull());
        query.addListener((o, a, q) -> {
            showQuery(q);
            if (!list.getItems().isEmpty()) {
                list.scrollTo(0);
            }
        });
        list.getItems().addListener((javafx.collections.ListChangeListener<RankedItem>) c -> {
            if (!list.getItems().isEmpty()) {
                list.scrollTo(0);
            }
        });
        thumbnails.addListener((o, a, b) -> {
            showQuery(query.get());
            list.refresh();
        });
    }

    /** The query shown at the top (null: none). */
    public ObjectProperty<InspectorQuery> queryProperty() {
        return query;
    }

    /** The ranked candidates. */
    public ObservableList<RankedItem> getItems() {
        return list.getItems();
    }

    /** Thumbnails of clips (query clip and clip candidates); null shows none. */
    public ObjectProperty<ThumbnailProvider> thumbnailProviderProperty() {
        return thumbnails;
    }

    /** The list (for tests and keyboard focus). */
    public ListView<RankedItem> list() {
        return list;
    }

    private void showQuery(InspectorQuery q) {
        queryThumb.setImage(null);
        if (q == null) {
            return;
        }
        direction.setText(q.direction());
        queryId.setText(q.id());
        queryText.setText(q.text());
        stats.setText("AP " + EvalStyles.value(q.ap()) + "  \u00b7  nDCG " + EvalStyles.value(q.ndcg()) + "\n"
                + (q.shown() < q.total() ? "top " + q.shown() + " of " : "all ") + q.total() + " candidates by similarity");
        boolean clip = q.clip() != null && q.clip().readable();
        thumbFrame.setVisible(clip);
        thumbFrame.setManaged(clip);
        ThumbnailProvider p = thumbnails.get();
        if (clip && p != null) {
            InspectorQuery asked = q;
            Thumbnails.show(p.thumbnail(q.clip()), img -> {
                if (query.get() == asked) {
                    queryThumb.setImage(img);
                }
            });
        }
    }

    private static HBox legend() {
        Label title = new Label("relevancy");
        title.getStyleClass().add("muted");
        Stop[] stops = new Stop[11];
        for (int k = 0; k <= 10; k++) {
            stops[k] = new Stop(k / 10.0, RelevancyColors.of(Math.max(0.001, k / 10.0)));
        }
        Rectangle bar = new Rectangle(150, 8, new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops));
        bar.setArcWidth(4);
        bar.setArcHeight(4);
        Rectangle none = new Rectangle(14, 8, RelevancyColors.NONE);
        none.setArcWidth(4);
        none.setArcHeight(4);
        Label zero = new Label("0");
        Label low = new Label("> 0");
        Label one = new Label("1");
        for (Label l : new Label[] {zero, low, one}) {
            l.getStyleClass().add("legend-tick");
        }
        HBox h = new HBox(6, title, none, zero, low, bar, one);
        h.setAlignment(Pos.CENTER_LEFT);
        h.getStyleClass().add("relevancy-legend");
        return h;
    }

    /** One ranked candidate. */
    private final class Row extends ListCell<RankedItem> {
        private final Label rank = new Label();
        private final Label chip = new Label();
        private final ImageView thumb = new ImageView();
        private final StackPane thumbBox = new StackPane(thumb);
        private final Label text = new Label();
        private final Label id = new Label();
        private final Label own = new Label("own");
        private final Label score = new Label();
        private final HBox box;
        private RankedItem shown;

        Row() {
            getStyleClass().add("ranked-row");
            rank.getStyleClass().add("rank-badge");
            chip.getStyleClass().add("relevancy-chip");
            chip.setMinWidth(44);
            chip.setAlignment(Pos.CENTER);
            text.getStyleClass().add("ranked-text");
            id.getStyleClass().add("muted");
            own.getStyleClass().add("own-tag");
            score.getStyleClass().add("score");
            thumb.setFitWidth(ROW_THUMB_W);
            thumb.setFitHeight(ROW_THUMB_H);
            thumb.setPreserveRatio(true);
            thumbBox.getStyleClass().add("thumb-frame");
            thumbBox.setMinSize(ROW_THUMB_W, ROW_THUMB_H);
            thumbBox.setMaxSize(ROW_THUMB_W, ROW_THUMB_H);
            HBox idLine = new HBox(6, id, own);
            idLine.setAlignment(Pos.CENTER_LEFT);
            VBox words = new VBox(1, text, idLine);
            words.setMinWidth(0);
            HBox.setHgrow(words, Priority.ALWAYS);
            Region spring = new Region();
            box = new HBox(8, rank, chip, thumbBox, words, spring, score);
            box.setAlignment(Pos.CENTER_LEFT);
            setText(null);
        }

        @Override
        protected void updateItem(RankedItem item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("own");
            shown = item;
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            rank.setText(Integer.toString(item.rank()));
            chip.setText(String.format(java.util.Locale.ROOT, "%.2f", item.relevancy()));
            Color c = RelevancyColors.of(item.relevancy());
            chip.setStyle("-fx-background-color: " + RelevancyColors.css(item.relevancy()) + "; -fx-text-fill: "
                    + toCss(RelevancyColors.textOn(item.relevancy())) + ";");
            chip.setUserData(c);
            text.setText(item.text());
            id.setText(item.id());
            own.setVisible(item.own());
            own.setManaged(item.own());
            if (item.own()) {
                getStyleClass().add("own");
            }
            score.setText(String.format(java.util.Locale.ROOT, "%.3f", item.score()));
            boolean clip = item.clip() != null && item.clip().readable() && thumbnails.get() != null;
            thumbBox.setVisible(clip);
            thumbBox.setManaged(clip);
            thumb.setImage(null);
            if (clip) {
                RankedItem asked = item;
                Thumbnails.show(thumbnails.get().thumbnail(item.clip()), img -> {
                    if (shown == asked) {
                        thumb.setImage(img);
                    }
                });
            }
            setGraphic(box);
        }
    }

    private static String toCss(Color c) {
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }
}
