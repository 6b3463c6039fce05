package org.egolens.viewer;

import java.util.concurrent.CompletionStage;
import javafx.scene.image.Image;

/** Supplies decoded video frames for the player; implementations decode off the FX thread. */
@FunctionalInterface
public interface FrameProvider {
    /**
     * Frame {@code frameIndex} of the clip's video.
     *
     * @param frameIndex 0-based frame number in the video (not in the window), presentation order
     */
    CompletionStage<Image> frame(ClipItem clip, long frameIndex);
}
