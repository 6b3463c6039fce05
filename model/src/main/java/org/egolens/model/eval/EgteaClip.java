package org.egolens.model.eval;

import java.util.Objects;

/**
 * One line of an EGTEA Gaze+ split file ({@code test_split1.txt}): {@code clip_id action_idx verb_idx noun_idx}.
 *
 * @param clipId   e.g. {@code OP01-R01-PastaSalad-1002316-1004005-F024051-F024101}
 * @param actionId action number (an {@link EgteaAction#id()})
 * @param verbId   verb number
 * @param nounId   noun number
 * @param line     1-based line in the file
 */
public record EgteaClip(String clipId, int actionId, int verbId, int nounId, long line) {
    /** Validates the id. */
    public EgteaClip {
        Objects.requireNonNull(clipId, "clipId");
    }

    /** The video (recipe session) the clip belongs to: the first three {@code -}-separated parts of the clip id. */
    public String videoId() {
        String[] p = clipId.split("-");
        return p.length < 3 ? clipId : p[0] + "-" + p[1] + "-" + p[2];
    }
}
