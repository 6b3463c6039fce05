package org.egolens.viewer;

import java.util.Objects;

/**
 * A ranked clip in a result list.
 *
 * @param rank  1-based rank
 * @param score cosine similarity in [-1, 1]
 * @param clip  the clip
 */
public record SearchResult(int rank, float score, ClipItem clip) {
    /** @throws NullPointerException if clip is null */
    public SearchResult {
        Objects.requireNonNull(clip, "clip");
    }
}
