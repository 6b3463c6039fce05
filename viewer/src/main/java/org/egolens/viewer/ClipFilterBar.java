package org.egolens.viewer;

import java.util.Map;
import java.util.TreeMap;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A filter bar over a clip list: a search-as-you-type field (narration, id, verb, nouns) and verb and noun choosers
 * whose options (with clip counts) come from the clips' annotations. {@link #filtered()} is the source list narrowed by
 * the current {@link ClipFilter}; bind a {@link ClipGrid}'s items to it. The choosers hide while no clip is annotated,
 * and a chosen verb or noun that the clips no longer have (another workspace was opened) falls back to "all".
 *
 * <p>Node ids: {@code #clipFilterField}, {@code #verbFilter}, {@code #nounFilter}, {@code #clipFilterCount},
 * {@code #clearFilterButton}. Style class {@code clip-filter-bar}. Use on the FX thread.
 */
public final class ClipFilterBar extends HBox {
    /** The chooser value meaning "any verb" / "any noun". */
    public static final String ANY = "";

    private final ObservableList<ClipItem> source;
    private final FilteredList<ClipItem> filtered;
    private final ObjectProperty<ClipFilter> filter = new SimpleObjectProperty<>(this, "filter", ClipFilter.NONE);
    private final TextField field = new TextField();
    private final ComboBox<String> verbs = new ComboBox<>();
    private final ComboBox<String> nouns = new ComboBox<>();
    private final Label count = new Label();
    private final Button clear = new Button("Clear");
    private Map<String, Integer> verbCounts = Map.of();
    private Map<String, Integer> nounCounts = Map.of();
    private boolean syncing;

    /** A bar filtering {@code source} (which stays the caller's; the bar only reads it). */
    public ClipFilterBar(ObservableList<ClipItem> source) {
        this.source = source;
        this.filtered = new FilteredList<>(source, c -> true);
        getStyleClass().add("clip-filter-bar");
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);

        field.setId("clipFilterField");
        field.setPromptText("Filter clips: narration, verb, noun or id");
        HBox.setHgrow(field, Priority.ALWAYS);
        field.setMaxWidth(Double.MAX_VALUE);
        field.setMinWidth(140);
        verbs.setId("verbFilter");
        nouns.setId("nounFilter");
        configure(verbs, "All verbs", true);
        configure(nouns, "All nouns", false);
        verbs.setPrefWidth(165);
        nouns.setPrefWidth(135);
        count.setId("clipFilterCount");
        count.getStyleClass().add("muted");
        count.setMinWidth(USE_PREF_SIZE);
        clear.setId("clearFilterButton");
        clear.getStyleClass().add("small");
        clear.setOnAction(e -> filter.set(ClipFilter.NONE));
        clear.disableProperty().bind(Bindings.createBooleanBinding(() -> filter.get().isEmpty(), filter));

        field.textProperty().addListener((o, a, b) -> fromControls());
        verbs.valueProperty().addListener((o, a, b) -> fromControls());
        nouns.valueProperty().addListener((o, a, b) -> fromControls());
        filter.addListener((o, a, b) -> {
            ClipFilter f = b == null ? ClipFilter.NONE : b;
            if (b == null) {
                filter.set(f);
                return;
            }
            toControls(f);
            filtered.setPredicate(f);
            updateCount();
        });
        source.addListener((ListChangeListener<ClipItem>) c -> refreshOptions());
        filtered.addListener((ListChangeListener<ClipItem>) c -> updateCount());
        getChildren().addAll(field, verbs, nouns, count, clear);
        refreshOptions();
    }

    /** The source clips that pass the filter, in source order. */
    public ObservableList<ClipItem> filtered() {
        return filtered;
    }

    /** The current filter (settable; the controls follow). */
    public ObjectProperty<ClipFilter> filterProperty() {
        return filter;
    }

    public ClipFilter getFilter() {
        return filter.get();
    }

    public void setFilter(ClipFilter f) {
        filter.set(f == null ? ClipFilter.NONE : f);
    }

    /** Distinct verbs of the annotated clips with their clip counts, sorted. */
    public Map<String, Integer> verbCounts() {
        return verbCounts;
    }

    /** Distinct nouns of the annotated clips with the number of clips naming each, sorted. */
    public Map<String, Integer> nounCounts() {
        return nounCounts;
    }

    private void configure(ComboBox<String> box, String anyText, boolean verb) {
        box.setVisibleRowCount(16);
        box.getStyleClass().add("class-filter");
        box.managedProperty().bind(box.visibleProperty());
        box.setCellFactory(l -> new OptionCell(anyText, verb));
        box.setButtonCell(new OptionCell(anyText, verb));
        box.setValue(ANY);
    }

    private void fromControls() {
        if (syncing) {
            return;
        }
        filter.set(new ClipFilter(field.getText(), valueOf(verbs), valueOf(nouns)));
    }

    private void toControls(ClipFilter f) {
        syncing = true;
        try {
            if (!field.getText().equals(f.text()) && !field.getText().strip().equals(f.text())) {
                field.setText(f.text());
            }
            verbs.setValue(f.verb());
            nouns.setValue(f.noun());
        } finally {
            syncing = false;
        }
    }

    private static String valueOf(ComboBox<String> box) {
        return box.getValue() == null ? ANY : box.getValue();
    }

    private void refreshOptions() {
        Map<String, Integer> v = new TreeMap<>();
        Map<String, Integer> n = new TreeMap<>();
        boolean annotated = false;
        for (ClipItem c : source) {
            ClipAnnotation a = c.annotation();
            if (a == null) {
                continue;
            }
            annotated = true;
            if (!a.verb().isEmpty()) {
                v.merge(a.verb(), 1, Integer::sum);
            }
            a.nouns().stream().distinct().forEach(x -> n.merge(x, 1, Integer::sum));
        }
        verbCounts = Map.copyOf(v);
        nounCounts = Map.copyOf(n);
        ClipFilter f = filter.get();
        syncing = true;
        try {
            verbs.getItems().setAll(options(v));
            nouns.getItems().setAll(options(n));
            verbs.setValue(v.containsKey(f.verb()) ? f.verb() : ANY);
            nouns.setValue(n.containsKey(f.noun()) ? f.noun() : ANY);
        } finally {
            syncing = false;
        }
        verbs.setVisible(annotated && !v.isEmpty());
        nouns.setVisible(annotated && !n.isEmpty());
        ClipFilter kept = new ClipFilter(f.text(), v.containsKey(f.verb()) ? f.verb() : ANY,
                n.containsKey(f.noun()) ? f.noun() : ANY);
        if (!kept.equals(f)) {
            filter.set(kept);
        }
        updateCount();
    }

    private static ObservableList<String> options(Map<String, Integer> counts) {
        ObservableList<String> o = FXCollections.observableArrayList(ANY);
        o.addAll(counts.keySet());
        return o;
    }

    private void updateCount() {
        int total = source.size();
        count.setText(filter.get().isEmpty() ? "" : filtered.size() + " of " + total);
    }

    /** Shows an option with its clip count; {@link #ANY} as the "all" text. */
    private final class OptionCell extends ListCell<String> {
        private final String anyText;
        private final boolean verb;

        OptionCell(String anyText, boolean verb) {
            this.anyText = anyText;
            this.verb = verb;
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(anyText);
                return;
            }
            if (item.isEmpty()) {
                setText(anyText);
            } else {
                Integer k = (verb ? verbCounts : nounCounts).get(item);
                setText(k == null ? item : item + "  (" + k + ")");
            }
        }
    }
}
