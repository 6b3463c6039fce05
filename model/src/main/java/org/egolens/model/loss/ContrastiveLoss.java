package org.egolens.model.loss;

import ai.djl.ndarray.NDArray;

/**
 * A video-text loss on a batch of n (clip, caption) pairs.
 *
 * <p>Inputs: {@code video (n, D)} and {@code text (n, D)}, both L2-normalised; row a of each belongs to pair a (clip a and
 * the caption sampled for it). {@code relevancy (n, n)}: {@code relevancy[a][b]} = relevancy c between clip a and the caption
 * of pair b, looked up in the full relevancy matrix from the indices the sampler kept (spec §3.3 "Batch relevancy matrix");
 * its diagonal is the relevancy of each sampled positive. Losses that ignore graded relevancy accept {@code null}.
 */
public interface ContrastiveLoss {
    /**
     * Computes the loss.
     *
     * @throws IllegalArgumentException if shapes disagree or the batch has fewer than 2 pairs
     */
    LossTerms compute(NDArray video, NDArray text, float[][] relevancy);

    /** Short name for logs and configs (e.g. {@code sms}, {@code mimm}, {@code infonce}). */
    String name();

    /** Checks the common shape contract and returns n. */
    static int checkBatch(NDArray video, NDArray text, float[][] relevancy, boolean needsRelevancy) {
        if (video.getShape().dimension() != 2 || !video.getShape().equals(text.getShape())) {
            throw new IllegalArgumentException("video and text embeddings must both be (n, D); got " + video.getShape()
                    + " and " + text.getShape());
        }
        int n = (int) video.getShape().get(0);
        if (n < 2) {
            throw new IllegalArgumentException("a contrastive batch needs at least 2 pairs, got " + n);
        }
        if (needsRelevancy) {
            if (relevancy == null || relevancy.length != n) {
                throw new IllegalArgumentException("relevancy block must be (" + n + ", " + n + ")");
            }
            for (float[] row : relevancy) {
                if (row.length != n) {
                    throw new IllegalArgumentException("relevancy block must be (" + n + ", " + n + ")");
                }
            }
        }
        return n;
    }
}
