package org.egolens.model.eval.run;

/**
 * One candidate in the ranked list of a query.
 *
 * @param rank      1-based rank (descending similarity; ties: higher index first, as the metrics rank)
 * @param index     candidate index: a sentence column for V→T, a clip row for T→V
 * @param score     cosine similarity of query and candidate
 * @param relevancy EK-100 relevancy of the pair, in {@code [0, 1]} (docs §2.5)
 */
public record RankedCandidate(int rank, int index, double score, double relevancy) {}
