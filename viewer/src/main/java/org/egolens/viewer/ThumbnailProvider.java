package org.egolens.viewer;

import java.util.concurrent.CompletionStage;
import javafx.scene.image.Image;

/** Supplies clip thumbnails; implementations decode off the FX thread and may cache. */
@FunctionalInterface
public interface ThumbnailProvider {
    /** The thumbnail of {@code clip} (completes on any thread; views apply it on the FX thread). */
    CompletionStage<Image> thumbnail(ClipItem clip);
}
