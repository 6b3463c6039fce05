package org.egolens.app.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.egolens.app.workspace.WorkspaceSpec;

/**
 * Left side panel: the open workspace (name, location, clip count, index state), buttons to open another one or
 * re-index, and the recent workspaces. Node ids: {@code #workspaceName}, {@code #workspacePath},
 * {@code #workspaceClips}, {@code #splitChoice} (test/train of an EK-100 workspace, shown when both files exist),
 * {@code #indexState}, {@code #reindexButton}.
 */
final class WorkspacePanel extends VBox {
    WorkspacePanel(MainViewModel vm) {
        getStyleClass().add("side-panel");
        setSpacing(8);
        Label title = new Label("WORKSPACE");
        title.getStyleClass().add("section-title");
        Label name = new Label();
        name.setId("workspaceName");
        name.getStyleClass().add("workspace-name");
        name.setWrapText(true);
        Label path = new Label();
        path.setId("workspacePath");
        path.getStyleClass().add("muted");
        path.setWrapText(true);
        name.textProperty().bind(Bindings.createStringBinding(() -> vm.workspaceProperty().get() == null ? "None"
                : vm.workspaceProperty().get().displayName(), vm.workspaceProperty()));
        path.textProperty().bind(Bindings.createStringBinding(() -> {
            WorkspaceSpec w = vm.workspaceProperty().get();
            if (w == null) {
                return "";
            }
            return w.kind() == WorkspaceSpec.Kind.FOLDER ? w.path().toString()
                    : w.path() + "\nvideos: " + w.videoRoot();
        }, vm.workspaceProperty()));
        Label clips = new Label();
        clips.setId("workspaceClips");
        clips.textProperty().bind(vm.workspaceSummaryProperty());
        ComboBox<String> split = new ComboBox<>(vm.splits());
        split.setId("splitChoice");
        split.setMaxWidth(Double.MAX_VALUE);
        split.setTooltip(new Tooltip("Annotation split shown and indexed"));
        split.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item + " split");
            }
        });
        split.setButtonCell(split.getCellFactory().call(null));
        split.visibleProperty().bind(Bindings.size(vm.splits()).greaterThan(1));
        split.managedProperty().bind(split.visibleProperty());
        split.disableProperty().bind(vm.busyProperty());
        Runnable showSplit = () -> split.setValue(vm.workspaceProperty().get() == null ? null
                : vm.workspaceProperty().get().split().orElse(null));
        vm.workspaceProperty().addListener((o, a, b) -> showSplit.run());
        vm.splits().addListener((ListChangeListener<String>) c -> showSplit.run());
        split.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.openSplit(b);
            }
        });
        Label index = new Label();
        index.setId("indexState");
        index.getStyleClass().add("index-state");
        index.setWrapText(true);
        index.textProperty().bind(Bindings.createStringBinding(() -> vm.indexProperty().get() != null
                ? vm.indexSummaryProperty().get() : vm.busyProperty().get() ? "Indexing\u2026" : "Not indexed",
                vm.indexProperty(), vm.indexSummaryProperty(), vm.busyProperty()));

        for (Label l : new Label[] {name, path, index}) {
            l.setMaxWidth(Double.MAX_VALUE);
            l.setMinHeight(USE_PREF_SIZE);
        }
        path.tooltipProperty().bind(Bindings.createObjectBinding(() -> path.getText().isEmpty() ? null
                : new Tooltip(path.getText()), path.textProperty()));
        Button openFolder = new Button("Open folder\u2026");
        openFolder.setId("openFolderSideButton");
        openFolder.setMaxWidth(Double.MAX_VALUE);
        openFolder.setOnAction(e -> vm.openFolderWithDialog());
        Button openAnn = new Button("Open EK-100\u2026");
        openAnn.setTooltip(new Tooltip("Open an EPIC-KITCHENS-100 annotation CSV and its video folder"));
        openAnn.setMaxWidth(Double.MAX_VALUE);
        openAnn.setOnAction(e -> vm.openAnnotationsWithDialog());
        Button reindex = new Button("Re-index");
        reindex.setId("reindexButton");
        reindex.setMaxWidth(Double.MAX_VALUE);
        reindex.disableProperty().bind(vm.busyProperty().or(vm.workspaceProperty().isNull()));
        reindex.setOnAction(e -> vm.reindex());

        Label recentTitle = new Label("RECENT");
        recentTitle.getStyleClass().add("section-title");
        ListView<WorkspaceSpec> recent = WelcomeView.recentList(vm.recent(), vm);
        VBox.setVgrow(recent, Priority.ALWAYS);
        getChildren().addAll(title, name, path, clips, split, index, openFolder, openAnn, reindex, recentTitle, recent);
    }
}
