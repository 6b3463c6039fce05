package org.egolens.app.ui;

import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.egolens.app.workspace.WorkspaceSpec;

/**
 * Shown while no workspace is open: what EgoLens does, the ways to open a workspace (folder, EK-100 annotation file, the
 * built-in demo), the recent workspaces, and — while the demo workspace is generated — its progress.
 *
 * <p>Node ids: {@code #welcomeView}, {@code #openFolderButton}, {@code #openAnnotationsButton}, {@code #openDemoButton},
 * {@code #recentList}, {@code #demoProgressView}, {@code #demoProgressBar}, {@code #demoProgressMessage}.
 */
final class WelcomeView extends StackPane {
    WelcomeView(MainViewModel vm) {
        setId("welcomeView");
        getStyleClass().add("welcome");

        Label logo = new Label("EgoLens");
        logo.getStyleClass().add("welcome-title");
        Label tagline = new Label("Search egocentric video with natural language. Index a folder of clips or an"
                + " EPIC-KITCHENS-100 annotation file with EVA02-AT, then type what happens.");
        tagline.getStyleClass().add("welcome-tagline");
        tagline.setWrapText(true);

        Button openFolder = new Button("Open clips folder\u2026");
        openFolder.setId("openFolderButton");
        openFolder.getStyleClass().addAll("accent", "large");
        openFolder.setOnAction(e -> vm.openFolderWithDialog());
        Button openAnn = new Button("Open EK-100 annotations\u2026");
        openAnn.setId("openAnnotationsButton");
        openAnn.getStyleClass().add("large");
        openAnn.setOnAction(e -> vm.openAnnotationsWithDialog());
        Button openDemo = new Button("Demo workspace");
        openDemo.setId("openDemoButton");
        openDemo.getStyleClass().add("large");
        openDemo.setTooltip(new Tooltip("Synthetic first-person kitchen-table clips in the"
                + " EPIC-KITCHENS-100 layout, generated into " + vm.demoFolder()));
        openDemo.setOnAction(e -> vm.openDemoWorkspace());
        HBox actions = new HBox(10, openFolder, openAnn, openDemo);
        for (Button b : new Button[] {openFolder, openAnn, openDemo}) {
            b.setMinWidth(USE_PREF_SIZE);
        }
        openDemo.disableProperty().bind(vm.preparingDemoProperty());

        VBox progressView = demoProgress(vm);

        Label recentTitle = new Label("RECENT WORKSPACES");
        recentTitle.getStyleClass().add("section-title");
        ListView<WorkspaceSpec> recent = recentList(vm.recent(), vm);
        recent.setId("recentList");
        recent.setPrefHeight(190);
        Label model = new Label("Model " + vm.modelLabel() + "  \u00b7  each workspace caches its index in its own"
                + " .egolens folder");
        model.getStyleClass().add("muted");

        VBox card = new VBox(14, logo, tagline, progressView, actions, recentTitle, recent, model);
        card.getStyleClass().add("welcome-card");
        card.setMaxWidth(700);
        card.setMaxHeight(USE_PREF_SIZE);
        setAlignment(Pos.CENTER);
        getChildren().add(card);
    }

    /** The demo generation card: title, progress bar and the generator's message; shown only while preparing. */
    private static VBox demoProgress(MainViewModel vm) {
        Label title = new Label("Preparing the demo workspace");
        title.getStyleClass().add("demo-progress-title");
        Label where = new Label("Rendering synthetic kitchen-table clips into " + vm.demoFolder()
                + ". EgoLens opens them when they are ready.");
        where.getStyleClass().add("muted");
        where.setWrapText(true);
        ProgressBar bar = new ProgressBar();
        bar.setId("demoProgressBar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        Label message = new Label();
        message.setId("demoProgressMessage");
        message.getStyleClass().add("muted");
        message.textProperty().bind(vm.statusProperty());
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().add("small");
        cancel.setOnAction(e -> vm.cancel());
        HBox line = new HBox(10, bar, cancel);
        line.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(bar, Priority.ALWAYS);
        VBox box = new VBox(6, title, where, line, message);
        box.setId("demoProgressView");
        box.getStyleClass().add("demo-progress");
        box.visibleProperty().bind(vm.preparingDemoProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    static ListView<WorkspaceSpec> recentList(ObservableList<WorkspaceSpec> items, MainViewModel vm) {
        ListView<WorkspaceSpec> l = new ListView<>(items);
        l.getStyleClass().add("recent-list");
        Label none = new Label("No recent workspaces yet");
        none.getStyleClass().add("placeholder");
        l.setPlaceholder(none);
        l.setCellFactory(v -> new ListCell<>() {
            {
                setPrefWidth(0); // never wider than the list: no horizontal scroll bar
            }

            @Override
            protected void updateItem(WorkspaceSpec w, boolean empty) {
                super.updateItem(w, empty);
                if (empty || w == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label name = new Label(w.displayName());
                name.getStyleClass().add("recent-name");
                Label kind = new Label(w.kind() == WorkspaceSpec.Kind.FOLDER ? "folder" : "EK-100");
                kind.getStyleClass().add("kind-badge");
                Label path = new Label(w.path().toString());
                path.getStyleClass().add("muted");
                path.setMinWidth(0);
                name.setMinWidth(0);
                HBox top = new HBox(8, name, kind);
                top.setAlignment(Pos.CENTER_LEFT);
                setGraphic(new VBox(1, top, path));
                setText(null);
            }
        });
        l.setOnMouseClicked(e -> {
            WorkspaceSpec w = l.getSelectionModel().getSelectedItem();
            if (w != null && e.getClickCount() >= 1) {
                vm.openWorkspace(w);
            }
        });
        return l;
    }
}
