package org.egolens.app.backend;

import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.tokenize.Tokenizer;

/**
 * Raw feature access to a dual encoder, for comparing with reference outputs ({@code video_features.npy},
 * {@code text_features.npy}): features as the towers emit them, before L2 normalisation. Calls come from one thread at
 * a time.
 */
public interface FeatureEncoder extends AutoCloseable {
    /** What model this is. */
    ModelDescriptor descriptor();

    /** Token ids per text row the text tower takes (77 for CLIP). */
    default int contextLength() {
        return tokenizer().contextLength();
    }

    /** The tokenizer that belongs to the text tower. */
    Tokenizer tokenizer();

    /**
     * Video tower output: CLS token after the final LayerNorm, through the head, not normalised.
     *
     * @param frames {@code (B, 3, T, H, W)}, CLIP-normalised, H = W = {@code descriptor().imageSize()}
     * @return {@code (B, D)}
     */
    float[][] videoFeatures(FrameBatch frames);

    /**
     * Text tower output: the EOT token after {@code ln_final}, times the text projection, not normalised.
     *
     * @param tokenIds {@code (N, L)} token ids, L = {@code tokenizer().contextLength()}
     * @return {@code (N, D)}
     */
    float[][] textFeatures(long[][] tokenIds);

    @Override
    void close();
}
