package org.egolens.app.ui.model;

import java.util.function.Supplier;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ScrollPane;
import javafx.stage.Window;
import org.egolens.model.checkpoint.CheckpointLoader;

/** The report in a modal dialog: "Use this model" (only when it fits) and "Close". */
public final class ModelReportDialog implements ModelReportPresenter {
    /** The button that switches the workbench to the model. */
    public static final ButtonType USE = new ButtonType("Use this model", ButtonBar.ButtonData.OK_DONE);
    private final Supplier<Window> owner;

    /** @param owner the window the dialog belongs to */
    public ModelReportDialog(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void show(CheckpointLoader.ModelCheck check, Runnable use) {
        ModelReportView view = new ModelReportView();
        view.show(check);
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Model load report");
        d.setHeaderText(check.path().getFileName() + ": " + ModelReportView.verdictText(check.report()));
        ScrollPane scroll = new ScrollPane(view);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(520);
        d.getDialogPane().setContent(scroll);
        if (use != null) {
            d.getDialogPane().getButtonTypes().add(USE);
        }
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        Window w = owner.get();
        if (w != null) {
            d.initOwner(w);
        }
        d.showAndWait().filter(b -> b == USE).ifPresent(b -> use.run());
    }
}
