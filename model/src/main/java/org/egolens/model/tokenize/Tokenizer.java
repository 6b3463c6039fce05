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

    /** Number of distinct token ids: every id {@link #encode} writes lies in {@code [0, vocabularySize())} (CLIP: 49,408). */
    int vocabularySize();
}
