package org.egolens.model.inspect;

/**
 * The token layout of the video tower: token 0 is CLS, token {@code 1 + t·G² + h·G + w} the patch at frame t, row h,
 * column w (frame-major, as the patch embedding emits them).
 *
 * @param frames T, frames of the clip
 * @param grid   G, patches per side of a frame
 */
public record TokenGrid(int frames, int grid) {
    /** @throws IllegalArgumentException if T or G is not positive */
    public TokenGrid {
        if (frames <= 0 || grid <= 0) {
            throw new IllegalArgumentException("token grid needs T > 0 and G > 0, got T = " + frames + ", G = " + grid);
        }
    }

    /** G², patches per frame. */
    public int patchesPerFrame() {
        return grid * grid;
    }

    /** T·G², patch tokens. */
    public int patches() {
        return frames * grid * grid;
    }

    /** N = 1 + T·G², all tokens. */
    public int tokens() {
        return 1 + patches();
    }

    /**
     * The token index of a query.
     *
     * @throws IllegalArgumentException if the patch lies outside the grid
     */
    public int index(QueryToken q) {
        if (q.isCls()) {
            return 0;
        }
        if (!contains(q)) {
            throw new IllegalArgumentException("patch " + q + " lies outside the " + frames + " x " + grid + " x " + grid
                    + " grid (t, h, w)");
        }
        return 1 + (q.t() * grid + q.h()) * grid + q.w();
    }

    /** True when the query is CLS or a patch inside the grid. */
    public boolean contains(QueryToken q) {
        return q.isCls() || (q.t() < frames && q.h() < grid && q.w() < grid);
    }

    /**
     * The query of a token index.
     *
     * @throws IllegalArgumentException if the index is outside 0..N−1
     */
    public QueryToken token(int index) {
        if (index < 0 || index >= tokens()) {
            throw new IllegalArgumentException("token " + index + " outside 0.." + (tokens() - 1));
        }
        if (index == 0) {
            return QueryToken.CLS;
        }
        int p = index - 1;
        return QueryToken.patch(p / patchesPerFrame(), (p / grid) % grid, p % grid);
    }
}
