package org.egolens.app.ui.model;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The menu bar's File menu with "Open model…" (Ctrl/Cmd+M). Node ids: {@code #fileMenu}, {@code #openModelItem}. */
public final class ModelMenu {
    private ModelMenu() {}

    /** The "Open model…" item (Shortcut+M, id {@code #openModelItem}). */
    public static MenuItem openModelItem(OpenModelController controller) {
        MenuItem open = new MenuItem("Open model\u2026");
        open.setId("openModelItem");
        open.setAccelerator(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> controller.openWithDialog());
        return open;
    }

    /** A menu bar holding File → Open model… only (for views tested on their own). */
    public static MenuBar menuBar(OpenModelController controller) {
        MenuItem open = openModelItem(controller);
        Menu file = new Menu("File");
        file.setId("fileMenu");
        file.getItems().add(open);
        MenuBar bar = new MenuBar(file);
        bar.setId("menuBar");
        return bar;
    }
}
