package org.egolens.model.data.ek100;

import java.util.List;
import java.util.Objects;

/**
 * One row of an EK-100 MIR sentence file. The test file ({@code EPIC_100_retrieval_test_sentence.csv}) has only
 * {@code narration_id, narration}; the train file also carries the class columns, held in {@link Labels}.
 *
 * <p>Caveat (docs §5.1): in the last rows of both official files the narration text is shifted by one row relative to
 * the id and class columns; evaluation therefore takes classes from the clip named by {@code narrationId} (test) or
 * from the class columns (train), never from the text.
 *
 * @param narrationId id of the clip whose narration this sentence is (a row of the clip file for test sentences)
 * @param narration   sentence text
 * @param labels      class columns of a train sentence file, or {@code null} for a test sentence file
 * @param line        1-based line of the file where the record starts; 0 when not read from a file
 */
public record Ek100Sentence(String narrationId, String narration, Labels labels, long line) {

    /**
     * Class columns of a train sentence file.
     *
     * @param verbClass   verb class id
     * @param nounClasses noun class ids ({@code noun_classes} column)
     * @param verb        verb instance
     * @param nouns       noun instances ({@code nouns} column)
     */
    public record Labels(int verbClass, List<Integer> nounClasses, String verb, List<String> nouns) {
        /** Copies the lists. @throws IllegalArgumentException on a negative class id */
        public Labels {
            Objects.requireNonNull(verb, "verb");
            nounClasses = List.copyOf(nounClasses);
            nouns = List.copyOf(nouns);
            if (verbClass < 0 || nounClasses.stream().anyMatch(c -> c < 0)) {
                throw new IllegalArgumentException("negative class id");
            }
        }
    }

    /** Validates the id and text. */
    public Ek100Sentence {
        Objects.requireNonNull(narrationId, "narrationId");
        Objects.requireNonNull(narration, "narration");
        if (narrationId.isEmpty()) {
            throw new IllegalArgumentException("empty narration_id");
        }
    }

    /** A test-file sentence made in code. */
    public Ek100Sentence(String narrationId, String narration) {
        this(narrationId, narration, null, 0);
    }

    /** True for a train-file sentence that carries its own class columns. */
    public boolean hasLabels() {
        return labels != null;
    }
}
