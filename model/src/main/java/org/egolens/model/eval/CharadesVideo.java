package org.egolens.model.eval;

import java.util.List;
import java.util.Objects;

/**
 * One row of {@code CharadesEgo_v1_{train,test}[_only1st].csv} (the columns the evaluation uses, docs §5.3).
 *
 * @param id        video id, e.g. {@code 005BUEGO}
 * @param script    the script text
 * @param actions   labelled action segments (empty for an unlabelled video)
 * @param lengthSec video length, seconds
 * @param line      1-based line of the file where the record starts
 */
public record CharadesVideo(String id, String script, List<CharadesAction> actions, double lengthSec, long line) {
    /** Copies the list. */
    public CharadesVideo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(script, "script");
        actions = List.copyOf(actions);
    }
}
