package org.egolens.model.eval;

import java.util.Locale;
import java.util.Objects;

/**
 * One line of EGTEA Gaze+ {@code action_idx.txt}: {@code Action_Name idx} (docs §5.4).
 *
 * @param index position in the file (the score/label column)
 * @param id    the action number written in the file (referenced by the split files)
 * @param name  the raw action name, e.g. {@code Take_bowl}
 */
public record EgteaAction(int index, int id, String name) {
    /** Validates the fields. */
    public EgteaAction {
        Objects.requireNonNull(name, "name");
    }

    /** Text prompt: underscores to spaces, lower case (as the reference zero-shot evaluation), e.g. {@code take bowl}. */
    public String prompt() {
        return name.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
