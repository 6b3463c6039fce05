package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Attention probabilities of the video tower captured during one forward pass ({@link Eva02AtClipModel#captureAttention}):
 * the exact {@code softmax(q kᵀ)} rows that multiply v in every block (q scaled by {@code d_h^−1/2}, RoPE applied), copied
 * to Java arrays as the blocked attention of {@code EvaAttention} produces them. What is kept is set by an
 * {@link AttentionRequest}. Token index 0 is CLS, token {@code 1 + t·G² + h·G + w} the patch at frame t, row h, column w.
 *
 * <p>Filled by the forward pass, read-only afterwards. Not thread-safe while filling.
 */
public final class AttentionCapture {
    /** Forward-parameter key under which a block finds its layer's {@link LayerTap}. */
    static final String PARAM = "egolens.attention.tap";

    private final AttentionRequest request;
    private final int layers;
    private final int batch;
    private final int heads;
    private final int tokens;
    private final int[] rows;
    private final int[] rowOfToken;
    private final float[][] perHead;
    private final float[][] headMean;
    private final IntConsumer layerDone;
    private int finishedLayers;

    /**
     * An empty capture for a forward pass.
     *
     * @param layerDone called with the layer index after each block (progress); may be null
     * @throws IllegalArgumentException if a query token is ≥ {@code tokens} or the capture exceeds the request's limit
     */
    AttentionCapture(AttentionRequest request, int layers, int batch, int heads, int tokens, IntConsumer layerDone) {
        this.request = Objects.requireNonNull(request, "request");
        long bytes = 4 * request.floatsNeeded(layers, batch, heads, tokens);
        if (bytes > request.maxBytes()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "attention capture of %s needs %.1f MB for %d layers, %d heads, %d clip(s) of %d tokens, above the "
                            + "limit of %.1f MB; capture fewer rows, skip the head-mean matrices or use fewer frames",
                    request, bytes / 1e6, layers, heads, batch, tokens, request.maxBytes() / 1e6));
        }
        this.layers = layers;
        this.batch = batch;
        this.heads = heads;
        this.tokens = tokens;
        if (request.allRows()) {
            rows = new int[tokens];
            Arrays.setAll(rows, i -> i);
        } else {
            rows = request.queryTokens();
        }
        rowOfToken = new int[tokens];
        Arrays.fill(rowOfToken, -1);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] >= tokens) {
                throw new IllegalArgumentException("query token " + rows[r] + " outside the " + tokens + " tokens");
            }
            rowOfToken[rows[r]] = r;
        }
        perHead = new float[layers][];
        headMean = request.allRows() || request.headMeanMatrices() ? new float[layers][] : null;
        this.layerDone = layerDone;
    }

    /** The request this capture follows. */
    public AttentionRequest request() {
        return request;
    }

    /** Number of blocks (layers) captured. */
    public int layers() {
        return layers;
    }

    /** B, clips in the batch. */
    public int batch() {
        return batch;
    }

    /** H, heads per layer. */
    public int heads() {
        return heads;
    }

    /** N, tokens (keys) per row: 1 + T·G². */
    public int tokens() {
        return tokens;
    }

    /** Token indices whose per-head rows are held, ascending (every token for a full capture). */
    public int[] queryTokens() {
        return rows.clone();
    }

    /** True when the per-head rows of {@code token} are held. */
    public boolean hasRow(int token) {
        return token >= 0 && token < tokens && rowOfToken[token] >= 0;
    }

    /** True when the head-mean matrices are held (rollout from any token is possible). */
    public boolean hasHeadMeanMatrices() {
        return headMean != null;
    }

    /**
     * The attention of query {@code token} over all N keys in one head: a probability row (sums to 1).
     *
     * @throws IllegalArgumentException if the row was not captured or an index is out of range
     */
    public float[] row(int layer, int clip, int head, int token) {
        check(layer, clip);
        if (head < 0 || head >= heads) {
            throw new IllegalArgumentException("head " + head + " outside 0.." + (heads - 1));
        }
        if (!hasRow(token)) {
            throw new IllegalArgumentException("the per-head row of token " + token + " was not captured (" + request
                    + ")");
        }
        int from = ((clip * heads + head) * rows.length + rowOfToken[token]) * tokens;
        return Arrays.copyOfRange(perHead[layer], from, from + tokens);
    }

    /**
     * The mean over heads of query {@code token}'s rows, {@code (N)}.
     *
     * @throws IllegalArgumentException if neither the head-mean matrices nor the token's rows were captured
     */
    public float[] headMeanRow(int layer, int clip, int token) {
        check(layer, clip);
        if (headMean != null) {
            if (token < 0 || token >= tokens) {
                throw new IllegalArgumentException("token " + token + " outside 0.." + (tokens - 1));
            }
            int from = (clip * tokens + token) * tokens;
            return Arrays.copyOfRange(headMean[layer], from, from + tokens);
        }
        float[] mean = new float[tokens];
        for (int h = 0; h < heads; h++) {
            float[] r = row(layer, clip, h, token);
            for (int j = 0; j < tokens; j++) {
                mean[j] += r[j] / heads;
            }
        }
        return mean;
    }

    /**
     * The head-mean matrix of a layer, {@code (N, N)} row-major (row = query token).
     *
     * @throws IllegalArgumentException if the matrices were not captured
     */
    public float[] headMeanMatrix(int layer, int clip) {
        check(layer, clip);
        if (headMean == null) {
            throw new IllegalArgumentException("head-mean matrices were not captured (" + request + ")");
        }
        int from = clip * tokens * tokens;
        return Arrays.copyOfRange(headMean[layer], from, from + tokens * tokens);
    }

    private void check(int layer, int clip) {
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("layer " + layer + " outside 0.." + (layers - 1));
        }
        if (clip < 0 || clip >= batch) {
            throw new IllegalArgumentException("clip " + clip + " outside 0.." + (batch - 1));
        }
        if (perHead[layer] == null) {
            throw new IllegalStateException("layer " + layer + " has not been captured yet");
        }
    }

    /** True once every layer was captured. */
    public boolean complete() {
        return finishedLayers == layers;
    }

    /** The forward parameters that hand layer {@code layer}'s tap to its block. */
    PairList<String, Object> params(int layer) {
        PairList<String, Object> p = new PairList<>();
        p.add(PARAM, new LayerTap(layer));
        return p;
    }

    /** The tap in a block's forward parameters, or null when the pass does not capture. */
    static LayerTap tapOf(PairList<String, Object> params) {
        if (params == null) {
            return null;
        }
        Object o = params.get(PARAM);
        return o instanceof LayerTap t ? t : null;
    }

    /** Receives the probability blocks of one layer, in query-row order. */
    final class LayerTap {
        private final int layer;

        private LayerTap(int layer) {
            this.layer = layer;
        }

        /**
         * Copies what the request keeps of one block of query rows.
         *
         * @param rowStart first query row of the block
         * @param probs    {@code (B, H, rows, N)} probabilities
         */
        void accept(long rowStart, NDArray probs) {
            long[] s = probs.getShape().getShape();
            if (s.length != 4 || s[0] != batch || s[1] != heads || s[3] != tokens) {
                throw new IllegalStateException("attention block of shape " + probs.getShape() + " does not fit a capture of "
                        + batch + " clip(s), " + heads + " heads, " + tokens + " tokens");
            }
            int n = (int) s[2];
            int start = (int) rowStart;
            if (perHead[layer] == null) {
                perHead[layer] = new float[batch * heads * rows.length * tokens];
                if (headMean != null) {
                    headMean[layer] = new float[batch * tokens * tokens];
                }
            }
            float[] dst = perHead[layer];
            if (request.allRows()) {
                float[] blk = probs.toFloatArray();
                for (int bh = 0; bh < batch * heads; bh++) {
                    System.arraycopy(blk, bh * n * tokens, dst, (bh * tokens + start) * tokens, n * tokens);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    int r = rowOfToken[start + i];
                    if (r < 0) {
                        continue;
                    }
                    try (NDArray one = probs.get(new NDIndex(":, :, {}, :", i))) {
                        float[] v = one.toFloatArray(); // (B, H, N)
                        for (int bh = 0; bh < batch * heads; bh++) {
                            System.arraycopy(v, bh * tokens, dst, (bh * rows.length + r) * tokens, tokens);
                        }
                    }
                }
            }
            if (headMean != null) {
                try (NDArray mean = probs.mean(new int[] {1})) { // (B, rows, N)
                    float[] m = mean.toFloatArray();
                    for (int b = 0; b < batch; b++) {
                        System.arraycopy(m, b * n * tokens, headMean[layer], (b * tokens + start) * tokens, n * tokens);
                    }
                }
            }
        }

        /** Called once the layer's attention is complete. */
        void finish() {
            finishedLayers++;
            if (layerDone != null) {
                layerDone.accept(layer);
            }
        }
    }
}
