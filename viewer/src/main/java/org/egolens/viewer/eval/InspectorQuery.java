package org.egolens.viewer.eval;

import java.util.Objects;
import org.egolens.viewer.ClipItem;

/**
 * The query the relevancy inspector shows at its top.
 *
 * @param direction {@code V→T} or {@code T→V}
 * @param id        the query's {@code narration_id}
 * @param text      its narration (for a clip query, the clip's own narration)
 * @param ap        its AP (NaN when excluded)
 * @param ndcg      its nDCG (NaN when excluded)
 * @param clip      the query clip (V→T), or the sentence's own clip (T→V) when known; null otherwise
 * @param shown     candidates listed
 * @param total     candidates in all
 */
public record InspectorQuery(String direction, String id, String text, double ap, double ndcg, ClipItem clip,
                             int shown, int total) {
    /** Validates. */
    public InspectorQuery {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
