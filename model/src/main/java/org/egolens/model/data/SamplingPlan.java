package org.egolens.model.data;

import java.util.Random;

/**
 * Which frames of a video a clip window maps to: the AVION rule (docs evaluation-and-formats §3.1 and §6), which
 * EVA02-AT's SMS recipes inherit.
 *
 * <p>The window covers frames {@code [a, b)} with {@code a = round(start·fps)} and {@code b = round(end·fps)}
 * (round half to even, like {@code numpy.round}); an open-ended window ends at the frame count {@code N}. If
 * {@code b > N} the window overhangs the end of the video and is clamped to {@code b = N}; {@link #clamped()} says so.
 * A window that rounds to no frame ({@code b ≤ a}) takes frame {@code a}. Frame {@code k} of {@code T} is the centre of
 * the {@code k}-th of {@code T} equal segments of {@code [a, b)}, truncated to an integer:
 * <pre>  i_k = floor(a + (2k + 1)·(b − a) / (2T))</pre>
 * (computed exactly in integers; AVION averages adjacent {@code linspace(a, b, T+1)} edges and casts to int, which is the
 * same value). For training a uniform shift in {@code ±½·(b − a − 1)/T} (AVION's segment size for the jitter) is added
 * to each centre before truncation, which keeps every index in {@code [a, b − 1]}.
 *
 * @param window     the requested clip window
 * @param fps        frame rate used to map seconds to frames (the stream's average rate)
 * @param frameCount N, decodable frames in the video
 * @param startFrame a, first frame of the window
 * @param endFrame   b, one past the last frame of the window after clamping
 * @param indices    T frame indices, non-decreasing (also when jittered), each in {@code [a, b)}; do not
 *                   modify
 * @param clamped    true when the window overhung the end of the video and was cut to its last frame
 */
public record SamplingPlan(ClipWindow window, double fps, long frameCount, long startFrame, long endFrame,
        long[] indices, boolean clamped) {

    /**
     * Computes the frames of a window by the AVION rule.
     *
     * @param window     the clip window (its constructor already refuses {@code end ≤ start})
     * @param fps        frames per second (&gt; 0)
     * @param frameCount decodable frames in the video (&gt; 0)
     * @param frames     T, frames to sample (&gt; 0)
     * @param jitter     random source for training-time jitter, or null for the deterministic evaluation centres
     * @throws IllegalArgumentException if the window starts at or after the end of the video (the message names the
     *                                  clip, file, window times and video length)
     */
    public static SamplingPlan avion(ClipWindow window, double fps, long frameCount, int frames, Random jitter) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("invalid frame rate " + fps + " for clip " + window.clipId() + " ("
                    + window.video() + ")");
        }
        if (frameCount <= 0) {
            throw new IllegalArgumentException("video " + window.video() + " has no frames (clip " + window.clipId() + ")");
        }
        if (frames <= 0) {
            throw new IllegalArgumentException("frames to sample must be positive, got " + frames);
        }
        long a = frameAt(window.startSec(), fps);
        if (a >= frameCount) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "clip %s (%s): window [%s, %s] s starts at frame %d, after the end of the video (%d frames, %.3f s "
                            + "at %.3f fps)",
                    window.clipId(), window.video(), fmt(window.startSec()), fmt(window.endSec()), a, frameCount,
                    frameCount / fps, fps));
        }
        long b;
        boolean clamped = false;
        if (window.isOpenEnded()) {
            b = frameCount;
        } else {
            double raw = Math.rint(window.endSec() * fps);
            if (raw > frameCount) {
                b = frameCount;
                clamped = true;
            } else {
                b = (long) raw;
            }
        }
        if (b <= a) {
            b = a + 1;
        }
        long[] idx = new long[frames];
        long span = b - a;
        double seg = (double) (span - 1) / frames;
        for (int k = 0; k < frames; k++) {
            if (jitter == null) {
                idx[k] = a + Math.floorDiv((2L * k + 1) * span, 2L * frames);
            } else {
                double centre = a + (2.0 * k + 1) * span / (2.0 * frames);
                double shifted = centre + (jitter.nextDouble() - 0.5) * seg;
                idx[k] = Math.min(b - 1, Math.max(a, (long) Math.floor(shifted)));
            }
        }
        return new SamplingPlan(window, fps, frameCount, a, b, idx, clamped);
    }

    /**
     * The frame edge of a window time: {@code round(sec·fps)}, half to even (like {@code numpy.round}), as the AVION
     * rule maps window starts and ends. The player uses it too, so that its frames of a window are the sampler's.
     *
     * @param sec time, seconds (finite)
     * @param fps frames per second
     */
    public static long frameAt(double sec, double fps) {
        return Math.round(Math.rint(sec * fps));
    }

    /** The middle frame of the window (T = 1 without jitter), used for thumbnails. */
    public long middleFrame() {
        return startFrame + (endFrame - startFrame) / 2;
    }

    /** The sampled indices as {@code int[]} (videos here have fewer than 2³¹ frames). */
    int[] intIndices() {
        int[] out = new int[indices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(indices[i]);
        }
        return out;
    }

    private static String fmt(double seconds) {
        return Double.isInfinite(seconds) ? "end" : String.format(java.util.Locale.ROOT, "%.3f", seconds);
    }
}
