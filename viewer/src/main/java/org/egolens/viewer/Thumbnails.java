package org.egolens.viewer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.image.Image;

/** Applies a thumbnail request to a cell: at once when it is already loaded (cache hit), else later on the FX thread. */
public final class Thumbnails {
    private Thumbnails() {}

    /** Calls {@code apply} on the FX thread with the image; failed loads leave the cell empty. Call on the FX thread. */
    public static void show(CompletionStage<Image> request, Consumer<Image> apply) {
        CompletableFuture<Image> f = request.toCompletableFuture();
        if (f.isDone()) {
            if (!f.isCompletedExceptionally() && !f.isCancelled()) {
                apply.accept(f.join());
            }
            return;
        }
        f.whenComplete((img, err) -> {
            if (img != null) {
                Platform.runLater(() -> apply.accept(img));
            }
        });
    }
}
