package org.egolens.model.eval;

import java.util.List;
import java.util.Objects;

/**
 * One EgoMCQ question: pick which of the candidate clips the query narration describes (docs §5.2).
 *
 * @param key     the question's key in {@code egomcq.json} ({@code "0"}, {@code "1"}, …)
 * @param query   the query clip; its {@code clipText} is the text to embed
 * @param choices the candidate clips in index order (5 in EgoMCQ)
 * @param answer  index of the correct candidate
 * @param type    inter- or intra-video
 */
public record EgoMcqQuestion(String key, EgoMcqClip query, List<EgoMcqClip> choices, int answer, EgoMcqType type) {
    /** Validates the answer index. @throws IllegalArgumentException if it is outside the choices */
    public EgoMcqQuestion {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
        if (answer < 0 || answer >= choices.size()) {
            throw new IllegalArgumentException("answer " + answer + " is not one of the " + choices.size() + " choices");
        }
    }
}
