/**
 * Embedding index and search over clips.
 *
 * <p>{@link org.egolens.model.retrieval.EmbeddingIndex} holds L2-normalised clip embeddings {@code (N, D)} with one
 * {@link org.egolens.model.retrieval.IndexEntry} per row and answers text→clip (T→V), clip→clip (V→V) and clip→text (V→T)
 * queries by cosine similarity with an exact, brute-force top-k. {@link org.egolens.model.retrieval.IndexFile} reads and
 * writes the {@code .idx} file; {@link org.egolens.model.retrieval.IndexBuilder} decodes and embeds a list of clips into
 * an index, resumably.
 *
 * <p>Depends on {@code model.api} and {@code model.data} only (no JavaFX, no DJL types).
 */
package org.egolens.model.retrieval;
