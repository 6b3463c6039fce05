package org.egolens.model.retrieval;

/**
 * How many clips each stage of {@link QuantizedSearcher} keeps.
 *
 * <p>{@code C₂ = min(N, max(minCandidates, ⌈rerankFraction · N⌉))} clips are re-scored with the exact cosine, and the
 * Hamming pass keeps {@code C₁ = min(N, filterFactor · C₂)} clips for the bit-weighted estimate that picks those C₂.
 * With {@code rerankFraction = 1} every clip is re-scored, so the search is exact.
 *
 * <p>Recall@10 grows with both and is data dependent: on isotropic random 256-d unit vectors (the hardest case, the
 * benchmark's) the defaults measured recall@10 0.967 at N = 10⁵ (C₂ = 2,500) and 0.954 at N = 10⁶ (C₂ = 8,000), with
 * p95 latencies of 3.1 and 17.7 ms on 2 cores ({@code BENCHMARKS.md}, search section); real clip embeddings, which
 * cluster, need fewer candidates.
 *
 * @param rerankFraction share of the index re-scored exactly, in (0, 1]
 * @param filterFactor   C₁ / C₂, ≥ 1
 * @param minCandidates  floor on C₂ for small indexes, ≥ 1
 */
public record QuantizedSearchParams(double rerankFraction, int filterFactor, int minCandidates) {
    /** Default {@link #filterFactor}. */
    public static final int DEFAULT_FILTER_FACTOR = 12;

    /** @throws IllegalArgumentException if the fraction is not in (0, 1] or a count is below 1 */
    public QuantizedSearchParams {
        if (!(rerankFraction > 0 && rerankFraction <= 1)) {
            throw new IllegalArgumentException("rerankFraction must be in (0, 1], got " + rerankFraction);
        }
        if (filterFactor < 1) {
            throw new IllegalArgumentException("filterFactor must be at least 1, got " + filterFactor);
        }
        if (minCandidates < 1) {
            throw new IllegalArgumentException("minCandidates must be at least 1, got " + minCandidates);
        }
    }

    /** {@code rerankFraction} with the default filter factor and a floor of 1. */
    public static QuantizedSearchParams rerank(double rerankFraction) {
        return new QuantizedSearchParams(rerankFraction, DEFAULT_FILTER_FACTOR, 1);
    }

    /** C₂ = 0.8 % of N (at least 2,500), C₁ = 12 · C₂. */
    public static QuantizedSearchParams defaults() {
        return new QuantizedSearchParams(0.008, DEFAULT_FILTER_FACTOR, 2500);
    }

    /** C₂, the clips re-scored exactly, for an index of {@code n} clips. */
    public int candidates(int n) {
        long c = Math.max(minCandidates, (long) Math.ceil(rerankFraction * n));
        return (int) Math.min(n, c);
    }

    /** C₁, the clips kept by the Hamming pass, for an index of {@code n} clips. */
    public int filtered(int n) {
        return (int) Math.min(n, (long) filterFactor * candidates(n));
    }
}
