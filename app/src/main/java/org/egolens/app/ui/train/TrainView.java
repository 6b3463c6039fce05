package org.egolens.app.ui.train;

import org.egolens.model.train.TrainRunConfig;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.egolens.app.ui.DialogService;
import org.egolens.viewer.chart.LiveChart;

/**
 * The Train tab: runs list (left), the selected run's header and live charts (centre), the "New training run" form
 * (right). Binds to a {@link TrainViewModel}; builds and binds only.
 *
 * <p>Node ids: {@code #runsList}, {@code #stopButton}, {@code #resumeButton}, {@code #attachButton},
 * {@code #refreshButton}, {@code #runsFolderButton}, {@code #runTitle}, {@code #runPhase}, {@code #statStep},
 * {@code #statLoss}, {@code #statBestMap}, {@code #statElapsed}, {@code #lossChart}, {@code #lrChart},
 * {@code #evalChart}, {@code #mirrorChart}, {@code #smoothingSlider}, {@code #runNameField}, {@code #configSheet},
 * {@code #copySettingsButton}, {@code #startButton}, {@code #trainMessage}.
 */
public final class TrainView extends BorderPane {
    private static final double RUNS_WIDTH = 250;
    private static final double FORM_WIDTH = 390;
    /** Builds the tab over {@code vm}; {@code dialogs} serve the form's path choosers. */
    public TrainView(TrainViewModel vm, DialogService dialogs) {
        getStyleClass().add("train-view");
        setId("trainView");
        SplitPane body = new SplitPane(runsPanel(vm), centre(vm), formPanel(vm, dialogs));
        body.getStyleClass().add("body-split");
        body.setDividerPositions(0.185, 0.725);
        // once laid out, give the side panels their preferred widths whatever the window width
        body.widthProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number a, Number w) {
                if (w.doubleValue() > 800) {
                    body.setDividerPositions(RUNS_WIDTH / w.doubleValue(), 1 - FORM_WIDTH / w.doubleValue());
                    body.widthProperty().removeListener(this);
                }
            }
        });
        SplitPane.setResizableWithParent(body.getItems().get(0), false);
        SplitPane.setResizableWithParent(body.getItems().get(2), false);
        setCenter(body);
    }

    // ------------------------------------------------------------------ runs

    private Node runsPanel(TrainViewModel vm) {
        Label title = new Label("RUNS");
        title.getStyleClass().add("section-title");
        Label root = new Label();
        root.setId("runsRoot");
        root.getStyleClass().add("muted");
        root.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        root.textProperty().bind(Bindings.createStringBinding(() -> vm.runsRootProperty().get() == null ? ""
                : vm.runsRootProperty().get().toString(), vm.runsRootProperty()));
        root.tooltipProperty().bind(Bindings.createObjectBinding(() -> new Tooltip(root.getText()),
                root.textProperty()));
        Button folder = new Button("\u2026");
        folder.setId("runsFolderButton");
        folder.getStyleClass().add("small");
        folder.setTooltip(new Tooltip("Choose the folder whose sub-folders are runs"));
        folder.setOnAction(e -> vm.chooseRunsFolder());
        HBox.setHgrow(root, Priority.ALWAYS);
        root.setMaxWidth(Double.MAX_VALUE);
        HBox rootRow = new HBox(6, root, folder);
        rootRow.setAlignment(Pos.CENTER_LEFT);

        ListView<RunItem> list = new ListView<>(vm.runs());
        list.setId("runsList");
        list.getStyleClass().add("runs-list");
        list.setCellFactory(l -> new RunCell());
        Label empty = new Label("No runs yet.\nStart one with the form on the right,\nor attach to a run folder.");
        empty.getStyleClass().add("placeholder");
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(b);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        Button stop = button("Stop", "stopButton", "Send SIGTERM: the trainer finishes its step, writes a checkpoint "
                + "and exits");
        stop.disableProperty().bind(vm.canStopProperty().not());
        stop.setOnAction(e -> vm.stop());
        Button resume = button("Resume", "resumeButton", "Continue the run from its latest checkpoint");
        resume.disableProperty().bind(vm.canResumeProperty().not());
        resume.setOnAction(e -> vm.resume());
        Button attach = button("Attach\u2026", "attachButton", "Follow a run folder, e.g. one started with "
                + "'egolens train' from a terminal");
        attach.setOnAction(e -> vm.attachWithDialog());
        Button refresh = button("Refresh", "refreshButton", "Rescan the runs folder");
        refresh.setOnAction(e -> vm.refresh());
        HBox row1 = new HBox(6, stop, resume);
        HBox row2 = new HBox(6, attach, refresh);
        for (Button b : new Button[] {stop, resume, attach, refresh}) {
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setMaxWidth(Double.MAX_VALUE);
        }
        Label hint = new Label("Tick runs to overlay them on the charts.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        VBox box = new VBox(8, title, rootRow, list, hint, row1, row2);
        box.getStyleClass().add("side-panel");
        box.setPrefWidth(RUNS_WIDTH);
        box.setMinWidth(200);
        return box;
    }

    private static Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    /** A run: compare tick, name, phase badge, step and best mAP. */
    private static final class RunCell extends ListCell<RunItem> {
        private final CheckBox compare = new CheckBox();
        private final Label name = new Label();
        private final Label phase = new Label();
        private final Label detail = new Label();
        private final Label map = new Label();
        private final HBox root;
        private final javafx.beans.value.ChangeListener<RunPhase> phaseListener = (o, a, b) -> showPhase(b);
        private RunItem bound;

        RunCell() {
            getStyleClass().add("run-cell");
            setPrefWidth(0); // follow the list's width: no horizontal scroll bar
            name.setMinWidth(0);
            detail.setMinWidth(0);
            phase.setMinWidth(Region.USE_PREF_SIZE);
            name.getStyleClass().add("run-name");
            phase.getStyleClass().add("phase-badge");
            detail.getStyleClass().add("muted");
            compare.getStyleClass().add("compare-box");
            compare.setTooltip(new Tooltip("Overlay this run on the charts"));
            HBox line2 = new HBox(6, phase, detail);
            line2.setAlignment(Pos.CENTER_LEFT);
            map.getStyleClass().add("run-map");
            map.setMinWidth(Region.USE_PREF_SIZE);
            Region spring = new Region();
            HBox.setHgrow(spring, Priority.ALWAYS);
            HBox line1 = new HBox(6, name, spring, map);
            line1.setAlignment(Pos.CENTER_LEFT);
            VBox text = new VBox(3, line1, line2);
            HBox.setHgrow(text, Priority.ALWAYS);
            root = new HBox(8, compare, text);
            root.setAlignment(Pos.CENTER_LEFT);
            setText(null);
        }

        @Override
        protected void updateItem(RunItem item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                compare.selectedProperty().unbindBidirectional(bound.compareProperty());
                name.textProperty().unbind();
                phase.textProperty().unbind();
                detail.textProperty().unbind();
                map.textProperty().unbind();
                bound.phaseProperty().removeListener(phaseListener);
                bound = null;
            }
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            bound = item;
            compare.selectedProperty().bindBidirectional(item.compareProperty());
            compare.setId("compare-" + item.folder().folderName());
            name.textProperty().bind(item.nameProperty());
            phase.textProperty().bind(Bindings.createStringBinding(() -> item.phase().label(), item.phaseProperty()));
            item.phaseProperty().addListener(phaseListener);
            showPhase(item.phase());
            detail.textProperty().bind(Bindings.createStringBinding(() -> item.stepProperty().get() < 0 ? ""
                    : "step " + item.stepProperty().get(), item.stepProperty()));
            map.textProperty().bind(Bindings.createStringBinding(() -> Double.isNaN(item.bestMapProperty().get()) ? ""
                    : String.format(Locale.ROOT, "mAP %.3f", item.bestMapProperty().get()), item.bestMapProperty()));
            Tooltip tip = new Tooltip(item.folder().dir().toString());
            setTooltip(tip);
            setGraphic(root);
        }

        private void showPhase(RunPhase current) {
            for (RunPhase p : RunPhase.values()) {
                phase.pseudoClassStateChanged(PseudoClass.getPseudoClass(p.label()), p == current);
            }
        }
    }

    // ------------------------------------------------------------------ centre

    private Node centre(TrainViewModel vm) {
        Label title = new Label("No run selected");
        title.setId("runTitle");
        title.getStyleClass().add("run-title");
        Label phase = new Label();
        phase.setId("runPhase");
        phase.getStyleClass().add("phase-badge");
        Label path = new Label();
        path.getStyleClass().add("muted");
        path.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        path.setMinWidth(0);
        title.setMinWidth(0);
        HBox titleRow = new HBox(10, title, phase);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        VBox titleBox = new VBox(2, titleRow, path);
        HBox.setHgrow(titleBox, Priority.ALWAYS);
        titleBox.setMinWidth(120);

        Label step = stat("statStep");
        Label epoch = stat("statEpoch");
        Label elapsed = stat("statElapsed");
        Label loss = stat("statLoss");
        Label best = stat("statBestMap");
        HBox stats = new HBox(6, tile(step, "STEP"), tile(epoch, "EPOCH"), tile(elapsed, "ELAPSED"),
                tile(loss, "LOSS"), tile(best, "BEST mAP"));
        stats.setAlignment(Pos.CENTER_RIGHT);
        HBox header = new HBox(12, titleBox, stats);
        header.getStyleClass().add("run-header");
        header.setAlignment(Pos.CENTER_LEFT);

        Runnable refresh = () -> {
            RunItem r = vm.selectedProperty().get();
            title.setText(r == null ? "No run selected" : r.nameProperty().get());
            path.setText(r == null ? "Select a run on the left, or start a new one." : r.folder().dir().toString());
            phase.setVisible(r != null);
            if (r != null) {
                RunPhase p = r.phase();
                phase.setText(p.label());
                for (RunPhase q : RunPhase.values()) {
                    phase.pseudoClassStateChanged(PseudoClass.getPseudoClass(q.label()), q == p);
                }
            }
            step.setText(r == null || r.stepProperty().get() < 0 ? "\u2013" : Long.toString(r.stepProperty().get()));
            epoch.setText(r == null || r.epochProperty().get() < 0 ? "\u2013"
                    : Long.toString(r.epochProperty().get()));
            elapsed.setText(r == null ? "\u2013" : clock(r.timeSProperty().get()));
            loss.setText(r == null || Double.isNaN(r.lossProperty().get()) ? "\u2013"
                    : String.format(Locale.ROOT, "%.4f", r.lossProperty().get()));
            best.setText(r == null || Double.isNaN(r.bestMapProperty().get()) ? "\u2013"
                    : String.format(Locale.ROOT, "%.3f", r.bestMapProperty().get()));
            best.setTooltip(r == null || r.bestMapStepProperty().get() < 0 ? null
                    : new Tooltip("average mAP at step " + r.bestMapStepProperty().get()));
        };
        javafx.beans.InvalidationListener l = o -> refresh.run();
        vm.selectedProperty().addListener((o, a, b) -> {
            if (a != null) {
                for (javafx.beans.Observable ob : observables(a)) {
                    ob.removeListener(l);
                }
            }
            if (b != null) {
                for (javafx.beans.Observable ob : observables(b)) {
                    ob.addListener(l);
                }
            }
            refresh.run();
        });
        refresh.run();

        TrainCharts charts = vm.charts();
        Slider smoothing = new Slider(0, 0.99, 0.6);
        smoothing.setId("smoothingSlider");
        smoothing.setPrefWidth(120);
        smoothing.setTooltip(new Tooltip("EMA smoothing of the loss curves (0 = raw)"));
        charts.chart(TrainCharts.Id.LOSS).smoothingProperty().bind(smoothing.valueProperty());
        Label smoothValue = new Label();
        smoothValue.getStyleClass().add("muted");
        smoothValue.textProperty().bind(smoothing.valueProperty().asString(Locale.ROOT, "%.2f"));
        Label smoothLabel = new Label("Smoothing");
        smoothLabel.getStyleClass().add("muted");
        HBox smoothBox = new HBox(6, smoothLabel, smoothing, smoothValue);
        smoothBox.setAlignment(Pos.CENTER_RIGHT);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("chart-grid");
        grid.setHgap(8);
        grid.setVgap(8);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setPercentWidth(58);
        ColumnConstraints c2 = new ColumnConstraints();
        c2.setPercentWidth(42);
        grid.getColumnConstraints().addAll(c1, c2);
        RowConstraints r1 = new RowConstraints();
        r1.setPercentHeight(55);
        r1.setVgrow(Priority.ALWAYS);
        RowConstraints r2 = new RowConstraints();
        r2.setPercentHeight(45);
        r2.setVgrow(Priority.ALWAYS);
        grid.getRowConstraints().addAll(r1, r2);
        grid.add(chartPanel("LOSS", charts.chart(TrainCharts.Id.LOSS), smoothBox), 0, 0);
        grid.add(chartPanel("LEARNING RATE", charts.chart(TrainCharts.Id.LR), null), 1, 0);
        grid.add(chartPanel("VALIDATION  mAP / nDCG", charts.chart(TrainCharts.Id.EVAL), legendNote()), 0, 1);
        grid.add(chartPanel("MIRROR-PAIR SCORE", charts.chart(TrainCharts.Id.MIRROR), null), 1, 1);
        VBox.setVgrow(grid, Priority.ALWAYS);

        Label msg = new Label();
        msg.setId("trainMessage");
        msg.getStyleClass().add("train-message");
        msg.textProperty().bind(vm.messageProperty());
        msg.setMaxWidth(Double.MAX_VALUE);

        VBox centre = new VBox(8, header, grid, msg);
        centre.getStyleClass().add("train-centre");
        return centre;
    }

    private static javafx.beans.Observable[] observables(RunItem r) {
        return new javafx.beans.Observable[] {r.nameProperty(), r.phaseProperty(), r.stepProperty(),
            r.epochProperty(), r.timeSProperty(), r.lossProperty(), r.bestMapProperty()};
    }

    private static Node legendNote() {
        Label l = new Label("solid mAP  \u00b7  dashed nDCG");
        l.getStyleClass().add("muted");
        return l;
    }

    private static Label stat(String id) {
        Label l = new Label("\u2013");
        l.setId(id);
        l.getStyleClass().add("stat-value");
        return l;
    }

    private static Node tile(Label value, String caption) {
        Label c = new Label(caption);
        c.getStyleClass().add("stat-caption");
        VBox v = new VBox(1, value, c);
        v.getStyleClass().add("stat-tile");
        v.setMinWidth(Region.USE_PREF_SIZE);
        value.setMinWidth(Region.USE_PREF_SIZE);
        v.setAlignment(Pos.CENTER_LEFT);
        return v;
    }

    private static Node chartPanel(String title, LiveChart chart, Node extra) {
        Label t = new Label(title);
        t.getStyleClass().add("section-title");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox head = extra == null ? new HBox(t) : new HBox(8, t, spring, extra);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setMinHeight(24);
        VBox box = new VBox(4, head, chart);
        VBox.setVgrow(chart, Priority.ALWAYS);
        box.getStyleClass().addAll("panel", "chart-panel");
        box.setMinSize(0, 0);
        return box;
    }

    /** Seconds as {@code m:ss} or {@code h:mm:ss}; a dash for NaN. */
    static String clock(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            return "\u2013";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    // ------------------------------------------------------------------ form

    private Node formPanel(TrainViewModel vm, DialogService dialogs) {
        Label title = new Label("NEW TRAINING RUN");
        title.getStyleClass().add("section-title");
        TextField name = new TextField();
        name.setId("runNameField");
        name.textProperty().bindBidirectional(vm.form().nameProperty());
        name.setPromptText("run name");
        Label nameLabel = new Label("Name");
        nameLabel.getStyleClass().add("muted");
        HBox.setHgrow(name, Priority.ALWAYS);
        HBox nameRow = new HBox(8, nameLabel, name);
        nameRow.setAlignment(Pos.CENTER_LEFT);

        PropertySheet sheet = new PropertySheet(vm.form().items());
        sheet.setId("configSheet");
        sheet.getStyleClass().add("config-sheet");
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setCategoryComparator(TrainConfigForm.categoryOrder());
        sheet.setPropertyEditorFactory(new FormEditors(dialogs));
        VBox.setVgrow(sheet, Priority.ALWAYS);

        Button copy = new Button("Copy selected");
        copy.setId("copySettingsButton");
        copy.getStyleClass().add("small");
        copy.setTooltip(new Tooltip("Fill the form with the selected run's config"));
        copy.disableProperty().bind(vm.selectedProperty().isNull());
        copy.setOnAction(e -> vm.copySettingsOfSelected());
        Button defaults = new Button("Defaults");
        defaults.getStyleClass().add("small");
        defaults.setTooltip(new Tooltip("The demo SMS recipe: tiny-demo, T = 4, batch 48, lr 1e-3, \u03b3 0.6"));
        defaults.setOnAction(e -> vm.form().load(TrainRunConfig.demoSms()));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox titleRow = new HBox(6, title, spring, defaults, copy);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        for (Button b : new Button[] {defaults, copy}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Button start = new Button("Start training");
        start.setId("startButton");
        start.getStyleClass().addAll("accent", "large");
        start.setMaxWidth(Double.MAX_VALUE);
        start.setOnAction(e -> vm.start());
        HBox actions = new HBox(start);
        HBox.setHgrow(start, Priority.ALWAYS);

        VBox box = new VBox(8, titleRow, nameRow, sheet, actions);
        box.getStyleClass().addAll("side-panel", "train-form");
        box.setPrefWidth(FORM_WIDTH);
        box.setMinWidth(300);
        return box;
    }
}
