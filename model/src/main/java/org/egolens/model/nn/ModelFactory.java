package org.egolens.model.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.egolens.model.checkpoint.CheckpointLoader;
import org.egolens.model.checkpoint.LoadOptions;
import org.egolens.model.checkpoint.TokenizerReference;
import org.egolens.model.checkpoint.Weights;
import org.egolens.model.io.AtomicFiles;
import org.egolens.model.tokenize.ClipBpeTokenizer;
import org.egolens.model.tokenize.ClipBpeVocabulary;
import org.egolens.model.tokenize.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link Eva02AtClipModel}s: from a preset name (deterministic random init, {@link ParameterInit}), from a model
 * folder, or from a single checkpoint file.
 *
 * <p>A model folder holds {@code config.json} (EVA-CLIP format, plus EgoLens' {@code num_frames}, {@code rope_mode}) and
 * weights; {@code egolens convert} writes such folders ({@link org.egolens.model.checkpoint.ModelConverter}):
 * <ul>
 *   <li>{@code model.safetensors}: a full image-text or video-text state dict;</li>
 *   <li>{@code video_model.safetensors}: a video tower checkpoint ({@code visual.*} incl. {@code visual.temporal_embed});
 *       if both exist it is laid over {@code model.safetensors} (its keys win);</li>
 *   <li>optionally {@code tokenizer.json}, a reference to the CLIP BPE vocabulary
 *       ({@link org.egolens.model.checkpoint.TokenizerReference}), used when no tokenizer is passed.</li>
 * </ul>
 * A checkpoint file ({@code .pt}/{@code .pth}/{@code .bin} torch zip or {@code .safetensors}) goes through
 * {@link org.egolens.model.checkpoint.CheckpointLoader}: container unwrapping, key mapping from the EVA-CLIP, open_clip/timm
 * and AVION-style layouts, config from {@code config.json} beside it or inferred from the tensor shapes. Weights are
 * read one tensor at a time. Loading is strict ({@link WeightLoader}); {@link LoadReport#notes()} records every mapping
 * step.
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
    public static Eva02AtClipModel open(String presetOrPath) throws IOException {
        return open(presetOrPath, 0, null);
    }

    /**
     * Opens a preset, a model folder or a checkpoint file.
     *
     * @param presetOrPath a {@link ModelPresets} name, a folder with {@code config.json} and weights, or a checkpoint
     *                     file ({@code .pt} torch zip or {@code .safetensors})
     * @param numFrames    T of the video tower; ≤ 0 keeps the config's value ({@code num_frames}, default 4) or, for a
     *                     checkpoint file, the checkpoint's own T
     * @param tokenizer    used by {@code encodeTexts}; null: the folder's tokenizer reference, if any
     * @throws IOException if the path is missing or malformed, the file is not a supported checkpoint (the message says
     *                     what it is), or the weights do not fit ({@link WeightLoadException} carries the report)
     */
    public static Eva02AtClipModel open(String presetOrPath, int numFrames, Tokenizer tokenizer) throws IOException {
        if (ModelPresets.exists(presetOrPath)) {
            ModelConfig c = ModelPresets.get(presetOrPath);
            return create(numFrames > 0 ? c.withNumFrames(numFrames) : c, presetOrPath, PRESET_SEED, tokenizer);
        }
        Path path = Path.of(presetOrPath);
        if (Files.isDirectory(path)) {
            return load(path, numFrames, tokenizer);
        }
        if (Files.isRegularFile(path)) {
            return CheckpointLoader.open(path, LoadOptions.defaults().withNumFrames(numFrames).withTokenizer(tokenizer));
        }
        throw new IOException("'" + presetOrPath + "' is neither a model preset (" + String.join(", ",
                ModelPresets.names()) + "), a model folder nor a checkpoint file");
    }

    /**
     * A randomly initialised model (deterministic for a seed).
     *
     * @param modelId name reported by {@link Eva02AtClipModel#descriptor()}
     */
    public static Eva02AtClipModel create(ModelConfig config, String modelId, long seed, Tokenizer tokenizer) {
        NDManager m = NativeEngine.newManager();
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
     * @param tokenizer null: the folder's {@code tokenizer.json} reference or vocabulary file, if any
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
        List<String> notes = new ArrayList<>();
        notes.add("model folder " + dir + ", config " + CONFIG_FILE + " (" + config.hash() + ")");
        if (numFrames > 0 && numFrames != config.numFrames()) {
            notes.add("T = " + numFrames + " requested (config: " + config.numFrames() + ")");
            config = config.withNumFrames(numFrames);
        }
        Tokenizer tok = tokenizer != null ? tokenizer : TokenizerReference.tokenizerFor(dir, notes);
        List<Path> files = new ArrayList<>();
        for (String name : List.of(MODEL_FILE, VIDEO_MODEL_FILE)) {
            if (Files.isRegularFile(dir.resolve(name))) {
                files.add(dir.resolve(name));
            }
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no weights (" + MODEL_FILE + " or " + VIDEO_MODEL_FILE + ")");
        }
        try (Weights w = Weights.open(files)) {
            notes.addAll(w.notes());
            return fromStateDict(dir.toString(), config, w.stateDict(),
                    new NewParameters(keep, TemporalInit.ZEROS, PRESET_SEED), tok, notes);
        }
    }

    /**
     * Builds a model for {@code config} and initialises it from a state dict with EVA-CLIP names (strict, see
     * {@link WeightLoader}); parameters named in {@code fresh} may be created instead of loaded.
     *
     * @param modelId   name reported by {@link Eva02AtClipModel#descriptor()}
     * @param sd        the weights; read one tensor at a time, must stay readable during the call
     * @param fresh     parameters that may be new (heads, temporal table) and their initialisation
     * @param tokenizer for {@code encodeTexts}; may be null
     * @param notes     how the weights were found, prepended to the report's notes
     * @throws WeightLoadException if backbone tensors are missing, unexpected or mis-shaped (the report lists them, with
     *                             the notes); nothing is kept then
     * @throws IOException         if a tensor cannot be read
     */
    public static Eva02AtClipModel fromStateDict(String modelId, ModelConfig config, StateDict sd, NewParameters fresh,
            Tokenizer tokenizer, List<String> notes) throws IOException {
        NDManager m = NativeEngine.newManager();
        try {
            Eva02AtClip block = new Eva02AtClip(config);
            ParameterInit.setRandom(block, fresh.seed());
            Set<String> keep = new LinkedHashSet<>(fresh.keys());
            if (fresh.temporalInit() == TemporalInit.NORMAL) {
                keep.add(WeightLoader.TEMPORAL_EMBED);
                block.visual().getDirectParameters().get("temporal_embed").setInitializer(new ParameterInit.Normal(
                        fresh.seed() * 1_000_003L + WeightLoader.TEMPORAL_EMBED.hashCode(), 0.02f, 2f));
            }
            LoadReport report;
            try {
                report = WeightLoader.initialize(block, sd, keep, m, block.exampleInputShapes());
            } catch (WeightLoadException e) {
                throw new WeightLoadException(e.report().withNotes(notes));
            }
            List<String> all = new ArrayList<>(notes);
            all.add(frameNote(report, sd, config, fresh));
            report = report.withNotes(all);
            block.freezeParameters(true);
            LOG.info("model {} loaded, config {}, T = {}", modelId, config.hash(), config.numFrames());
            return new Eva02AtClipModel(modelId, block, m, tokenizer, report);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * One line for a load report saying which T the model uses and where its temporal table comes from (the
     * checkpoint, interpolated from another T, zeros or random), e.g. {@code frames: T = 8 (the checkpoint was trained
     * with T = 4; temporal_embed interpolated bilinearly)}.
     */
    public static String frameNote(LoadReport r, StateDict sd, ModelConfig c, NewParameters fresh) {
        String t = "frames: T = " + c.numFrames();
        if (r.interpolated().stream().anyMatch(s -> s.startsWith(WeightLoader.TEMPORAL_EMBED))) {
            long t0 = sd.keys().stream().filter(k -> k.equals(WeightLoader.TEMPORAL_EMBED)
                    || k.equals("module." + WeightLoader.TEMPORAL_EMBED)).mapToLong(k -> sd.shape(k)[1]).findFirst()
                    .orElse(-1);
            return t + " (the checkpoint was trained with T = " + t0 + "; temporal_embed interpolated bilinearly)";
        }
        if (r.defaulted().contains(WeightLoader.TEMPORAL_EMBED)) {
            return t + " (image checkpoint: new temporal_embed (1, " + c.numFrames() + ", " + c.vision().width()
                    + ") of zeros)";
        }
        if (r.kept().contains(WeightLoader.TEMPORAL_EMBED)) {
            return t + " (new temporal_embed (1, " + c.numFrames() + ", " + c.vision().width()
                    + "): truncated normal, std 0.02, seed " + fresh.seed() + ")";
        }
        return t + " (temporal_embed from the checkpoint)";
    }

    /**
     * Writes a model folder that {@link #load} reads back: {@code config.json} and {@code model.safetensors} (float32,
     * EVA-CLIP names, including {@code visual.temporal_embed}). A model whose token embedding is not CLIP's 49,408 rows
     * only reads the ids of its own vocabulary, so that vocabulary's file is copied in as
     * {@value ClipBpeTokenizer#WORKSPACE_VOCAB_FILE_NAME} and the folder opens with the right tokenizer.
     *
     * @throws IOException on a write error
     */
    public static void save(Eva02AtClipModel model, Path dir) throws IOException {
        Files.createDirectories(dir);
        if (model.config().text().vocabSize() != ClipBpeVocabulary.SIZE
                && model.tokenizer().orElse(null) instanceof ClipBpeTokenizer bpe
                && bpe.vocabulary().source() != null && Files.isRegularFile(bpe.vocabulary().source())) {
            replaceAtomically(dir.resolve(ClipBpeTokenizer.WORKSPACE_VOCAB_FILE_NAME), tmp -> Files.copy(
                    bpe.vocabulary().source(), tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        }
        model.saveWeights(dir.resolve(MODEL_FILE));
        replaceAtomically(dir.resolve(CONFIG_FILE), tmp -> Files.writeString(tmp, model.config().toJson(),
                StandardCharsets.UTF_8));
    }

    /** Writes into a temporary file beside it. */
    private interface TempWrite {
        void to(Path tmp) throws IOException;
    }

    /** Writes {@code target} through a temporary file in its folder, then renames it into place. */
    private static void replaceAtomically(Path target, TempWrite write) throws IOException {
        Path tmp = AtomicFiles.createTemp(target.getParent(), target.getFileName().toString(), ".tmp");
        write.to(tmp);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
