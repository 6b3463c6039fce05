package org.egolens.model.api;

import java.util.List;
import org.egolens.model.data.FrameBatch;

/**
 * A dual encoder (EVA02-AT video tower + CLIP text tower) seen from the outside: Java arrays in, L2-normalised
 * embeddings out. Native memory is scoped per call; implementations are safe to call from one worker thread at a time.
 */
public interface VideoTextModel extends AutoCloseable {
    /** What model this is. */
    ModelDescriptor descriptor();

    /**
     * Embeds clips.
     *
     * @param frames {@code (B, 3, T, H, W)}, normalised, T and H as in {@link #descriptor()}
     * @return {@code (B, D)} L2-normalised video embeddings
     */
    float[][] encodeVideos(FrameBatch frames);

    /**
     * Embeds narrations (tokenised with the CLIP BPE tokenizer, 77 tokens).
     *
     * @return {@code (N, D)} L2-normalised text embeddings
     */
    float[][] encodeTexts(List<String> texts);

    /**
     * Tokens a narration takes before truncation, SOT and EOT included (CLIP reads at most 77; {@link #encodeTexts}
     * keeps the first 76 and ends with EOT), so callers can say when a query was cut.
     *
     * @return the count, or −1 when this model cannot tell (no tokenizer)
     */
    default int textTokens(String text) {
        return -1;
    }

    @Override
    void close();
}
