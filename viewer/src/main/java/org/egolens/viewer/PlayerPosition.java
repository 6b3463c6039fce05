package org.egolens.viewer;

/**
 * Frame arithmetic of the player, free of JavaFX: the current frame inside a clip window and its time. Frame k of the
 * window is video frame {@code firstFrame + k}; its time relative to the window start is {@code k / fps} seconds.
 */
public final class PlayerPosition {
    private final ClipItem clip;
    private long offset;

    /** Starts at the first frame. @throws IllegalArgumentException if the clip is unreadable */
    public PlayerPosition(ClipItem clip) {
        if (!clip.readable()) {
            throw new IllegalArgumentException("clip " + clip.clipId() + " cannot be played: " + clip.problem());
        }
        this.clip = clip;
    }

    /** The clip. */
    public ClipItem clip() {
        return clip;
    }

    /** Current frame within the window, 0 … frameCount − 1. */
    public long offset() {
        return offset;
    }

    /** Current frame in the video. */
    public long videoFrame() {
        return clip.firstFrame() + offset;
    }

    /** Current time relative to the window start, seconds. */
    public double timeSec() {
        return offset / clip.fps();
    }

    /** Length of the window, seconds. */
    public double durationSec() {
        return clip.frameCount() / clip.fps();
    }

    /** True at the last frame. */
    public boolean atEnd() {
        return offset == clip.frameCount() - 1;
    }

    /** Moves by {@code frames} (negative = back), clamped to the window. @return true if the frame changed */
    public boolean step(long frames) {
        return seekFrame(offset + frames);
    }

    /** Moves to window frame {@code k}, clamped. @return true if the frame changed */
    public boolean seekFrame(long k) {
        long c = Math.max(0, Math.min(clip.frameCount() - 1, k));
        boolean changed = c != offset;
        offset = c;
        return changed;
    }

    /** Moves to the frame shown at {@code sec} seconds after the window start, clamped. @return true if changed */
    public boolean seekTime(double sec) {
        return seekFrame((long) Math.floor(sec * clip.fps() + 1e-9));
    }

    /** The label text: {@code time / duration · frame n / N} (n 1-based). */
    public String label() {
        return Formats.clock(timeSec()) + " / " + Formats.clock(durationSec()) + "  \u00b7  frame " + (offset + 1) + " / "
                + clip.frameCount();
    }
}
