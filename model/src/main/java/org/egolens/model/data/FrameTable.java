package org.egolens.model.data;

import java.util.Arrays;

/**
 * The decodable frames of one video stream in presentation order, built by demuxing every packet of the stream
 * (no decoding), as decord does when it opens a file. Frame {@code i} is the packet with the {@code i}-th smallest
 * presentation timestamp; the count is therefore the real number of frames, not the container's (possibly
 * over-reported) {@code nb_frames} or {@code duration·fps}.
 *
 * <p>Timestamps are in the stream's time base {@code timeBaseNum / timeBaseDen} seconds. Time 0 of a clip is the
 * first frame's presentation time. Immutable and thread-safe.
 */
final class FrameTable {
    private final long[] pts;
    private final int[] keyframes;
    private final int timeBaseNum;
    private final int timeBaseDen;

    /**
     * @param pts         presentation timestamps of all frames, ascending, no duplicates, at least one
     * @param keyframes   indices (into {@code pts}) of the frames that start a decodable sequence, ascending
     * @param timeBaseNum time base numerator (&gt; 0)
     * @param timeBaseDen time base denominator (&gt; 0)
     */
    FrameTable(long[] pts, int[] keyframes, int timeBaseNum, int timeBaseDen) {
        if (pts.length == 0) {
            throw new IllegalArgumentException("a frame table needs at least one frame");
        }
        if (timeBaseNum <= 0 || timeBaseDen <= 0) {
            throw new IllegalArgumentException("invalid time base " + timeBaseNum + "/" + timeBaseDen);
        }
        for (int i = 1; i < pts.length; i++) {
            if (pts[i] <= pts[i - 1]) {
                throw new IllegalArgumentException("frame timestamps must be strictly ascending (frame " + i + ")");
            }
        }
        this.pts = pts;
        this.keyframes = keyframes.length == 0 || keyframes[0] != 0 ? withZero(keyframes) : keyframes;
        this.timeBaseNum = timeBaseNum;
        this.timeBaseDen = timeBaseDen;
    }

    /**
     * Builds a table from packet timestamps in demux (decode) order.
     *
     * @param packetPts timestamps of the stream's packets, any order; duplicates are merged
     * @param count     number of valid entries in {@code packetPts}
     * @param keyPts    timestamps of the keyframe packets, any order
     * @param keyCount  number of valid entries in {@code keyPts}
     */
    static FrameTable fromPackets(long[] packetPts, int count, long[] keyPts, int keyCount, int timeBaseNum,
            int timeBaseDen) {
        long[] sorted = Arrays.copyOf(packetPts, count);
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (n == 0 || sorted[i] != sorted[n - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        long[] frames = Arrays.copyOf(sorted, n);
        int[] keys = new int[keyCount];
        int k = 0;
        long[] keySorted = Arrays.copyOf(keyPts, keyCount);
        Arrays.sort(keySorted);
        for (int i = 0; i < keyCount; i++) {
            int idx = Arrays.binarySearch(frames, keySorted[i]);
            if (idx >= 0 && (k == 0 || keys[k - 1] != idx)) {
                keys[k++] = idx;
            }
        }
        return new FrameTable(frames, Arrays.copyOf(keys, k), timeBaseNum, timeBaseDen);
    }

    private static int[] withZero(int[] keyframes) {
        int[] k = new int[keyframes.length + 1];
        System.arraycopy(keyframes, 0, k, 1, keyframes.length);
        return k;
    }

    /** Number of decodable frames. */
    int size() {
        return pts.length;
    }

    /** Presentation timestamp of frame {@code index}, stream time base. */
    long pts(int index) {
        return pts[index];
    }

    int timeBaseNum() {
        return timeBaseNum;
    }

    int timeBaseDen() {
        return timeBaseDen;
    }

    /** Seconds from the first frame to frame {@code index}. */
    double timeOf(int index) {
        return (double) (pts[index] - pts[0]) * timeBaseNum / timeBaseDen;
    }

    /** Mean frame duration in seconds (the last frame is assumed to last as long); 0 for a single frame. */
    double meanFrameDuration() {
        return pts.length < 2 ? 0 : timeOf(pts.length - 1) / (pts.length - 1);
    }

    /** Seconds from the first frame's start to the last frame's end (last frame lasts one mean frame duration). */
    double durationSec(double fallbackFps) {
        double frameDur = pts.length >= 2 ? meanFrameDuration() : (fallbackFps > 0 ? 1.0 / fallbackFps : 0);
        return timeOf(pts.length - 1) + frameDur;
    }

    /** Index of the frame with exactly this timestamp, or -1. */
    int indexOfPts(long timestamp) {
        int i = Arrays.binarySearch(pts, timestamp);
        return i >= 0 ? i : -1;
    }

    /** Index of the frame whose timestamp is closest to {@code timestamp} (ties go to the earlier frame). */
    int nearestIndex(long timestamp) {
        int i = Arrays.binarySearch(pts, timestamp);
        if (i >= 0) {
            return i;
        }
        int ins = -i - 1;
        if (ins == 0) {
            return 0;
        }
        if (ins == pts.length) {
            return pts.length - 1;
        }
        return timestamp - pts[ins - 1] <= pts[ins] - timestamp ? ins - 1 : ins;
    }

    /**
     * The frame shown at {@code seconds} after the first frame: the last frame whose presentation time is at or before
     * it (a tolerance of 1 µs absorbs decimal rounding of times like {@code i / fps}).
     *
     * @return the index, or -1 when the time lies before the first frame
     */
    int indexAtTime(double seconds) {
        double ticks = seconds * timeBaseDen / timeBaseNum + 1e-6 * timeBaseDen / timeBaseNum;
        long limit = pts[0] + (long) Math.floor(ticks);
        int i = Arrays.binarySearch(pts, limit);
        if (i >= 0) {
            return i;
        }
        return -i - 2;
    }

    /** The last keyframe at or before frame {@code index} (decoding from it reaches {@code index}). */
    int keyframeAtOrBefore(int index) {
        int i = Arrays.binarySearch(keyframes, index);
        return i >= 0 ? keyframes[i] : keyframes[Math.max(0, -i - 2)];
    }

    /** Number of keyframes (frame 0 always counts as one). */
    int keyframeCount() {
        return keyframes.length;
    }
}
