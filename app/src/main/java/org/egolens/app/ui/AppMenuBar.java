package org.egolens.app.ui;

import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import org.egolens.app.workspace.WorkspaceSpec;

/**
 * The main window's menu bar. File: Open clips folder… (Shortcut+O), Open annotation file… (Shortcut+Shift+O), Open
 * demo workspace, Recent (the recent workspaces, newest first), Quit (Shortcut+Q).
 *
 * <p>Ids: {@code #menuBar}, menu {@code #fileMenu}, items {@code #openFolderItem}, {@code #openAnnotationsItem},
 * {@code #openDemoItem}, {@code #recentMenu}, {@code #quitItem}.
 */
final class AppMenuBar extends MenuBar {
    private final Menu recentMenu = new Menu("Recent");
    private final Menu fileMenu = new Menu("File");

    /**
     * @param vm   the commands
     * @param quit what Quit does (the application passes {@code Platform::exit})
     */
    AppMenuBar(MainViewModel vm, Runnable quit) {
        Objects.requireNonNull(quit, "quit");
        setId("menuBar");
        getStyleClass().add("app-menu-bar");
        setUseSystemMenuBar(true);

        MenuItem openFolder = item("openFolderItem", "Open clips folder\u2026", "Shortcut+O", vm::openFolderWithDialog);
        MenuItem openAnn = item("openAnnotationsItem", "Open annotation file\u2026", "Shortcut+Shift+O",
                vm::openAnnotationsWithDialog);
        MenuItem openDemo = item("openDemoItem", "Open demo workspace", null, vm::openDemoWorkspace);
        openDemo.disableProperty().bind(vm.preparingDemoProperty());
        recentMenu.setId("recentMenu");
        MenuItem exit = item("quitItem", "Quit", "Shortcut+Q", quit);

        Menu file = fileMenu;
        file.setId("fileMenu");
        file.getItems().addAll(openFolder, openAnn, openDemo, recentMenu, new SeparatorMenuItem(), exit);
        getMenus().add(file);

        vm.recent().addListener((ListChangeListener<WorkspaceSpec>) c -> fillRecent(vm));
        fillRecent(vm);
    }

    /**
     * Adds an item to the File menu after the "Open …" group (e.g. "Open model…").
     */
    void addOpenItem(MenuItem item) {
        fileMenu.getItems().add(fileMenu.getItems().indexOf(recentMenu), item);
    }

    /** The Recent submenu (for tests). */
    Menu recentMenu() {
        return recentMenu;
    }

    private void fillRecent(MainViewModel vm) {
        recentMenu.getItems().clear();
        if (vm.recent().isEmpty()) {
            MenuItem none = new MenuItem("No recent workspaces");
            none.setDisable(true);
            recentMenu.getItems().add(none);
            return;
        }
        for (WorkspaceSpec w : vm.recent()) {
            MenuItem i = new MenuItem(w.displayName() + "   \u2014   " + w.path());
            i.setMnemonicParsing(false);
            i.setOnAction(e -> vm.openWorkspace(w));
            recentMenu.getItems().add(i);
        }
    }

    private static MenuItem item(String id, String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        i.setOnAction(e -> action.run());
        return i;
    }
}
