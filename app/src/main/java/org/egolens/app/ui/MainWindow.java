package org.egolens.app.ui;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.egolens.app.ui.model.ModelMenu;
import org.egolens.app.ui.model.ModelReportDialog;
import org.egolens.app.ui.model.OpenModelController;
import org.egolens.viewer.ClipFilterBar;
import org.egolens.viewer.ClipGrid;
import org.egolens.viewer.ClipPlayer;
import org.egolens.viewer.SearchResultsView;
import org.egolens.viewer.StatusBar;

/**
 * The main window's scene graph, bound to a {@link MainViewModel}: menu bar, header, welcome view or workspace (side
 * panel, player over the filterable clip grid, search), status bar. Builds and binds only.
 */
public final class MainWindow {
    /** The stylesheet (dark theme). */
    public static final String STYLESHEET = MainWindow.class.getResource("/org/egolens/app/egolens.css").toExternalForm();

    private final BorderPane root = new BorderPane();
    private final MainViewModel vm;
    private final ClipGrid grid = new ClipGrid();
    private final ClipPlayer player = new ClipPlayer();
    private final SearchResultsView search = new SearchResultsView();
    private final StatusBar status = new StatusBar();
    private final TabPane tabs = new TabPane();
    private final ClipFilterBar filterBar;

    /** Builds the window over {@code vm}. */
    public MainWindow(MainViewModel vm) {
        this.vm = vm;
        this.filterBar = new ClipFilterBar(vm.clips());
        root.getStyleClass().add("egolens-root");
        root.getStylesheets().add(STYLESHEET);
        AppMenuBar menuBar = new AppMenuBar(vm, Platform::exit);
        menuBar.addOpenItem(ModelMenu.openModelItem(new OpenModelController(vm.context().executor(), vm.dialogs(),
                new ModelReportDialog(() -> root.getScene() == null ? null : root.getScene().getWindow()),
                vm.context().options().frames(), vm::useModel)));
        root.setTop(new VBox(menuBar, header()));

        WelcomeView welcome = new WelcomeView(vm);
        tabs.setId("mainTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        addTab("browseTab", "Browse", workspaceBody());
        Parent workspace = tabs;
        welcome.visibleProperty().bind(vm.workspaceProperty().isNull());
        workspace.visibleProperty().bind(vm.workspaceProperty().isNotNull());
        root.setCenter(new StackPane(workspace, welcome));
        root.setBottom(status);

        status.messageProperty().bind(vm.statusProperty());
        status.detailProperty().bind(vm.indexSummaryProperty());
        status.progressProperty().bind(vm.progressProperty());
        status.busyProperty().bind(vm.busyProperty());
        status.cancelButton().setOnAction(e -> vm.cancel());
    }

    private Parent header() {
        Region dot = new Region();
        dot.getStyleClass().add("logo-dot");
        Label name = new Label("EgoLens");
        name.getStyleClass().add("app-name");
        Label ws = new Label();
        ws.getStyleClass().add("header-workspace");
        ws.textProperty().bind(Bindings.createStringBinding(() -> vm.workspaceProperty().get() == null ? ""
                : vm.workspaceProperty().get().displayName(), vm.workspaceProperty()));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label model = new Label();
        model.setId("modelBadge");
        model.getStyleClass().add("model-badge");
        Tooltip untrainedTip = new Tooltip("Randomly initialised preset: search scores carry no meaning yet. Train a"
                + " model (Train tab) or start with --model <model folder>.");
        Runnable badge = () -> {
            boolean untrained = vm.modelUntrained();
            model.setText("EVA02-AT \u00b7 " + vm.modelLabel() + (untrained ? " \u00b7 untrained" : ""));
            model.getStyleClass().remove("untrained");
            if (untrained) {
                model.getStyleClass().add("untrained");
            }
            model.setTooltip(untrained ? untrainedTip : null);
        };
        vm.modelProperty().addListener((o, a, b) -> badge.run());
        badge.run();
        HBox h = new HBox(10, dot, name, ws, spring, model);
        h.setAlignment(Pos.CENTER_LEFT);
        h.getStyleClass().add("header");
        return h;
    }

    private Parent workspaceBody() {
        Bindings.bindContent(grid.getItems(), filterBar.filtered());
        grid.setThumbnailProvider(vm.thumbnails());
        grid.setEmptyText("Reading clips\u2026");
        grid.selectedProperty().bindBidirectional(vm.selectedClipProperty());

        player.setFrameProvider(vm.frames());
        player.clipItemProperty().bind(vm.selectedClipProperty());

        search.setThumbnailProvider(vm.thumbnails());
        Bindings.bindContent(search.getResults(), vm.results());
        search.summaryProperty().bind(vm.resultsSummaryProperty());
        search.searchEnabledProperty().bind(vm.searchReady());
        search.setOnSearch(vm::search);
        search.selectedResultProperty().addListener((o, a, b) -> vm.selectResult(b));
        Runnable hint = () -> search.setPlaceholderText(vm.indexProperty().get() != null
                ? "Type a narration, e.g. \u201ccut the onion\u201d, and press Enter."
                : "Search becomes available when the clips are indexed.");
        vm.indexProperty().addListener((o, a, b) -> hint.run());
        hint.run();

        Label clipsTitle = new Label();
        clipsTitle.getStyleClass().add("section-title");
        clipsTitle.textProperty().bind(Bindings.createStringBinding(() -> filterBar.getFilter().isEmpty()
                ? "CLIPS  " + vm.clips().size() : "CLIPS  " + filterBar.filtered().size() + " / " + vm.clips().size(),
                vm.clips(), filterBar.filtered(), filterBar.filterProperty()));
        VBox gridBox = new VBox(6, clipsTitle, filterBar, grid);
        gridBox.getStyleClass().add("panel");
        VBox.setVgrow(grid, Priority.ALWAYS);

        VBox playerBox = new VBox(player);
        playerBox.getStyleClass().add("panel");
        VBox.setVgrow(player, Priority.ALWAYS);

        SplitPane centre = new SplitPane(playerBox, gridBox);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.56);
        centre.getStyleClass().add("centre-split");

        Label searchTitle = new Label("SEARCH");
        searchTitle.getStyleClass().add("section-title");
        VBox searchBox = new VBox(8, searchTitle, search);
        searchBox.getStyleClass().addAll("panel", "search-panel");
        VBox.setVgrow(search, Priority.ALWAYS);
        searchBox.setPrefWidth(380);
        searchBox.setMinWidth(300);

        WorkspacePanel side = new WorkspacePanel(vm);
        side.setPrefWidth(250);
        side.setMinWidth(200);

        SplitPane body = new SplitPane(side, centre, searchBox);
        body.setDividerPositions(0.18, 0.705);
        body.getStyleClass().add("body-split");
        SplitPane.setResizableWithParent(side, false);
        SplitPane.setResizableWithParent(searchBox, false);
        return body;
    }

    /**
     * Adds a workbench view as a tab (Browse is first; Evaluate, Train, Attention … are added by their owners). The
     * first tab shows its view at once; any later tab puts its view into the scene when it is first selected, so that
     * views nobody has opened yet cost no CSS or layout when the window is first shown (cold start 3.5 → 2.7 s with
     * the three later tabs' views out of the scene, {@code BENCHMARKS.md}, GUI). The view object itself exists from
     * the start, so its owner can bind and update it before then.
     *
     * @param id      the tab's id, for tests and lookups (e.g. {@code "evaluateTab"})
     * @param title   the label shown on the tab
     * @param content the view
     * @return the tab
     */
    public Tab addTab(String id, String title, Node content) {
        Tab tab = new Tab(title);
        tab.setId(id);
        if (tabs.getTabs().isEmpty()) {
            tab.setContent(content);
        } else {
            tab.selectedProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean selected) {
                    if (selected) {
                        tab.setContent(content);
                        tab.selectedProperty().removeListener(this);
                    }
                }
            });
        }
        tabs.getTabs().add(tab);
        return tab;
    }

    /** The tab pane holding the workbench views. */
    public TabPane tabs() {
        return tabs;
    }

    /** The scene root. */
    public Parent root() {
        return root;
    }

    /** The player (for keyboard focus and tests). */
    public ClipPlayer player() {
        return player;
    }

    /** The filter bar above the clip grid. */
    public ClipFilterBar filterBar() {
        return filterBar;
    }

    /** The clip grid. */
    public ClipGrid grid() {
        return grid;
    }

    /** The search view. */
    public SearchResultsView search() {
        return search;
    }
}
