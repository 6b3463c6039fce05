package org.egolens.model.inspect;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.egolens.model.nn.AttentionCapture;

/**
 * The attention of one clip, as patch maps for a layer, a {@link HeadSelection} and a {@link QueryToken}. Built on an
 * {@link AttentionCapture} (clip 0 of its batch). Rollout rows are computed on first use and cached. Thread-safe.
 */
public final class AttentionMaps {
    private final AttentionCapture capture;
    private final TokenGrid grid;
    private final int clip;
    private final Map<Long, float[]> rollout = new HashMap<>();

    /**
     * @param capture the captured probabilities
     * @param grid    the clip's token layout (must have {@code capture.tokens()} tokens)
     * @param clip    which clip of the captured batch
     * @throws IllegalArgumentException if the grid does not match the capture
     */
    public AttentionMaps(AttentionCapture capture, TokenGrid grid, int clip) {
        this.capture = Objects.requireNonNull(capture, "capture");
        this.grid = Objects.requireNonNull(grid, "grid");
        if (grid.tokens() != capture.tokens()) {
            throw new IllegalArgumentException("token grid " + grid + " has " + grid.tokens() + " tokens, the capture "
                    + capture.tokens());
        }
        if (clip < 0 || clip >= capture.batch()) {
            throw new IllegalArgumentException("clip " + clip + " outside the captured batch of " + capture.batch());
        }
        this.clip = clip;
    }

    /** The token layout. */
    public TokenGrid grid() {
        return grid;
    }

    /** Number of layers. */
    public int layers() {
        return capture.layers();
    }

    /** Heads per layer. */
    public int heads() {
        return capture.heads();
    }

    /** The underlying capture. */
    public AttentionCapture capture() {
        return capture;
    }

    /**
     * True when the map of {@code selection} from {@code query} can be shown without another forward pass: per-head
     * maps need the query's captured row; mean and rollout maps need the head-mean matrices (or, for the mean, the row).
     */
    public boolean supports(HeadSelection selection, QueryToken query) {
        if (!grid.contains(query)) {
            return false;
        }
        int q = grid.index(query);
        return switch (selection.kind()) {
            case HEAD -> selection.head() < heads() && capture.hasRow(q);
            case MEAN -> capture.hasHeadMeanMatrices() || capture.hasRow(q);
            case ROLLOUT -> capture.hasHeadMeanMatrices();
        };
    }

    /**
     * The full attention row {@code (N)} of the query at a layer.
     *
     * @throws IllegalArgumentException if the layer, head or query is out of range or not captured
     */
    public float[] row(int layer, HeadSelection selection, QueryToken query) {
        int q = grid.index(query);
        return switch (selection.kind()) {
            case HEAD -> capture.row(layer, clip, selection.head(), q);
            case MEAN -> capture.headMeanRow(layer, clip, q);
            case ROLLOUT -> rolloutRow(layer, q);
        };
    }

    /** {@link #row} laid out on the patches. */
    public PatchMap map(int layer, HeadSelection selection, QueryToken query) {
        return PatchMap.ofRow(grid, query, row(layer, selection, query));
    }

    private synchronized float[] rolloutRow(int layer, int q) {
        if (layer < 0 || layer >= layers()) {
            throw new IllegalArgumentException("layer " + layer + " outside 0.." + (layers() - 1));
        }
        long key = (long) layer * grid.tokens() + q;
        float[] r = rollout.get(key);
        if (r == null) {
            if (!capture.hasHeadMeanMatrices()) {
                throw new IllegalArgumentException("rollout needs the head-mean matrices, which were not captured ("
                        + capture.request() + ")");
            }
            r = AttentionRollout.row((l, i) -> capture.headMeanRow(l, clip, i), grid.tokens(), q, layer);
            rollout.put(key, r);
        }
        return r.clone();
    }
}
