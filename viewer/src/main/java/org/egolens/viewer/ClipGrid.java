package org.egolens.viewer;

import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;

/**
 * A virtualised grid of clip cards (thumbnail, duration badge, title) with single selection. A card of an annotated
 * clip ({@link ClipItem#annotation()}) shows the narration as its title and a second line with the verb, the nouns and
 * the clip id; other cards show the clip id. Filter the cards by binding the items to a {@link ClipFilterBar}'s
 * {@link ClipFilterBar#filtered() filtered} list. Thumbnails are requested
 * from a {@link ThumbnailProvider} when a card becomes visible and applied if the card still shows the same clip.
 *
 * <p>Node id {@code #clipGrid}; cards have style class {@code clip-card} and pseudo-classes {@code :selected},
 * {@code :unreadable}; the title has style class {@code clip-name}, the second line {@code clip-classes}.
 */
public final class ClipGrid extends StackPane {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass UNREADABLE = PseudoClass.getPseudoClass("unreadable");
    /** Thumbnail box, pixels. */
    public static final double THUMB_W = 168;
    public static final double THUMB_H = 96;
    private static final double CARD_EXTRA = 46;
    private static final double META_LINE = 17;

    private final GridView<ClipItem> grid = new GridView<>();
    private final ObjectProperty<ClipItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<ThumbnailProvider> thumbnails = new SimpleObjectProperty<>(this, "thumbnails");
    private final Label empty = new Label("No clips");
    private Consumer<ClipItem> onOpen = c -> {};

    /** An empty grid. */
    public ClipGrid() {
        getStyleClass().add("clip-grid");
        grid.setId("clipGrid");
        grid.setCellWidth(THUMB_W + 12);
        grid.setCellHeight(THUMB_H + CARD_EXTRA);
        grid.setHorizontalCellSpacing(8);
        grid.setVerticalCellSpacing(8);
        grid.setCellFactory(g -> new Card());
        empty.getStyleClass().add("placeholder");
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(grid.getItems()));
        getChildren().addAll(grid, empty);
        selected.addListener((o, a, b) -> refreshSelection());
        grid.getItems().addListener((ListChangeListener<ClipItem>) c -> {
            boolean annotated = grid.getItems().stream().anyMatch(ClipItem::annotated);
            grid.setCellHeight(THUMB_H + CARD_EXTRA + (annotated ? META_LINE : 0));
        });
    }

    /** The clips shown (modify on the FX thread). */
    public ObservableList<ClipItem> getItems() {
        return grid.getItems();
    }

    /** The selected clip, or null. */
    public ObjectProperty<ClipItem> selectedProperty() {
        return selected;
    }

    public ClipItem getSelected() {
        return selected.get();
    }

    public void setSelected(ClipItem c) {
        selected.set(c);
    }

    /** Where thumbnails come from. */
    public ObjectProperty<ThumbnailProvider> thumbnailProviderProperty() {
        return thumbnails;
    }

    public void setThumbnailProvider(ThumbnailProvider p) {
        thumbnails.set(p);
    }

    /** Called on double-click of a card. */
    public void setOnOpen(Consumer<ClipItem> handler) {
        onOpen = handler == null ? c -> {} : handler;
    }

    /** Text shown when there are no clips. */
    public void setEmptyText(String text) {
        empty.setText(text);
    }

    private void refreshSelection() {
        grid.lookupAll(".clip-card").forEach(n -> {
            if (n instanceof Card card) {
                card.pseudoClassStateChanged(SELECTED, card.getItem() != null && card.getItem().equals(selected.get()));
            }
        });
    }

    private final class Card extends GridCell<ClipItem> {
        private final ImageView thumb = new ImageView();
        private final Label badge = new Label();
        private final Label name = new Label();
        private final Label note = new Label();
        private final Label meta = new Label();
        private final VBox box;
        private ClipItem thumbOf;

        Card() {
            getStyleClass().add("clip-card");
            thumb.setFitWidth(THUMB_W);
            thumb.setFitHeight(THUMB_H);
            thumb.setPreserveRatio(true);
            badge.getStyleClass().add("duration-badge");
            note.getStyleClass().add("thumb-note");
            StackPane frame = new StackPane(note, thumb, badge);
            frame.getStyleClass().add("thumb-frame");
            frame.setMinSize(THUMB_W, THUMB_H);
            frame.setMaxSize(THUMB_W, THUMB_H);
            StackPane.setAlignment(badge, Pos.BOTTOM_RIGHT);
            name.getStyleClass().add("clip-name");
            name.setMaxWidth(THUMB_W);
            meta.getStyleClass().add("clip-classes");
            meta.setMaxWidth(THUMB_W);
            meta.managedProperty().bind(meta.visibleProperty());
            VBox text = new VBox(1, name, meta);
            text.setAlignment(Pos.TOP_LEFT);
            text.setMaxWidth(THUMB_W);
            box = new VBox(5, frame, text);
            box.setAlignment(Pos.TOP_CENTER);
            setOnMouseClicked(e -> {
                if (getItem() != null) {
                    selected.set(getItem());
                    if (e.getClickCount() == 2) {
                        onOpen.accept(getItem());
                    }
                }
            });
        }

        @Override
        protected void updateItem(ClipItem item, boolean isEmpty) {
            super.updateItem(item, isEmpty);
            if (item == null || !item.equals(thumbOf)) {
                thumb.setImage(null);
                thumbOf = null;
            }
            if (isEmpty || item == null) {
                setGraphic(null);
                setTooltip(null);
                pseudoClassStateChanged(SELECTED, false);
                return;
            }
            name.setText(item.title());
            ClipAnnotation a = item.annotation();
            meta.setVisible(a != null);
            if (a != null) {
                String classes = a.classesText();
                meta.setText(classes.isEmpty() ? item.clipId() : classes + "  \u00b7  " + item.clipId());
            }
            badge.setText(Formats.duration(item.durationSec()));
            badge.setVisible(item.readable());
            note.setText(item.readable() ? "" : "unreadable");
            setTooltip(new Tooltip((a == null ? "" : "\u201c" + a.narration() + "\u201d\n" + (a.classesText().isEmpty()
                    ? "" : a.classesText() + "\n")) + item.clipId() + "\n" + item.video() + (item.readable()
                    ? "\n" + Formats.window(item.startSec(), item.endSec()) + ", " + item.frameCount() + " frames"
                    : "\n" + item.problem())));
            pseudoClassStateChanged(SELECTED, item.equals(selected.get()));
            pseudoClassStateChanged(UNREADABLE, !item.readable());
            setGraphic(box);
            ThumbnailProvider p = thumbnails.get();
            if (p != null && item.readable() && thumbOf == null) {
                Thumbnails.show(p.thumbnail(item), img -> {
                    if (item.equals(getItem())) {
                        thumb.setImage(img);
                        thumbOf = item;
                    }
                });
            }
        }
    }

    /** Number of visible cards that show a thumbnail (for tests and diagnostics). */
    public int thumbnailsShown() {
        return (int) grid.lookupAll(".clip-card").stream().filter(n -> n instanceof Card c && c.thumb.getImage() != null)
                .count();
    }
}
