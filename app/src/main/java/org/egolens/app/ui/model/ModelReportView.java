package org.egolens.app.ui.model;

import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.egolens.model.checkpoint.CheckpointLoader;
import org.egolens.model.nn.LoadReport;
import org.egolens.model.nn.ModelConfig;

/**
 * A model's load report: verdict, key facts (layout, architecture, E, frames, config source), then one section per
 * category of tensors (refusals first and expanded) and the notes.
 *
 * <p>Node ids: {@code #modelVerdict}, {@code #modelFacts}, {@code #missingList}, {@code #unexpectedList},
 * {@code #misShapedList}, {@code #newList}, {@code #interpolatedList}, {@code #defaultedList}, {@code #ignoredList},
 * {@code #matchedList}, {@code #notesList}; each list sits in a {@link TitledPane} whose id ends in {@code Pane}.
 */
public final class ModelReportView extends VBox {
    private final Label verdict = new Label();
    private final GridPane facts = new GridPane();
    private final VBox sections = new VBox(4);

    /** An empty view; call {@link #show}. */
    public ModelReportView() {
        super(10);
        setId("modelReportView");
        getStyleClass().add("panel");
        verdict.setId("modelVerdict");
        verdict.getStyleClass().add("section-title");
        verdict.setWrapText(true);
        facts.setId("modelFacts");
        facts.setHgap(12);
        facts.setVgap(4);
        getChildren().addAll(verdict, facts, sections);
        setPrefWidth(760);
    }

    /** Shows a checked model. */
    public void show(CheckpointLoader.ModelCheck check) {
        LoadReport r = check.report();
        ModelConfig c = check.config();
        verdict.setText(verdictText(r));
        facts.getChildren().clear();
        int row = 0;
        row = fact(row, "Model", check.path().toString());
        row = fact(row, "Layout", note(r, "layout: ").orElse("EVA-CLIP"));
        row = fact(row, "Architecture", String.format(Locale.ROOT, "vision %d \u00d7 %d (%d heads, patch %d, %d px),"
                + " text %d \u00d7 %d (%d heads)", c.vision().layers(), c.vision().width(), c.vision().heads(),
                c.vision().patchSize(), c.vision().imageSize(), c.text().layers(), c.text().width(), c.text().heads()));
        row = fact(row, "Embedding", "E = " + c.embedDim());
        row = fact(row, "Frames", note(r, "frames: ").orElse("T = " + c.numFrames()));
        fact(row, "Config", note(r, "config: ").orElse(c.hash()));
        sections.getChildren().setAll(
                section("missing", "Missing", r.missing(), true),
                section("unexpected", "Unexpected", r.unexpected(), true),
                section("misShaped", "Mis-shaped", r.shapeMismatched(), true),
                section("new", "New (initialised, not loaded)", r.kept(), true),
                section("interpolated", "Interpolated", r.interpolated(), true),
                section("defaulted", "Defaulted", r.defaulted(), true),
                section("ignored", "Ignored (recomputed)", r.ignored(), false),
                section("matched", "Matched", r.matched(), false),
                section("notes", "Notes", r.notes(), !r.ok()));
    }

    /** The verdict line, e.g. {@code "Refused: 1 missing, 0 unexpected, 0 mis-shaped"}. */
    static String verdictText(LoadReport r) {
        if (r.ok()) {
            return "Ready: " + r.matched().size() + " tensors match" + (r.kept().isEmpty() ? ""
                    : ", " + r.kept().size() + " new") + (r.interpolated().isEmpty() ? ""
                    : ", " + r.interpolated().size() + " interpolated");
        }
        return "Refused: " + r.missing().size() + " missing, " + r.unexpected().size() + " unexpected, "
                + r.shapeMismatched().size() + " mis-shaped";
    }

    private static java.util.Optional<String> note(LoadReport r, String prefix) {
        return r.notes().stream().filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length())).findFirst();
    }

    private int fact(int row, String name, String value) {
        Label k = new Label(name);
        k.getStyleClass().add("muted");
        k.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setWrapText(true);
        v.setId("fact" + name);
        facts.addRow(row, k, v);
        return row + 1;
    }

    private static TitledPane section(String id, String title, List<String> items, boolean expandIfAny) {
        ListView<String> list = new ListView<>(FXCollections.observableArrayList(items));
        list.setId(id + "List");
        list.setPrefHeight(Math.min(8, Math.max(1, items.size())) * 24 + 4);
        TitledPane p = new TitledPane(title + " (" + items.size() + ")", list);
        p.setId(id + "Pane");
        p.setExpanded(expandIfAny && !items.isEmpty());
        p.setDisable(items.isEmpty());
        return p;
    }
}
