package org.egolens.model.retrieval;

import java.nio.file.Path;

/**
 * A clip an index build could not embed.
 *
 * @param clipId   the clip
 * @param video    its video file
 * @param startSec requested window start, seconds
 * @param endSec   requested window end, seconds ({@code +∞} = to the end)
 * @param reason   why, e.g. the decoder's error message
 */
public record SkippedClip(String clipId, Path video, double startSec, double endSec, String reason) {}
