package org.egolens.model.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A clip: a time window {@code [startSec, endSec]} of a video file. {@code endSec} may be
 * {@link Double#POSITIVE_INFINITY} to mean "to the end of the video".
 *
 * @param clipId   identifier shown to users and stored in indexes (e.g. an EK-100 {@code narration_id} or a file stem)
 * @param video    the video file
 * @param startSec window start, seconds (≥ 0)
 * @param endSec   window end, seconds (> startSec)
 */
public record ClipWindow(String clipId, Path video, double startSec, double endSec) {
    /** @throws IllegalArgumentException if the window is empty, reversed or negative (the message names the clip and times) */
    public ClipWindow {
        Objects.requireNonNull(clipId, "clipId");
        Objects.requireNonNull(video, "video");
        if (!(startSec >= 0) || !(endSec > startSec)) {
            throw new IllegalArgumentException("clip " + clipId + " (" + video + "): invalid window [" + startSec + ", "
                    + endSec + "] s; need 0 <= start < end");
        }
    }

    /** The whole video. */
    public static ClipWindow whole(String clipId, Path video) {
        return new ClipWindow(clipId, video, 0, Double.POSITIVE_INFINITY);
    }

    /** True when the window runs to the end of the video. */
    public boolean isOpenEnded() {
        return Double.isInfinite(endSec);
    }
}
