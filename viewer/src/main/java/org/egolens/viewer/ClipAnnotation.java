package org.egolens.viewer;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What an annotation file says a clip shows (EPIC-KITCHENS-100 columns {@code narration}, {@code verb},
 * {@code all_nouns}), for display and filtering.
 *
 * @param narration free-text narration, e.g. {@code "put spoon in bowl"} (empty when the file has none)
 * @param verb      the {@code verb} value, e.g. {@code "put-in"} (empty when unknown)
 * @param nouns     the {@code all_nouns} values in file order, acted-on object first, e.g. {@code [spoon, bowl]}
 */
public record ClipAnnotation(String narration, String verb, List<String> nouns) {
    /** Null text becomes empty; copies the nouns. @throws NullPointerException if a noun is null */
    public ClipAnnotation {
        narration = narration == null ? "" : narration;
        verb = verb == null ? "" : verb;
        nouns = nouns == null ? List.of() : List.copyOf(nouns);
    }

    /** A narration without classes (e.g. from a file with only a {@code narration} column). */
    public static ClipAnnotation narrationOnly(String narration) {
        return new ClipAnnotation(narration, "", List.of());
    }

    /** True if {@code noun} is one of the nouns. */
    public boolean hasNoun(String noun) {
        return nouns.contains(noun);
    }

    /** E.g. {@code "put-in · spoon, bowl"}; empty when neither verb nor nouns are known. */
    public String classesText() {
        String n = String.join(", ", nouns);
        if (verb.isEmpty()) {
            return n;
        }
        return n.isEmpty() ? verb : verb + " \u00b7 " + n;
    }

    /** Lower-cased narration, verb and nouns, for text search. */
    String searchText() {
        return (narration + " " + verb + " " + String.join(" ", nouns)).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return Objects.toString(narration) + (classesText().isEmpty() ? "" : " [" + classesText() + "]");
    }
}
