package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.tokenize.Tokenizer;

/**
 * The EVA02-AT dual encoder behind the {@link VideoTextModel} interface: owns an {@link NDManager} holding the parameters
 * and the {@link Eva02AtClip} block; every call runs in its own sub-manager and {@link NDScope} and returns Java arrays,
 * so no native memory outlives a call. Calls are serialised (one at a time). Created by {@link ModelFactory}.
 *
 * <p>Raw methods return features before L2 normalisation, exactly what EVA-CLIP's {@code encode_image} /
 * {@code encode_text} return with {@code normalize=False} (and what the golden reference files hold); the
 * {@link VideoTextModel} methods return L2-normalised rows.
 */
public final class Eva02AtClipModel implements VideoTextModel {
    /** Clips per forward pass; larger batches are split. */
    static final int VIDEO_CHUNK = 8;
    /** Token rows per forward pass. */
    static final int TEXT_CHUNK = 256;

    private final String modelId;
    private final Eva02AtClip block;
    private final NDManager manager;
    private final ParameterStore ps;
    private final Tokenizer tokenizer;
    private final LoadReport loadReport;
    private boolean closed;

    Eva02AtClipModel(String modelId, Eva02AtClip block, NDManager manager, Tokenizer tokenizer, LoadReport loadReport) {
        this.modelId = modelId;
        this.block = block;
        this.manager = manager;
        this.ps = new ParameterStore(manager, false);
        this.tokenizer = tokenizer;
        this.loadReport = loadReport;
    }

    @Override
    public ModelDescriptor descriptor() {
        ModelConfig c = block.config();
        return new ModelDescriptor(modelId, c.hash(), c.numFrames(), c.vision().imageSize(), c.embedDim());
    }

    /** The tokenizer of the text tower, if a CLIP BPE vocabulary was found when the model was opened. */
    public java.util.Optional<Tokenizer> tokenizer() {
        return java.util.Optional.ofNullable(tokenizer);
    }

    /** The model's configuration. */
    public ModelConfig config() {
        return block.config();
    }

    /** The DJL block (for training code: freeze/unfreeze parameters, forward with a {@link ParameterStore}). */
    public Eva02AtClip block() {
        return block;
    }

    /** The manager owning the parameters. */
    public NDManager manager() {
        return manager;
    }

    /** How the weights were matched, if the model was loaded from a checkpoint. */
    public Optional<LoadReport> loadReport() {
        return Optional.ofNullable(loadReport);
    }

    /** {@code exp(logit_scale)}, the factor applied to cosine similarities (no clamp). */
    public synchronized float logitScale() {
        ensureOpen();
        return (float) Math.exp(block.logitScaleParameter().getArray().toFloatArray()[0]);
    }

    @Override
    public float[][] encodeVideos(FrameBatch frames) {
        return Embeddings.l2Normalize(encodeVideosRaw(frames));
    }

    /**
     * Video features before L2 normalisation ({@code video_features.npy} of the golden reference).
     *
     * @param frames {@code (B, 3, T, H, W)}, normalised, T = {@code numFrames}, H = W = image size
     * @return {@code (B, E)}
     * @throws IllegalArgumentException if the batch shape does not fit the model
     */
    public float[][] encodeVideosRaw(FrameBatch frames) {
        checkFrames(frames, config().numFrames(), "clip");
        return chunked(frames, VIDEO_CHUNK, (x) -> block.visual().features(ps, x, true, false));
    }

    /**
     * Image features before L2 normalisation: the image path (T = 1, no temporal terms), equal to EVA-CLIP
     * {@code encode_image} ({@code image_features.npy}).
     *
     * @param images {@code (B, 3, 1, H, W)} (the memory layout of {@code (B, 3, H, W)})
     * @return {@code (B, E)}
     */
    public float[][] encodeImagesRaw(FrameBatch images) {
        checkFrames(images, 1, "image");
        return chunked(images, VIDEO_CHUNK, (x) -> block.visual().features(ps, x, false, false));
    }

    /** L2-normalised {@link #encodeImagesRaw}. */
    public float[][] encodeImages(FrameBatch images) {
        return Embeddings.l2Normalize(encodeImagesRaw(images));
    }

    /**
     * Vision tokens after {@code depth} blocks (0 = input of block 0), for checking a port against reference taps.
     *
     * @param video true: video path (T = numFrames, temporal terms); false: image path (T = 1)
     * @return {@code (B, 1 + T·G², D)}
     */
    public float[][][] visionTokens(FrameBatch frames, boolean video, int depth) {
        checkFrames(frames, video ? config().numFrames() : 1, video ? "clip" : "image");
        return call(m -> {
            NDArray x = m.create(frames.data(), new Shape(frames.shape()));
            return to3d(block.visual().tokens(ps, x, video, depth, false));
        });
    }

    /**
     * Runs the video path once and captures the attention probabilities of every vision block (off in all other calls).
     * The probabilities are exactly those that weight v in the forward pass, including RoPE and the {@code d_h^−1/2}
     * scale, copied block by block when long sequences are processed in query blocks.
     *
     * @param frames    {@code (B, 3, T, H, W)}, normalised, T = {@code numFrames}, H = W = image size
     * @param request   which rows (and whether the head-mean matrices) to keep
     * @param layerDone called with each finished layer index (progress); may be null
     * @return the capture, {@link AttentionCapture#complete()}
     * @throws IllegalArgumentException if the batch does not fit the model, a query token is out of range, or the
     *                                  capture would exceed {@link AttentionRequest#maxBytes()} (checked before running)
     */
    public AttentionCapture captureAttention(FrameBatch frames, AttentionRequest request,
            java.util.function.IntConsumer layerDone) {
        checkFrames(frames, config().numFrames(), "clip");
        VisionConfig v = config().vision();
        int tokens = 1 + frames.frames() * v.patchesPerFrame();
        AttentionCapture capture = new AttentionCapture(request, v.layers(), frames.batch(), v.heads(), tokens,
                layerDone);
        EvaVisionTransformer visual = block.visual();
        call(m -> {
            NDArray x = m.create(frames.data(), new Shape(frames.shape()));
            visual.tokens(ps, x, true, visual.depth(), false, capture);
            return null;
        });
        return capture;
    }

    @Override
    public int textTokens(String text) {
        return tokenizer == null ? -1 : tokenizer.tokenCount(text);
    }

    @Override
    public float[][] encodeTexts(List<String> texts) {
        if (tokenizer == null) {
            throw new IllegalStateException("model " + modelId + " has no tokenizer: the CLIP BPE vocabulary"
                    + " (bpe_simple_vocab_16e6.txt.gz) was not found in --vocab, EGOLENS_CLIP_VOCAB, the model folder,"
                    + " the workspace (a demo workspace's own bpe_vocab.txt.gz counts), ~/.egolens/, ~/.cache/clip/"
                    + " or ../shared/data/tokenizer/; give it with --vocab FILE");
        }
        return encodeTokenIds(tokenizer.encode(texts));
    }

    /** L2-normalised {@link #encodeTokenIdsRaw}. */
    public float[][] encodeTokenIds(long[][] ids) {
        return Embeddings.l2Normalize(encodeTokenIdsRaw(ids));
    }

    /**
     * Text features before L2 normalisation ({@code text_features.npy}): EOT pooling (first argmax id), {@code ln_final},
     * {@code text_projection}.
     *
     * @param ids {@code (N, L)} token ids, L ≤ context length, every id in {@code [0, vocab)}
     * @return {@code (N, E)}
     * @throws IllegalArgumentException for ragged rows, a row longer than the context or an id out of range
     */
    public float[][] encodeTokenIdsRaw(long[][] ids) {
        int l = checkIds(ids);
        float[][] out = new float[ids.length][];
        for (int start = 0; start < ids.length; start += TEXT_CHUNK) {
            int n = Math.min(TEXT_CHUNK, ids.length - start);
            long[] flat = flatten(ids, start, n, l);
            float[][] part = call(m -> to2d(block.text().features(ps, m.create(flat, new Shape(n, l)), false)));
            System.arraycopy(part, 0, out, start, n);
        }
        return out;
    }

    /**
     * Text token states after {@code depth} blocks, over the full row length (for checking against reference taps).
     *
     * @return {@code (N, L, W)}
     */
    public float[][][] textTokens(long[][] ids, int depth) {
        int l = checkIds(ids);
        long[] flat = flatten(ids, 0, ids.length, l);
        return call(m -> to3d(block.text().tokens(ps, m.create(flat, new Shape(ids.length, l)), depth, false)));
    }

    /**
     * Writes the weights as a float32 safetensors file with EVA-CLIP names (atomic).
     *
     * @throws IOException on a write error
     */
    public synchronized void saveWeights(Path file) throws IOException {
        ensureOpen();
        WeightLoader.save(block, file, Map.of("format", "pt", "egolens_config_hash", config().hash()));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model " + modelId + " is closed");
        }
    }

    private synchronized <R> R call(Function<NDManager, R> f) {
        ensureOpen();
        try (NDManager sub = manager.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return f.apply(sub);
        }
    }

    private float[][] chunked(FrameBatch frames, int chunk, Function<NDArray, NDArray> forward) {
        int b = frames.batch();
        int clip = frames.clipSize();
        float[][] out = new float[b][];
        for (int start = 0; start < b; start += chunk) {
            int n = Math.min(chunk, b - start);
            float[] data = n == b ? frames.data() : Arrays.copyOfRange(frames.data(), start * clip, (start + n) * clip);
            Shape shape = new Shape(n, frames.channels(), frames.frames(), frames.height(), frames.width());
            float[][] part = call(m -> to2d(forward.apply(m.create(data, shape))));
            System.arraycopy(part, 0, out, start, n);
        }
        return out;
    }

    private void checkFrames(FrameBatch f, int t, String what) {
        VisionConfig v = config().vision();
        if (f.channels() != 3 || f.frames() != t || f.height() != v.imageSize() || f.width() != v.imageSize()) {
            throw new IllegalArgumentException(what + " batch " + Arrays.toString(f.shape()) + " does not fit model "
                    + modelId + ": expected (B, 3, " + t + ", " + v.imageSize() + ", " + v.imageSize() + ")");
        }
    }

    private int checkIds(long[][] ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("no token rows");
        }
        TextConfig t = config().text();
        int l = ids[0].length;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length != l) {
                throw new IllegalArgumentException("token row " + i + " has " + ids[i].length + " ids, row 0 has " + l);
            }
            for (long id : ids[i]) {
                if (id < 0 || id >= t.vocabSize()) {
                    throw new IllegalArgumentException("token row " + i + " holds id " + id + " outside [0, "
                            + t.vocabSize() + ")" + (id >= t.vocabSize() ? ", this model's vocabulary: the tokenizer "
                            + "is not the one it was trained with (its folder's vocabulary file, or --vocab)" : ""));
                }
            }
        }
        if (l == 0 || l > t.contextLength()) {
            throw new IllegalArgumentException("token rows of length " + l + ", expected 1.." + t.contextLength());
        }
        return l;
    }

    private static long[] flatten(long[][] ids, int start, int n, int l) {
        long[] flat = new long[n * l];
        for (int i = 0; i < n; i++) {
            System.arraycopy(ids[start + i], 0, flat, i * l, l);
        }
        return flat;
    }

    private static float[][] to2d(NDArray a) {
        long[] s = a.getShape().getShape();
        float[] v = a.toFloatArray();
        float[][] out = new float[(int) s[0]][(int) s[1]];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(v, i * out[i].length, out[i], 0, out[i].length);
        }
        return out;
    }

    private static float[][][] to3d(NDArray a) {
        long[] s = a.getShape().getShape();
        float[] v = a.toFloatArray();
        int n1 = (int) s[1];
        int n2 = (int) s[2];
        float[][][] out = new float[(int) s[0]][n1][n2];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < n1; j++) {
                System.arraycopy(v, (i * n1 + j) * n2, out[i][j], 0, n2);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Eva02AtClipModel[" + modelId + ", " + config().hash() + "]";
    }
}
