package org.egolens.model.train;

import java.util.List;
import java.util.Objects;
import org.egolens.model.data.FrameBatch;

/**
 * One micro-batch of n (clip, caption) pairs for a contrastive step (spec §3.3 "Dataloader", §7).
 *
 * @param frames    {@code (n, 3, T, H, W)} CLIP-normalised pixels
 * @param tokenIds  {@code (n, L)} caption token ids (row a is the caption sampled for clip a)
 * @param relevancy {@code (n, n)}: {@code relevancy[a][b]} = relevancy of clip a to the caption of pair b, rebuilt from
 *                  the kept (clip, sentence) indices; the diagonal holds each sampled positive's c
 * @param captions  the n caption texts (for logs)
 */
public record TrainBatch(FrameBatch frames, long[][] tokenIds, float[][] relevancy, List<String> captions) {
    /** @throws IllegalArgumentException if the four parts disagree on n */
    public TrainBatch {
        Objects.requireNonNull(frames, "frames");
        int n = frames.batch();
        if (tokenIds.length != n || relevancy.length != n || captions.size() != n) {
            throw new IllegalArgumentException("batch parts disagree: frames " + n + ", ids " + tokenIds.length
                    + ", relevancy " + relevancy.length + ", captions " + captions.size());
        }
        captions = List.copyOf(captions);
    }

    /** n, the number of pairs. */
    public int size() {
        return frames.batch();
    }
}
