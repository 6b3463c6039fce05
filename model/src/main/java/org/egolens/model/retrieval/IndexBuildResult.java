package org.egolens.model.retrieval;

/**
 * Outcome of a completed {@link IndexBuilder#build}.
 *
 * @param index  the index, as written to the index file
 * @param report what was embedded, reused and skipped
 */
public record IndexBuildResult(EmbeddingIndex index, IndexReport report) {}
