package org.egolens.model.inspect;

import java.util.Objects;
import java.util.function.IntConsumer;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.nn.AttentionRequest;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.VisionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AttentionProbe} over an {@link Eva02AtClipModel} (which it owns and closes). Capture policy, by the bytes
 * {@link AttentionRequest#floatsNeeded} gives against {@code maxBytes}: every row when it fits (tiny, tiny-demo, B/16 at
 * T = 4 needs 385 MB); else the query's per-head rows plus the head-mean matrices (B/16 at T = 16: 474 MB); else the
 * query's per-head rows only, without rollout (L/14 at T = 16 would need 1.6 GB of head-mean matrices).
 */
public final class ModelAttentionProbe implements AttentionProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ModelAttentionProbe.class);

    private final Eva02AtClipModel model;
    private final long maxBytes;

    /** A probe with the default limit {@link AttentionRequest#DEFAULT_MAX_BYTES}. */
    public ModelAttentionProbe(Eva02AtClipModel model) {
        this(model, AttentionRequest.DEFAULT_MAX_BYTES);
    }

    /**
     * @param model    the model (closed with the probe)
     * @param maxBytes largest capture, bytes of Java heap
     */
    public ModelAttentionProbe(Eva02AtClipModel model, long maxBytes) {
        this.model = Objects.requireNonNull(model, "model");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be > 0, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The model. */
    public Eva02AtClipModel model() {
        return model;
    }

    @Override
    public String modelId() {
        return model.descriptor().modelId();
    }

    @Override
    public int numFrames() {
        return model.config().numFrames();
    }

    @Override
    public int imageSize() {
        return model.config().vision().imageSize();
    }

    @Override
    public int patchSize() {
        return model.config().vision().patchSize();
    }

    @Override
    public int layers() {
        return model.config().vision().layers();
    }

    @Override
    public int heads() {
        return model.config().vision().heads();
    }

    /** The request {@link #capture} uses for a query token, by the policy of the class comment. */
    public AttentionRequest requestFor(QueryToken query) {
        TokenGrid g = grid();
        int q = g.index(query);
        VisionConfig v = model.config().vision();
        for (AttentionRequest r : new AttentionRequest[] {AttentionRequest.all(), AttentionRequest.rows(q),
            AttentionRequest.rowsOnly(q)}) {
            AttentionRequest limited = r.withMaxBytes(maxBytes);
            if (4 * limited.floatsNeeded(v.layers(), 1, v.heads(), g.tokens()) <= maxBytes) {
                return limited;
            }
        }
        return AttentionRequest.rowsOnly(q).withMaxBytes(maxBytes); // refused by the capture with the sizes
    }

    @Override
    public AttentionMaps capture(FrameBatch clip, QueryToken query, IntConsumer layerDone) {
        if (clip.batch() != 1) {
            throw new IllegalArgumentException("attention is captured for one clip at a time, got a batch of "
                    + clip.batch());
        }
        AttentionRequest request = requestFor(query);
        long t0 = System.nanoTime();
        AttentionMaps maps = new AttentionMaps(model.captureAttention(clip, request, layerDone), grid(), 0);
        LOG.debug("attention of {} captured in {} ms ({})", modelId(), (System.nanoTime() - t0) / 1_000_000, request);
        return maps;
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "ModelAttentionProbe[" + model + "]";
    }
}
