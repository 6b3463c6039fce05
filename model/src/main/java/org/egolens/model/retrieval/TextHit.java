package org.egolens.model.retrieval;

/**
 * A ranked narration (clip→text, V→T).
 *
 * @param rank      1-based rank (1 = most similar)
 * @param textIndex position of the narration in the list that was ranked
 * @param text      the narration
 * @param score     cosine similarity, in [-1, 1]
 */
public record TextHit(int rank, int textIndex, String text, float score) {}
