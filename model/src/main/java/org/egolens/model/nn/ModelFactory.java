package org.egolens.model.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.egolens.model.io.SafetensorsFile;
import org.egolens.model.tokenize.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link Eva02AtClipModel}s: from a preset name (deterministic random init, {@link ParameterInit}) or from a model
 * folder holding {@code config.json} (EVA-CLIP format) and weights:
 *
 * <ul>
 *   <li>{@code model.safetensors}: a full image-text or video-text state dict;</li>
 *   <li>{@code video_model.safetensors}: a video tower checkpoint ({@code visual.*} incl. {@code visual.temporal_embed});
 *       if both exist it is laid over {@code model.safetensors} (its keys win).</li>
 * </ul>
 * Loading is strict ({@link WeightLoader}).
 */
public final class ModelFactory {
    /** Full state dict file name in a model folder. */
    public static final String MODEL_FILE = "model.safetensors";
    /** Video tower overlay file name in a model folder. */
    public static final String VIDEO_MODEL_FILE = "video_model.safetensors";
    /** Config file name in a model folder. */
    public static final String CONFIG_FILE = "config.json";
    /** Seed of preset initialisation. */
    public static final long PRESET_SEED = 0L;

    private static final Logger LOG = LoggerFactory.getLogger(ModelFactory.class);

    private ModelFactory() {}

    /** {@link #open(String, int, Tokenizer)} with the config's frame count and no tokenizer. */
    public static Eva02AtClipModel open(String presetOrDir) throws IOException {
        return open(presetOrDir, 0, null);
    }

    /**
     * Opens a preset or a model folder.
     *
     * @param presetOrDir a {@link ModelPresets} name, or a folder with {@code config.json} and weights
     * @param numFrames   T of the video tower; ≤ 0 keeps the config's value ({@code num_frames}, default 4)
     * @param tokenizer   used by {@code encodeTexts}; may be null
     * @throws IOException if the folder, config or weights are missing or malformed, or the weights do not fit
     *                     ({@link WeightLoadException} lists the keys)
     */
    public static Eva02AtClipModel open(String presetOrDir, int numFrames, Tokenizer tokenizer) throws IOException {
        if (ModelPresets.exists(presetOrDir)) {
            ModelConfig c = ModelPresets.get(presetOrDir);
            return create(numFrames > 0 ? c.withNumFrames(numFrames) : c, presetOrDir, PRESET_SEED, tokenizer);
        }
        Path dir = Path.of(presetOrDir);
        if (!Files.isDirectory(dir)) {
            throw new IOException("'" + presetOrDir + "' is neither a model preset (" + String.join(", ",
                    ModelPresets.names()) + ") nor a model folder");
        }
        return load(dir, numFrames, tokenizer);
    }

    /**
     * A randomly initialised model (deterministic for a seed).
     *
     * @param modelId name reported by {@link Eva02AtClipModel#descriptor()}
     */
    public static Eva02AtClipModel create(ModelConfig config, String modelId, long seed, Tokenizer tokenizer) {
        NDManager m = NativeEngine.pytorch().newBaseManager();
        try {
            Eva02AtClip block = new Eva02AtClip(config);
            ParameterInit.setRandom(block, seed);
            block.initialize(m, DataType.FLOAT32, block.exampleInputShapes());
            block.freezeParameters(true);
            LOG.info("model {} ({}) randomly initialised, seed {}", modelId, config.hash(), seed);
            return new Eva02AtClipModel(modelId, block, m, tokenizer, null);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * Loads a model folder (see the class comment).
     *
     * @param numFrames T; ≤ 0 keeps the config's value. A checkpoint {@code temporal_embed} with another T is resampled.
     * @throws IOException on missing/malformed files or weights that do not fit
     */
    public static Eva02AtClipModel load(Path dir, int numFrames, Tokenizer tokenizer) throws IOException {
        return load(dir, numFrames, tokenizer, Set.of());
    }

    /**
     * Loads a model folder, allowing the named parameters to be missing or mis-shaped (they keep a seeded random init);
     * e.g. {@code visual.head.weight} when the checkpoint's head is 512-d and the model's 256-d.
     */
    public static Eva02AtClipModel load(Path dir, int numFrames, Tokenizer tokenizer, Set<String> keep)
            throws IOException {
        Path cfgFile = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(cfgFile)) {
            throw new IOException(dir + ": no " + CONFIG_FILE);
        }
        ModelConfig config = ModelConfig.read(cfgFile);
        if (numFrames > 0) {
            config = config.withNumFrames(numFrames);
        }
        Path full = dir.resolve(MODEL_FILE);
        Path video = dir.resolve(VIDEO_MODEL_FILE);
        List<SafetensorsFile> open = new ArrayList<>();
        NDManager m = NativeEngine.pytorch().newBaseManager();
        try {
            StateDict sd = null;
            if (Files.isRegularFile(full)) {
                SafetensorsFile f = SafetensorsFile.open(full);
                open.add(f);
                sd = StateDict.of(f);
            }
            if (Files.isRegularFile(video)) {
                SafetensorsFile f = SafetensorsFile.open(video);
                open.add(f);
                sd = sd == null ? StateDict.of(f) : StateDict.overlay(sd, StateDict.of(f));
            }
            if (sd == null) {
                throw new IOException(dir + ": no weights (" + MODEL_FILE + " or " + VIDEO_MODEL_FILE + ")");
            }
            Eva02AtClip block = new Eva02AtClip(config);
            ParameterInit.setRandom(block, PRESET_SEED);
            LoadReport report = WeightLoader.initialize(block, sd, keep, m, block.exampleInputShapes());
            block.freezeParameters(true);
            return new Eva02AtClipModel(dir.toString(), block, m, tokenizer, report);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        } finally {
            for (SafetensorsFile f : open) {
                f.close();
            }
        }
    }

    /**
     * Writes a model folder that {@link #load} reads back: {@code config.json} and {@code model.safetensors} (float32,
     * EVA-CLIP names, including {@code visual.temporal_embed}).
     *
     * @throws IOException on a write error
     */
    public static void save(Eva02AtClipModel model, Path dir) throws IOException {
        Files.createDirectories(dir);
        model.saveWeights(dir.resolve(MODEL_FILE));
        Path tmp = Files.createTempFile(dir, CONFIG_FILE, ".tmp");
        Files.writeString(tmp, model.config().toJson(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(CONFIG_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
