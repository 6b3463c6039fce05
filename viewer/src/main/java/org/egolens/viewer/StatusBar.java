package org.egolens.viewer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * A status line: a message, a detail on the right, and while a job runs a progress bar and a Cancel button.
 *
 * <p>Node ids: {@code #statusMessage}, {@code #statusDetail}, {@code #progressBar}, {@code #cancelButton}.
 */
public final class StatusBar extends HBox {
    private final Label message = new Label("Ready");
    private final Label detail = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancel = new Button("Cancel");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");

    /** An idle status bar. */
    public StatusBar() {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        message.setId("statusMessage");
        detail.setId("statusDetail");
        detail.getStyleClass().add("muted");
        progress.setId("progressBar");
        progress.setPrefWidth(220);
        cancel.setId("cancelButton");
        cancel.getStyleClass().add("small");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        message.setMinWidth(0);
        getChildren().addAll(message, spring, detail, progress, cancel);
        progress.visibleProperty().bind(busy);
        progress.managedProperty().bind(busy);
        cancel.visibleProperty().bind(busy);
        cancel.managedProperty().bind(busy);
    }

    /** The message on the left. */
    public StringProperty messageProperty() {
        return message.textProperty();
    }

    /** The muted text on the right (e.g. the index summary). */
    public StringProperty detailProperty() {
        return detail.textProperty();
    }

    /** Progress 0…1, or −1 ({@link ProgressBar#INDETERMINATE_PROGRESS}) for indeterminate. */
    public DoubleProperty progressProperty() {
        return progress.progressProperty();
    }

    /** While true the progress bar and Cancel show. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The Cancel button, to bind its action and disabled state. */
    public Button cancelButton() {
        return cancel;
    }
}
