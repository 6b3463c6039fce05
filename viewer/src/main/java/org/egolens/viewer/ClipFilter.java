package org.egolens.viewer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which clips a clip list shows: every word of a search text (case-insensitive, found in the clip id, narration, verb
 * or nouns), and optionally one verb and one noun of the annotation. A clip without annotation passes only the text
 * part (matched against its id) and only when no verb or noun is chosen.
 *
 * @param text free text, e.g. {@code "spoon bowl"}; blank matches every clip
 * @param verb a {@code verb} value that must match exactly, or empty for any verb
 * @param noun a noun that must be among the clip's nouns, or empty for any noun
 */
public record ClipFilter(String text, String verb, String noun) implements Predicate<ClipItem> {
    /** The filter that shows every clip. */
    public static final ClipFilter NONE = new ClipFilter("", "", "");

    /** Null becomes empty; text and choices are trimmed. */
    public ClipFilter {
        text = text == null ? "" : text.strip();
        verb = verb == null ? "" : verb.strip();
        noun = noun == null ? "" : noun.strip();
    }

    /** Copy with another text. */
    public ClipFilter withText(String t) {
        return new ClipFilter(t, verb, noun);
    }

    /** Copy with another verb (empty = any). */
    public ClipFilter withVerb(String v) {
        return new ClipFilter(text, v, noun);
    }

    /** Copy with another noun (empty = any). */
    public ClipFilter withNoun(String n) {
        return new ClipFilter(text, verb, n);
    }

    /** True when every clip passes. */
    public boolean isEmpty() {
        return text.isEmpty() && verb.isEmpty() && noun.isEmpty();
    }

    /** The lower-case words of the text. */
    public List<String> words() {
        return text.isEmpty() ? List.of()
                : Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    @Override
    public boolean test(ClipItem clip) {
        ClipAnnotation a = clip.annotation();
        if (!verb.isEmpty() && (a == null || !a.verb().equals(verb))) {
            return false;
        }
        if (!noun.isEmpty() && (a == null || !a.hasNoun(noun))) {
            return false;
        }
        List<String> words = words();
        if (words.isEmpty()) {
            return true;
        }
        String haystack = clip.clipId().toLowerCase(Locale.ROOT) + " " + (a == null ? "" : a.searchText());
        return words.stream().allMatch(haystack::contains);
    }
}
