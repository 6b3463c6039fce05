package org.egolens.app.ui.attention;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javafx.scene.control.Tab;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.egolens.app.ui.AppContext;
import org.egolens.app.ui.MainViewModel;
import org.egolens.app.ui.MainWindow;
import org.egolens.viewer.attention.AttentionView;
import org.egolens.viewer.attention.RopeView;

/**
 * Adds the Attention tab ({@code #attentionTab}: the clip selected in Browse, computed when the tab is shown) and the RoPE
 * tab ({@code #ropeTab}) to the main window, with PNG export through a save dialog. Close it with the application to
 * release the attention model.
 */
public final class AttentionTabs implements AutoCloseable {
    /** Asks where to save a file. */
    @FunctionalInterface
    public interface SaveChooser {
        /**
         * @param title         dialog title
         * @param suggestedName initial file name
         * @return the chosen file, empty if cancelled
         */
        Optional<Path> choose(String title, String suggestedName);
    }

    private final AttentionView attentionView = new AttentionView();
    private final RopeView ropeView = new RopeView();
    private final AttentionController controller;
    private final Tab attentionTab;
    private final Tab ropeTab;

    private AttentionTabs(MainWindow window, MainViewModel vm, AppContext ctx, SaveChooser chooser) {
        controller = new AttentionController(ctx, attentionView);
        attentionTab = window.addTab("attentionTab", "Attention", attentionView);
        ropeTab = window.addTab("ropeTab", "RoPE", ropeView);
        controller.clipProperty().bind(vm.selectedClipProperty());
        controller.activeProperty().bind(attentionTab.selectedProperty());
        attentionView.setOnExport(() -> {
            String clip = vm.selectedClipProperty().get() == null ? "clip" : vm.selectedClipProperty().get().clipId();
            chooser.choose("Export attention as PNG", "attention-" + clip + ".png").ifPresent(p -> {
                try {
                    attentionView.exportPng(p);
                } catch (IOException | RuntimeException e) {
                    ctx.dialogs().showError("Cannot export the attention view", p + ": " + e.getMessage());
                }
            });
        });
        ropeView.setOnExport(() -> chooser.choose("Export RoPE view as PNG", "rope.png").ifPresent(p -> {
            try {
                ropeView.exportPng(p);
            } catch (IOException | RuntimeException e) {
                ctx.dialogs().showError("Cannot export the RoPE view", p + ": " + e.getMessage());
            }
        }));
    }

    /** Adds both tabs; exports go through a JavaFX save dialog over the main window. */
    public static AttentionTabs install(MainWindow window, MainViewModel vm, AppContext ctx) {
        return install(window, vm, ctx, (title, name) -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(title);
            fc.setInitialFileName(name);
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG images", "*.png"));
            Window owner = window.root().getScene() == null ? null : window.root().getScene().getWindow();
            return Optional.ofNullable(fc.showSaveDialog(owner)).map(java.io.File::toPath);
        });
    }

    /** Adds both tabs with the given save chooser (tests pass a fixed file). */
    public static AttentionTabs install(MainWindow window, MainViewModel vm, AppContext ctx, SaveChooser chooser) {
        return new AttentionTabs(Objects.requireNonNull(window), Objects.requireNonNull(vm), Objects.requireNonNull(ctx),
                Objects.requireNonNull(chooser));
    }

    /** The attention view. */
    public AttentionView attentionView() {
        return attentionView;
    }

    /** The RoPE view. */
    public RopeView ropeView() {
        return ropeView;
    }

    /** The controller behind the attention view. */
    public AttentionController controller() {
        return controller;
    }

    /** The Attention tab. */
    public Tab attentionTab() {
        return attentionTab;
    }

    /** The RoPE tab. */
    public Tab ropeTab() {
        return ropeTab;
    }

    /** Stops a running capture and closes the attention model. */
    @Override
    public void close() {
        controller.activeProperty().unbind();
        controller.clipProperty().unbind();
        controller.close();
    }
}
