package org.egolens.viewer;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A search box and the ranked clips it found: each row shows rank, thumbnail, clip name, window and cosine score with a
 * bar. The view does not search by itself: Enter (or the button) passes the query to {@link #setOnSearch}.
 *
 * <p>Node ids: {@code #searchField}, {@code #searchButton}, {@code #resultsList}, {@code #resultsSummary}.
 */
public final class SearchResultsView extends VBox {
    private static final double THUMB_W = 88;
    private static final double THUMB_H = 50;

    private final TextField field = new TextField();
    private final Button go = new Button("Search");
    private final ListView<SearchResult> list = new ListView<>();
    private final Label summary = new Label();
    private final Label placeholder = new Label("Type a narration, e.g. \u201ccut the onion\u201d");
    private final ObjectProperty<ThumbnailProvider> thumbnails = new SimpleObjectProperty<>(this, "thumbnails");
    private final BooleanProperty searchEnabled = new SimpleBooleanProperty(this, "searchEnabled", true);
    private Consumer<String> onSearch = q -> {};

    /** An empty view. */
    public SearchResultsView() {
        getStyleClass().add("search-results");
        field.setId("searchField");
        field.setPromptText("Search clips by text\u2026");
        go.setId("searchButton");
        go.getStyleClass().add("accent");
        list.setId("resultsList");
        summary.setId("resultsSummary");
        summary.getStyleClass().add("muted");
        placeholder.getStyleClass().add("placeholder");
        placeholder.setWrapText(true);
        list.setPlaceholder(placeholder);
        list.setCellFactory(v -> new Row());
        HBox.setHgrow(field, Priority.ALWAYS);
        HBox box = new HBox(6, field, go);
        box.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(box, summary, list);
        field.setOnAction(e -> fire());
        go.setOnAction(e -> fire());
        field.disableProperty().bind(searchEnabled.not());
        go.disableProperty().bind(searchEnabled.not().or(field.textProperty().isEmpty()));
    }

    private void fire() {
        String q = field.getText() == null ? "" : field.getText().trim();
        if (!q.isEmpty() && searchEnabled.get()) {
            onSearch.accept(q);
        }
    }

    /** Receives the trimmed query when the user searches. */
    public void setOnSearch(Consumer<String> handler) {
        onSearch = handler == null ? q -> {} : handler;
    }

    /** The results (modify on the FX thread). */
    public ObservableList<SearchResult> getResults() {
        return list.getItems();
    }

    /** The selected result. */
    public ReadOnlyObjectProperty<SearchResult> selectedResultProperty() {
        return list.getSelectionModel().selectedItemProperty();
    }

    /** The query text. */
    public StringProperty queryProperty() {
        return field.textProperty();
    }

    /** The line above the list, e.g. "10 of 63 clips for 'red'". */
    public StringProperty summaryProperty() {
        return summary.textProperty();
    }

    /** Whether the search box accepts queries (e.g. false until an index is ready). */
    public BooleanProperty searchEnabledProperty() {
        return searchEnabled;
    }

    /** Text shown when there are no results. */
    public void setPlaceholderText(String text) {
        placeholder.setText(text);
    }

    /** Where thumbnails come from. */
    public ObjectProperty<ThumbnailProvider> thumbnailProviderProperty() {
        return thumbnails;
    }

    public void setThumbnailProvider(ThumbnailProvider p) {
        thumbnails.set(p);
    }

    private final class Row extends ListCell<SearchResult> {
        private final Label rank = new Label();
        private final ImageView thumb = new ImageView();
        private final Label name = new Label();
        private final Label window = new Label();
        private final Label score = new Label();
        private final Region bar = new Region();
        private final HBox root;
        private ClipItem thumbOf;

        Row() {
            getStyleClass().add("result-row");
            setPrefWidth(0); // never wider than the list: long names are elided instead of scrolling
            name.setMinWidth(0);
            window.setMinWidth(0);
            rank.getStyleClass().add("rank-badge");
            rank.setMinWidth(Region.USE_PREF_SIZE);
            thumb.setFitWidth(THUMB_W);
            thumb.setFitHeight(THUMB_H);
            thumb.setPreserveRatio(true);
            StackPane frame = new StackPane(thumb);
            frame.getStyleClass().add("thumb-frame");
            frame.setMinSize(THUMB_W, THUMB_H);
            frame.setMaxSize(THUMB_W, THUMB_H);
            name.getStyleClass().add("result-name");
            window.getStyleClass().add("muted");
            score.getStyleClass().add("score");
            bar.getStyleClass().add("score-bar");
            StackPane track = new StackPane(bar);
            track.getStyleClass().add("score-track");
            track.setAlignment(Pos.CENTER_LEFT);
            track.setMaxHeight(4);
            track.setPrefHeight(4);
            HBox scoreLine = new HBox(6, track, score);
            scoreLine.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(track, Priority.ALWAYS);
            VBox text = new VBox(2, name, window, scoreLine);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            root = new HBox(8, rank, frame, text);
            root.setAlignment(Pos.CENTER_LEFT);
            bar.maxWidthProperty().bind(track.widthProperty().multiply(0));
        }

        @Override
        protected void updateItem(SearchResult r, boolean isEmpty) {
            super.updateItem(r, isEmpty);
            if (r == null || !r.clip().equals(thumbOf)) {
                thumb.setImage(null);
                thumbOf = null;
            }
            if (isEmpty || r == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            rank.setText(Integer.toString(r.rank()));
            name.setText(r.clip().title());
            window.setText((r.clip().annotated() ? r.clip().clipId() + "  \u00b7  " : "") + (r.clip().readable()
                    ? Formats.window(r.clip().startSec(), r.clip().endSec()) : r.clip().problem()));
            score.setText(String.format(Locale.ROOT, "%.3f", r.score()));
            double frac = Math.max(0, Math.min(1, (r.score() + 1) / 2));
            bar.maxWidthProperty().unbind();
            bar.setMinWidth(0);
            StackPane track = (StackPane) bar.getParent();
            bar.maxWidthProperty().bind(track.widthProperty().multiply(frac));
            bar.prefWidthProperty().bind(track.widthProperty().multiply(frac));
            setGraphic(root);
            setText(null);
            ThumbnailProvider p = thumbnails.get();
            if (p != null && r.clip().readable() && thumbOf == null) {
                Thumbnails.show(p.thumbnail(r.clip()), img -> {
                    if (getItem() != null && r.clip().equals(getItem().clip())) {
                        thumb.setImage(img);
                        thumbOf = r.clip();
                    }
                });
            }
        }
    }
}
