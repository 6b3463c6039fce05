package org.egolens.model.eval;

import java.util.Objects;

/**
 * One entry of the {@code actions} column of a Charades(-Ego) CSV: {@code cNNN start end} (seconds).
 *
 * @param classId  class id, e.g. {@code c092}
 * @param startSec start, seconds
 * @param endSec   end, seconds
 */
public record CharadesAction(String classId, double startSec, double endSec) {
    /** Validates the fields. */
    public CharadesAction {
        Objects.requireNonNull(classId, "classId");
    }
}
