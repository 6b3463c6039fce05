package org.egolens.viewer.eval;

import java.util.Objects;

/**
 * One query of a retrieval evaluation as the per-query table shows it.
 *
 * @param index query index (a clip row for V→T, a sentence column for T→V)
 * @param id    its {@code narration_id}
 * @param text  its narration
 * @param ap    average precision (NaN when the query is excluded)
 * @param ndcg  nDCG (NaN when excluded)
 */
public record QueryScore(int index, String id, String text, double ap, double ndcg) {
    /** Validates. */
    public QueryScore {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
