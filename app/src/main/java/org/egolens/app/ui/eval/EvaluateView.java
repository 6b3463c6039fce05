package org.egolens.app.ui.eval;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.egolens.model.eval.run.EvalRequest;
import org.egolens.model.eval.run.EvalSummary;
import org.egolens.model.eval.run.EvalTask;
import org.egolens.model.eval.run.MirDirection;
import org.egolens.viewer.eval.ApHistogram;
import org.egolens.viewer.eval.EvalStyles;
import org.egolens.viewer.eval.MetricsTable;
import org.egolens.viewer.eval.QueryScore;
import org.egolens.viewer.eval.QueryTable;
import org.egolens.viewer.eval.RelevancyInspector;

/**
 * The Evaluate tab, bound to an {@link EvaluateViewModel}: a toolbar (task, model, T, annotation files, video folder,
 * options, Run/Cancel with progress), the list of earlier runs with a side-by-side comparison table, the metrics table
 * and per-query AP histogram of the run shown, its per-query table (V→T / T→V, sortable) and the relevancy inspector
 * of the selected query. Builds and binds only.
 *
 * <p>Node ids: {@code #evaluateView}, {@code #evalTaskCombo}, {@code #evalModelCombo}, {@code #evalFramesSpinner},
 * {@code #evalAnnotationsField}, {@code #evalAuxiliaryField}, {@code #evalVideoRootField}, {@code #evalAllowMissing},
 * {@code #evalTemplates}, {@code #evalRunButton}, {@code #evalCancelButton}, {@code #evalProgress},
 * {@code #evalStatus}, {@code #evalRunsList}, {@code #evalCompareTable}, {@code #evalMetricsTable},
 * {@code #evalDirectionV2T}, {@code #evalDirectionT2V}, {@code #queryTable}, {@code #apHistogram},
 * {@code #relevancyInspector}.
 */
public final class EvaluateView {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final EvaluateViewModel vm;
    private final BorderPane root = new BorderPane();
    private final MetricsTable metrics = new MetricsTable("Run an evaluation, or open an earlier one.");
    private final MetricsTable compare = new MetricsTable("Select two or more runs above (Ctrl-click) to compare.");
    private final QueryTable queries = new QueryTable();
    private final ApHistogram histogram = new ApHistogram();
    private final RelevancyInspector inspector = new RelevancyInspector();
    private final ListView<EvalSummary> runs = new ListView<>();

    /** Builds the view over {@code vm}. */
    public EvaluateView(EvaluateViewModel vm) {
        this.vm = vm;
        root.setId("evaluateView");
        root.getStyleClass().add("evaluate-view");
        root.getStylesheets().add(EvalStyles.STYLESHEET);
        root.setTop(toolbar());
        SplitPane body = new SplitPane(left(), centre(), right());
        body.getStyleClass().add("body-split");
        body.setDividerPositions(0.2, 0.655);
        SplitPane.setResizableWithParent(body.getItems().get(0), false);
        root.setCenter(body);
        bind();
    }

    /** The scene-graph node to put in a tab. */
    public Parent root() {
        return root;
    }

    /** The inspector (for tests). */
    public RelevancyInspector inspector() {
        return inspector;
    }

    /** The per-query table (for tests). */
    public QueryTable queryTable() {
        return queries;
    }

    /** The AP histogram (for tests). */
    public ApHistogram histogram() {
        return histogram;
    }

    private Parent toolbar() {
        ComboBox<EvalTask> task = new ComboBox<>();
        task.setId("evalTaskCombo");
        task.getItems().setAll(EvalTask.values());
        task.setConverter(new StringConverter<>() {
            @Override
            public String toString(EvalTask t) {
                return t == null ? "" : t.title();
            }

            @Override
            public EvalTask fromString(String s) {
                return EvalTask.fromId(s);
            }
        });
        task.valueProperty().bindBidirectional(vm.taskProperty());

        ComboBox<String> model = new ComboBox<>();
        model.setId("evalModelCombo");
        model.setEditable(true);
        model.getItems().setAll(vm.modelChoices());
        model.valueProperty().bindBidirectional(vm.modelProperty());
        model.setPrefWidth(150);
        model.setTooltip(new Tooltip("A preset, or a model folder (config.json + weights)"));

        Spinner<Integer> frames = new Spinner<>(1, 64, vm.framesProperty().get());
        frames.setId("evalFramesSpinner");
        frames.setEditable(true);
        frames.setPrefWidth(76);
        frames.getValueFactory().valueProperty().addListener((o, a, b) -> vm.framesProperty().set(b));
        vm.framesProperty().addListener((o, a, b) -> frames.getValueFactory().setValue(b.intValue()));

        CheckBox missing = new CheckBox("Allow missing clips");
        missing.setId("evalAllowMissing");
        missing.selectedProperty().bindBidirectional(vm.allowMissingProperty());
        missing.setTooltip(new Tooltip("Evaluate without clips that cannot be decoded (counted; not comparable with"
                + " published numbers)"));
        CheckBox templates = new CheckBox("Prompt templates");
        templates.setId("evalTemplates");
        templates.selectedProperty().bindBidirectional(vm.templatesProperty());
        templates.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.taskProperty().get() == EvalTask.EK100_MIR
                || vm.taskProperty().get() == EvalTask.EGOMCQ, vm.taskProperty()));

        ProgressBar progress = new ProgressBar();
        progress.setId("evalProgress");
        progress.setPrefWidth(180);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        Button run = new Button("Run evaluation");
        run.setId("evalRunButton");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> vm.run());
        run.disableProperty().bind(vm.runningProperty().or(vm.annotationsProperty().isNull())
                .or(vm.videoRootProperty().isNull()));
        Button cancel = new Button("Cancel");
        cancel.setId("evalCancelButton");
        cancel.setOnAction(e -> vm.cancel());
        cancel.visibleProperty().bind(vm.runningProperty());
        cancel.managedProperty().bind(vm.runningProperty());

        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox row1 = new HBox(10, field("TASK", task), field("MODEL", model), field("T", frames), missing, templates,
                spring, progress, cancel, run);
        row1.setAlignment(Pos.BOTTOM_LEFT);

        TextField ann = pathField("evalAnnotationsField", vm.annotationsProperty(), "annotation file");
        TextField aux = pathField("evalAuxiliaryField", vm.auxiliaryProperty(), "");
        aux.promptTextProperty().bind(Bindings.createStringBinding(() -> {
            Path a = vm.annotationsProperty().get();
            Path d = a == null ? null : EvalRequest.defaultAuxiliary(vm.taskProperty().get(), a);
            return d == null ? "none for this task" : "default: " + d.getFileName();
        }, vm.annotationsProperty(), vm.taskProperty()));
        TextField videos = pathField("evalVideoRootField", vm.videoRootProperty(), "video folder");
        Label auxTitle = new Label();
        auxTitle.getStyleClass().add("field-label");
        auxTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.taskProperty().get() == EvalTask.EK100_MIR
                ? "SENTENCES" : "CLASSES", vm.taskProperty()));
        HBox row2 = new HBox(10, pathBox(new Label("ANNOTATIONS"), ann, vm::chooseAnnotations),
                pathBox(auxTitle, aux, vm::chooseAuxiliary), pathBox(new Label("VIDEOS"), videos, vm::chooseVideoRoot));
        row2.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));

        Label status = new Label();
        status.setId("evalStatus");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("eval-status");
        vm.failedProperty().addListener((o, a, b) -> {
            status.getStyleClass().removeAll("eval-status", "eval-error");
            status.getStyleClass().add(b ? "eval-error" : "eval-status");
        });
        status.setWrapText(true);

        VBox bar = new VBox(8, row1, row2, status);
        bar.getStyleClass().addAll("panel", "eval-toolbar");
        BorderPane.setMargin(bar, new javafx.geometry.Insets(8, 8, 0, 8));
        return bar;
    }

    private Parent left() {
        runs.setId("evalRunsList");
        runs.getStyleClass().add("run-list");
        runs.setItems(vm.history());
        runs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runs.setCellFactory(v -> new RunCell());
        Label none = new Label("No earlier evaluations of this annotation file.");
        none.getStyleClass().add("placeholder");
        none.setWrapText(true);
        runs.setPlaceholder(none);
        runs.getSelectionModel().getSelectedItems().addListener((ListChangeListener<EvalSummary>) c ->
                vm.compared().setAll(runs.getSelectionModel().getSelectedItems().stream()
                        .filter(java.util.Objects::nonNull).toList()));
        runs.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && runs.getSelectionModel().getSelectedItem() != null) {
                vm.open(runs.getSelectionModel().getSelectedItem());
            }
        });
        Button open = new Button("Show");
        open.setId("evalOpenButton");
        open.getStyleClass().add("small");
        open.setOnAction(e -> vm.open(runs.getSelectionModel().getSelectedItem()));
        open.disableProperty().bind(Bindings.size(vm.compared()).isNotEqualTo(1).or(vm.runningProperty()));
        Label title = sectionTitle("EARLIER RUNS");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox head = new HBox(6, title, spring, open);
        head.setAlignment(Pos.CENTER_LEFT);

        compare.setId("evalCompareTable");
        compare.setMarkBest(true);
        VBox.setVgrow(runs, Priority.ALWAYS);
        VBox.setVgrow(compare, Priority.ALWAYS);
        VBox box = new VBox(6, head, runs, sectionTitle("COMPARE"), compare);
        box.getStyleClass().add("panel");
        box.setMinWidth(240);
        box.setPrefWidth(300);
        return box;
    }

    private Parent centre() {
        metrics.setId("evalMetricsTable");
        metrics.setPrefHeight(MetricsTable.heightFor(4));
        metrics.setMinHeight(MetricsTable.heightFor(2));
        VBox metricsBox = new VBox(6, sectionTitle("METRICS"), metrics);
        Label runLabel = new Label();
        runLabel.getStyleClass().add("muted");
        runLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            EvalSummary s = vm.currentProperty().get();
            return s == null ? "" : s.record().label() + " \u00b7 " + s.record().created().atZone(ZoneId.systemDefault())
                    .format(WHEN) + " \u00b7 " + s.record().clips() + " clips, " + s.record().missing().size()
                    + " missing" + (s.record().clamped().isEmpty() ? "" : ", " + s.record().clamped().size()
                    + " clamped at the video's end");
        }, vm.currentProperty()));
        runLabel.setWrapText(true);
        metricsBox.getChildren().add(runLabel);
        metricsBox.setPrefWidth(330);
        metricsBox.setMinWidth(280);
        VBox histBox = new VBox(6, sectionTitle("AP PER QUERY"), histogram);
        VBox.setVgrow(histogram, Priority.ALWAYS);
        histogram.setPrefHeight(170);
        histBox.setMinWidth(180);
        HBox.setHgrow(histBox, Priority.ALWAYS);
        HBox top = new HBox(14, metricsBox, histBox);
        top.getStyleClass().add("panel");

        ToggleGroup dirs = new ToggleGroup();
        ToggleButton v2t = new ToggleButton("V\u2192T");
        v2t.setTooltip(new Tooltip("Clips as queries, sentences as candidates"));
        v2t.setId("evalDirectionV2T");
        v2t.getStyleClass().add("left-pill");
        ToggleButton t2v = new ToggleButton("T\u2192V");
        t2v.setTooltip(new Tooltip("Sentences as queries, clips as candidates"));
        t2v.setId("evalDirectionT2V");
        t2v.getStyleClass().add("right-pill");
        v2t.setToggleGroup(dirs);
        t2v.setToggleGroup(dirs);
        v2t.setSelected(true);
        dirs.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one is always on
            } else {
                vm.directionProperty().set(b == v2t ? MirDirection.V2T : MirDirection.T2V);
            }
        });
        HBox toggle = new HBox(v2t, t2v);
        toggle.getStyleClass().add("direction-toggle");
        Label count = new Label();
        count.getStyleClass().add("muted");
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.mirProperty().get() == null
                ? (vm.currentProperty().get() == null ? "" : "Per-query results are shown for EK-100 MIR runs.")
                : vm.queries().size() + " queries \u00b7 sort by a column \u00b7 click a row to inspect",
                vm.queries(), vm.mirProperty(), vm.currentProperty()));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox head = new HBox(10, sectionTitle("PER QUERY"), toggle, spring, count);
        head.setAlignment(Pos.CENTER_LEFT);
        // sorted view of the rows: a chosen sort order survives a new run or a change of direction
        javafx.collections.transformation.SortedList<QueryScore> sortedRows =
                new javafx.collections.transformation.SortedList<>(vm.queries());
        sortedRows.comparatorProperty().bind(queries.comparatorProperty());
        queries.setItems(sortedRows);
        VBox.setVgrow(queries, Priority.ALWAYS);
        VBox perQuery = new VBox(8, head, queries);
        perQuery.getStyleClass().add("panel");

        VBox.setVgrow(perQuery, Priority.ALWAYS);
        top.setMinHeight(Region.USE_PREF_SIZE);
        VBox column = new VBox(8, top, perQuery);
        column.getStyleClass().add("centre-column");
        return column;
    }

    private Parent right() {
        VBox.setVgrow(inspector, Priority.ALWAYS);
        VBox box = new VBox(8, sectionTitle("RELEVANCY INSPECTOR"), inspector);
        box.getStyleClass().add("panel");
        box.setMinWidth(320);
        box.setPrefWidth(440);
        return box;
    }

    private void bind() {
        Runnable showMetrics = () -> metrics.show(vm.metricColumns(), vm.metrics());
        vm.metrics().addListener((ListChangeListener<Object>) c -> showMetrics.run());
        Runnable showCompare = () -> compare.show(vm.comparisonColumns(), vm.comparison());
        vm.comparison().addListener((ListChangeListener<Object>) c -> showCompare.run());
        showMetrics.run();
        showCompare.run();
        vm.mirProperty().addListener((o, a, e) -> {
            if (e == null) {
                histogram.clear();
            } else {
                histogram.setValues(e.result().apV2T(), e.result().apT2V());
            }
        });
        queries.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedQueryProperty().set(b);
            }
        });
        vm.selectedQueryProperty().addListener((o, a, b) -> {
            if (b == null) {
                queries.getSelectionModel().clearSelection();
            }
        });
        inspector.queryProperty().bind(vm.inspectorQueryProperty());
        Bindings.bindContent(inspector.getItems(), vm.ranked());
        inspector.thumbnailProviderProperty().set(vm.thumbnails());
    }

    private static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static Node field(String title, Node control) {
        Label l = new Label(title);
        l.getStyleClass().add("field-label");
        return new VBox(3, l, control);
    }

    private static TextField pathField(String id, javafx.beans.property.ObjectProperty<Path> p, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.getStyleClass().add("path-field");
        f.setPromptText(prompt);
        f.setText(p.get() == null ? "" : p.get().toString());
        p.addListener((o, a, b) -> {
            String t = b == null ? "" : b.toString();
            if (!t.equals(f.getText())) {
                f.setText(t);
            }
        });
        f.setOnAction(e -> commit(f, p));
        f.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                commit(f, p);
            }
        });
        return f;
    }

    private static void commit(TextField f, javafx.beans.property.ObjectProperty<Path> p) {
        String t = f.getText() == null ? "" : f.getText().trim();
        p.set(t.isEmpty() ? null : Path.of(t));
    }

    private static Node pathBox(Label title, TextField field, Runnable choose) {
        title.getStyleClass().add("field-label");
        Button browse = new Button("\u2026");
        browse.getStyleClass().add("small");
        browse.setOnAction(e -> choose.run());
        HBox.setHgrow(field, Priority.ALWAYS);
        HBox line = new HBox(4, field, browse);
        line.setAlignment(Pos.CENTER_LEFT);
        return new VBox(3, title, line);
    }

    /** An earlier run: task, model, T, time, headline number. */
    private static final class RunCell extends ListCell<EvalSummary> {
        private final Label title = new Label();
        private final Label detail = new Label();
        private final Label score = new Label();
        private final VBox box = new VBox(2, title, detail, score);

        RunCell() {
            title.getStyleClass().add("run-title");
            detail.getStyleClass().add("run-detail");
            score.getStyleClass().add("run-score");
            setText(null);
        }

        @Override
        protected void updateItem(EvalSummary s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                return;
            }
            title.setText(s.record().label());
            detail.setText(s.record().created().atZone(ZoneId.systemDefault()).format(WHEN) + " \u00b7 "
                    + s.record().clips() + " clips" + (s.record().missing().isEmpty() ? ""
                    : " \u00b7 " + s.record().missing().size() + " missing"));
            score.setText(headline(s));
            setGraphic(box);
        }

        private static String headline(EvalSummary s) {
            return switch (s.record().task()) {
                case EK100_MIR -> "mAP " + EvalStyles.metric(s.metric("mAP.avg")) + "  nDCG "
                        + EvalStyles.metric(s.metric("nDCG.avg"));
                case EGOMCQ -> "inter " + EvalStyles.metric(s.metric("accuracy.inter_video")) + "  intra "
                        + EvalStyles.metric(s.metric("accuracy.intra_video"));
                case CHARADES_EGO -> "mAP " + EvalStyles.metric(s.metric("mAP"));
                case EGTEA -> "top-1 " + EvalStyles.metric(s.metric("top1")) + "  mean class "
                        + EvalStyles.metric(s.metric("mean_class_accuracy"));
            };
        }
    }
}
