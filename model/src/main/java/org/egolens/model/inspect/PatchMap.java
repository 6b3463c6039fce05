package org.egolens.model.inspect;

import java.util.Arrays;

/**
 * One attention row laid out on the clip's patches: the weight the query gives to each of the T·G² patch tokens, plus
 * the weight on the CLS key (not a place in the frame). For a probability row the patch weights and {@link #clsWeight()}
 * sum to 1.
 *
 * @param grid      the token layout
 * @param query     the query token
 * @param values    T·G² weights, index {@code t·G² + h·G + w}
 * @param clsWeight weight on the CLS key
 */
public record PatchMap(TokenGrid grid, QueryToken query, float[] values, float clsWeight) {
    /** @throws IllegalArgumentException if the values do not match the grid */
    public PatchMap {
        if (values.length != grid.patches()) {
            throw new IllegalArgumentException("patch map has " + values.length + " values, the grid " + grid.patches());
        }
        values = values.clone();
    }

    /**
     * The map of a full token row {@code (N)}: CLS weight from entry 0, patches from the rest.
     *
     * @throws IllegalArgumentException if the row length is not N
     */
    public static PatchMap ofRow(TokenGrid grid, QueryToken query, float[] row) {
        if (row.length != grid.tokens()) {
            throw new IllegalArgumentException("attention row has " + row.length + " values, the grid " + grid.tokens()
                    + " tokens");
        }
        return new PatchMap(grid, query, Arrays.copyOfRange(row, 1, row.length), row[0]);
    }

    /** Weight of the patch at (t, h, w). */
    public float at(int t, int h, int w) {
        return values[(t * grid.grid() + h) * grid.grid() + w];
    }

    /** The G² weights of frame t, row-major. */
    public float[] frame(int t) {
        int g2 = grid.patchesPerFrame();
        return Arrays.copyOfRange(values, t * g2, (t + 1) * g2);
    }

    /** Largest patch weight. */
    public float max() {
        float m = 0;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Smallest patch weight. */
    public float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** Sum of the patch weights (without CLS). */
    public double patchMass() {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    /** Sum of the patch weights of frame t. */
    public double frameMass(int t) {
        double s = 0;
        for (float v : frame(t)) {
            s += v;
        }
        return s;
    }

    /** Copy of the weights. */
    @Override
    public float[] values() {
        return values.clone();
    }
}
