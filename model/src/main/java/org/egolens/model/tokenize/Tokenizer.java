package org.egolens.model.tokenize;

import java.util.List;

/** Turns narrations into fixed-length token id rows for the text encoder. */
public interface Tokenizer {
    /**
     * Encodes texts.
     *
     * @return {@code (N, contextLength)} token ids, zero padded
     */
    long[][] encode(List<String> texts);

    /** Tokens per row (77 for CLIP). */
    int contextLength();

    /**
     * Tokens {@code text} takes before truncation to {@link #contextLength()}, start and end markers included.
     *
     * @return the count; −1 when this tokenizer cannot tell
     */
    default int tokenCount(String text) {
        return -1;
    }

    /** Number of distinct token ids: every id {@link #encode} writes lies in {@code [0, vocabularySize())} (CLIP: 49,408). */
    int vocabularySize();
}
