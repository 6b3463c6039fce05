package org.egolens.model.eval;

import java.util.Objects;

/**
 * One line of {@code Charades_v1_classes.txt}: {@code cNNN <class text>} (docs §5.3).
 *
 * @param index position in the file (the score/label column)
 * @param id    class id, e.g. {@code c000}
 * @param name  class text, e.g. {@code Holding some clothes}
 */
public record CharadesClass(int index, String id, String name) {
    /** Validates the fields. */
    public CharadesClass {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
