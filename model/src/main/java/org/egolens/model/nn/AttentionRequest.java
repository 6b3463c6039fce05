package org.egolens.model.nn;

import java.util.Arrays;

/**
 * What {@link Eva02AtClipModel#captureAttention} keeps of the video tower's attention probabilities
 * {@code softmax(q kᵀ / √d_h)}, per layer, for a clip batch of B clips with N = 1 + T·G² tokens (CLS first, then patches
 * frame-major).
 *
 * <ul>
 *   <li>Per-head rows: {@code (B, H, R, N)} per layer for R query tokens, or {@code (B, H, N, N)} when every row is
 *       requested ({@link #all()}).</li>
 *   <li>Head-mean matrices: {@code (B, N, N)} per layer (the mean over heads of every row), needed for attention rollout
 *       from any query token; kept when {@link #headMeanMatrices()} is true, always with {@link #all()}.</li>
 * </ul>
 * Memory is {@link #floatsNeeded} floats of Java heap; {@link #maxBytes()} bounds it (a capture that would need more is
 * refused before the forward pass). Examples: tiny (2 layers, 4 heads, N = 65): 36 KB per clip for everything; EVA02-AT-B
 * at T = 16 (12 layers, N = 3137): 472 MB for rollout matrices alone, 5.7 GB for every head row, so large models capture
 * the rows of one query token plus the head-mean matrices.
 *
 * @param queryTokens      token indices whose per-head rows are kept, sorted and distinct; null for every row
 * @param headMeanMatrices keep the full head-mean matrix of every layer
 * @param maxBytes         largest allowed capture, bytes
 */
public record AttentionRequest(int[] queryTokens, boolean headMeanMatrices, long maxBytes) {
    /** Default limit of {@link #maxBytes()}: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    /** @throws IllegalArgumentException for negative or duplicate token indices or a non-positive limit */
    public AttentionRequest {
        if (queryTokens != null) {
            queryTokens = queryTokens.clone();
            Arrays.sort(queryTokens);
            for (int i = 0; i < queryTokens.length; i++) {
                if (queryTokens[i] < 0 || (i > 0 && queryTokens[i] == queryTokens[i - 1])) {
                    throw new IllegalArgumentException("query tokens must be distinct indices >= 0, got "
                            + Arrays.toString(queryTokens));
                }
            }
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be > 0, got " + maxBytes);
        }
    }

    /** Every row of every head (and the head means), for small models. */
    public static AttentionRequest all() {
        return new AttentionRequest(null, true, DEFAULT_MAX_BYTES);
    }

    /** Per-head rows of the given query tokens plus the head-mean matrices (rollout from any token). */
    public static AttentionRequest rows(int... queryTokens) {
        return new AttentionRequest(queryTokens, true, DEFAULT_MAX_BYTES);
    }

    /** Per-head rows of the given query tokens only. */
    public static AttentionRequest rowsOnly(int... queryTokens) {
        return new AttentionRequest(queryTokens, false, DEFAULT_MAX_BYTES);
    }

    /** Same request with another memory limit. */
    public AttentionRequest withMaxBytes(long bytes) {
        return new AttentionRequest(queryTokens, headMeanMatrices, bytes);
    }

    /** True when every row is kept. */
    public boolean allRows() {
        return queryTokens == null;
    }

    /** Query tokens (a copy), null for all. */
    @Override
    public int[] queryTokens() {
        return queryTokens == null ? null : queryTokens.clone();
    }

    /**
     * Floats the capture holds for a tower of {@code layers} blocks with {@code heads} heads, {@code batch} clips and
     * {@code tokens} tokens.
     */
    public long floatsNeeded(int layers, int batch, int heads, int tokens) {
        long rows = queryTokens == null ? tokens : queryTokens.length;
        long perLayer = (long) batch * heads * rows * tokens;
        if (queryTokens == null || headMeanMatrices) {
            perLayer += (long) batch * tokens * tokens;
        }
        return layers * perLayer;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionRequest r && Arrays.equals(queryTokens, r.queryTokens)
                && headMeanMatrices == r.headMeanMatrices && maxBytes == r.maxBytes;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(queryTokens) + Boolean.hashCode(headMeanMatrices)) + Long.hashCode(maxBytes);
    }

    @Override
    public String toString() {
        return "AttentionRequest[" + (queryTokens == null ? "all rows" : "rows " + Arrays.toString(queryTokens))
                + (headMeanMatrices || queryTokens == null ? ", head-mean matrices" : "") + ", max " + maxBytes + " B]";
    }
}
