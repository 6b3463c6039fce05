package org.egolens.model.retrieval;

/**
 * A ranked clip.
 *
 * @param rank  1-based rank (1 = most similar)
 * @param index row of the clip in its {@link EmbeddingIndex}
 * @param entry the clip
 * @param score cosine similarity of the L2-normalised embeddings, in [-1, 1]
 */
public record SearchHit(int rank, int index, IndexEntry entry, float score) {}
