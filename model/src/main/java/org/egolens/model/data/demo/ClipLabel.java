package org.egolens.model.data.demo;

import java.util.List;
import java.util.Objects;

/**
 * What a demo clip shows, in EK-100 terms: a verb form and its nouns (acted-on object first).
 *
 * @param action the verb form
 * @param nouns  {@code action.arity()} distinct nouns, acted-on object first (EK-100 {@code all_nouns} order)
 */
public record ClipLabel(Action action, List<Noun> nouns) {
    /** @throws IllegalArgumentException if the noun count does not match the action or a noun repeats */
    public ClipLabel {
        Objects.requireNonNull(action, "action");
        nouns = List.copyOf(nouns);
        if (nouns.size() != action.arity() || nouns.stream().distinct().count() != nouns.size()) {
            throw new IllegalArgumentException("label " + action + " needs " + action.arity() + " distinct nouns, got " + nouns);
        }
    }

    /** Convenience factory. */
    public static ClipLabel of(Action action, Noun... nouns) {
        return new ClipLabel(action, List.of(nouns));
    }

    /** The narration, e.g. {@code "put spoon in bowl"}. */
    public String narration() {
        return action.narrate(nouns.toArray(Noun[]::new));
    }

    /** The {@code verb} column value. */
    public String verb() {
        return action.verb();
    }

    /** The {@code verb_class} id. */
    public int verbClass() {
        return action.verbClass().classId();
    }

    /** The main noun (EK-100 {@code noun}): the acted-on object. */
    public Noun noun() {
        return nouns.get(0);
    }

    /** The {@code noun_class} id of the main noun. */
    public int nounClass() {
        return noun().classId();
    }

    /** The {@code all_noun_classes} ids in {@code all_nouns} order. */
    public int[] allNounClasses() {
        return nouns.stream().mapToInt(Noun::classId).toArray();
    }

    /** The label of the same nouns under the mirror verb form (what this clip shows when played backwards). */
    public ClipLabel mirror() {
        return new ClipLabel(action.mirror(), nouns);
    }
}
