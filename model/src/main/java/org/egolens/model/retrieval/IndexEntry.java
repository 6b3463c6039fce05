package org.egolens.model.retrieval;

import java.nio.file.Path;
import java.util.Objects;
import org.egolens.model.data.ClipWindow;

/**
 * One indexed clip (one embedding row).
 *
 * @param clipId     clip identifier (unique within an index)
 * @param source     the video file
 * @param startSec   window start, seconds
 * @param endSec     window end, seconds (resolved: never infinite, at most the video duration)
 * @param frameCount video frames inside the window (window length × fps, rounded)
 */
public record IndexEntry(String clipId, Path source, double startSec, double endSec, long frameCount) {
    /** @throws IllegalArgumentException if the window is invalid or the frame count negative (names the clip) */
    public IndexEntry {
        Objects.requireNonNull(clipId, "clipId");
        Objects.requireNonNull(source, "source");
        if (!(startSec >= 0) || !(endSec > startSec) || Double.isInfinite(endSec) || frameCount < 0) {
            throw new IllegalArgumentException("index entry " + clipId + ": invalid window [" + startSec + ", " + endSec
                    + "] s or frame count " + frameCount);
        }
    }

    /** The entry's window as a clip. */
    public ClipWindow window() {
        return new ClipWindow(clipId, source, startSec, endSec);
    }

    /** Window length, seconds. */
    public double durationSec() {
        return endSec - startSec;
    }
}
