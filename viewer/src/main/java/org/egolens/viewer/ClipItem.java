package org.egolens.viewer;

import java.nio.file.Path;
import java.util.Objects;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.SamplingPlan;

/**
 * A clip as the views show it: a window of a video with its frame geometry, or an unreadable clip with the reason.
 *
 * @param clipId     identifier shown as the title
 * @param video      the video file
 * @param startSec   window start, seconds
 * @param endSec     window end, seconds (resolved; NaN when the video is unreadable)
 * @param fps        frame rate of the video, frames per second (0 when unreadable)
 * @param firstFrame index of the first frame of the window (0-based, presentation order)
 * @param frameCount frames in the window (0 when unreadable)
 * @param problem    why the clip cannot be shown, or null
 * @param annotation what the annotation file says the clip shows (narration, verb, nouns), or null for a clip without
 *                   one (e.g. from a folder of videos)
 */
public record ClipItem(String clipId, Path video, double startSec, double endSec, double fps, long firstFrame,
                       long frameCount, String problem, ClipAnnotation annotation) {
    /** @throws IllegalArgumentException if a readable clip has no frames or a bad frame rate */
    public ClipItem {
        Objects.requireNonNull(clipId, "clipId");
        Objects.requireNonNull(video, "video");
        if (problem == null && (!(fps > 0) || frameCount < 1 || firstFrame < 0 || !(endSec > startSec))) {
            throw new IllegalArgumentException("clip " + clipId + ": needs fps > 0, at least one frame and end > start");
        }
    }

    /** A clip without annotation. */
    public ClipItem(String clipId, Path video, double startSec, double endSec, double fps, long firstFrame,
                    long frameCount, String problem) {
        this(clipId, video, startSec, endSec, fps, firstFrame, frameCount, problem, null);
    }

    /**
     * A readable clip over the frames the decoder samples the window from ({@link SamplingPlan}, AVION rule): frames
     * {@code a = round(start·fps)} to {@code b − 1} with {@code b = round(end·fps)}, both rounded half to even,
     * {@code b} capped at {@code videoFrames} when it is known (&gt; 0), and at least one frame.
     *
     * @param endSec      the window's end, seconds (resolved: finite)
     * @param videoFrames decodable frames of the video, or 0 when unknown
     */
    public static ClipItem of(ClipWindow window, double endSec, double fps, long videoFrames) {
        long first = SamplingPlan.frameAt(window.startSec(), fps);
        long end = SamplingPlan.frameAt(endSec, fps);
        if (videoFrames > 0) {
            first = Math.min(first, videoFrames - 1);
            end = Math.min(end, videoFrames);
        }
        long count = Math.max(1, end - first);
        return new ClipItem(window.clipId(), window.video(), window.startSec(), endSec, fps, first, count, null);
    }

    /** A clip whose video could not be read. */
    public static ClipItem unreadable(ClipWindow window, String problem) {
        return new ClipItem(window.clipId(), window.video(), window.startSec(), Double.NaN, 0, 0, 0,
                Objects.requireNonNull(problem, "problem"));
    }

    /** The same clip with {@code a} as its annotation (null removes it). */
    public ClipItem withAnnotation(ClipAnnotation a) {
        return new ClipItem(clipId, video, startSec, endSec, fps, firstFrame, frameCount, problem, a);
    }

    /** True when the clip has an annotation. */
    public boolean annotated() {
        return annotation != null;
    }

    /** The narration if annotated and not empty, else the clip id: what a card or the player shows as title. */
    public String title() {
        return annotation != null && !annotation.narration().isEmpty() ? annotation.narration() : clipId;
    }

    /** True when the clip can be played. */
    public boolean readable() {
        return problem == null;
    }

    /** Window length, seconds (NaN when unreadable). */
    public double durationSec() {
        return endSec - startSec;
    }

    /** The window, for the model side. @throws IllegalStateException if unreadable */
    public ClipWindow window() {
        if (!readable()) {
            throw new IllegalStateException("clip " + clipId + " is unreadable: " + problem);
        }
        return new ClipWindow(clipId, video, startSec, endSec);
    }
}
