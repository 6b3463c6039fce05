package org.egolens.model.data;

import java.util.Arrays;

/**
 * A decoded model input clip together with where it came from.
 *
 * @param plan         the frames the window asked for (AVION rule; says whether the window was clamped at the end)
 * @param frames       the normalised pixels, {@code (1, 3, T, S, S)}
 * @param frameIndices the frame actually decoded for each of the T slots: equal to {@code plan.indices()} unless the
 *                     stream ended early, when the last decodable frame stands in; do not modify
 */
public record SampledClip(SamplingPlan plan, FrameBatch frames, long[] frameIndices) {

    /** The clip id of the window. */
    public String clipId() {
        return plan.window().clipId();
    }

    /**
     * True when the clip does not cover exactly the requested window: the window overhung the end of the video, or
     * the decoder ended before a planned frame.
     */
    public boolean clamped() {
        return plan.clamped() || !Arrays.equals(plan.indices(), frameIndices);
    }
}
