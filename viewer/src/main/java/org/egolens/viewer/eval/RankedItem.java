package org.egolens.viewer.eval;

import java.util.Objects;
import org.egolens.viewer.ClipItem;

/**
 * One candidate in the ranked list of the relevancy inspector.
 *
 * @param rank      1-based rank by descending similarity
 * @param id        the candidate's {@code narration_id}
 * @param text      the candidate's narration
 * @param score     its cosine similarity with the query
 * @param relevancy EK-100 relevancy of the pair, {@code [0, 1]}
 * @param own       true when this is the query's own pair (the clip's own sentence, or the sentence's own clip)
 * @param clip      the candidate clip for a thumbnail (T→V), or null for a sentence
 */
public record RankedItem(int rank, String id, String text, double score, double relevancy, boolean own, ClipItem clip) {
    /** Validates. */
    public RankedItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
