package org.egolens.model.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.egolens.model.nn.Eva02AtClip;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.LoadReport;
import org.egolens.model.nn.ModelConfig;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.NewParameters;
import org.egolens.model.nn.StateDict;
import org.egolens.model.nn.WeightLoader;
import org.egolens.model.tokenize.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns checkpoint files into an EVA02-AT model: files are opened and mapped ({@link Weights}), the architecture is
 * chosen ({@link #plan}), then the model is built and loaded strictly ({@link ModelFactory#fromStateDict}).
 *
 * <p>Image → video (eva02-at-spec §1.2): an image EVA02-CLIP checkpoint has no {@code visual.temporal_embed}; the video
 * model gets a new one (zeros by default). When the joint embedding size asked for differs from the checkpoint's
 * (e.g. 512 → 256), the projection heads {@code visual.head} and {@code text.text_projection} are created new. A video
 * checkpoint trained with T₀ frames used with T frames has its temporal table interpolated. Every such step is in the
 * model's {@link org.egolens.model.nn.LoadReport#notes()} and logged.
 */
public final class CheckpointLoader {
    /** Config file looked for beside a checkpoint. */
    public static final String CONFIG_BESIDE = "config.json";
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLoader.class);

    private CheckpointLoader() {}

    /**
     * The architecture and the parameters to create for one load.
     *
     * @param config the model config (T and E applied)
     * @param fresh  parameters that may be new, and their initialisation
     */
    public record Plan(ModelConfig config, NewParameters fresh) {}

    /**
     * The result of checking weights against a model without building it.
     *
     * @param path   the folder or file checked
     * @param config the model config that would be built (T and E applied)
     * @param report the match report, with notes (including the frame count); {@link LoadReport#ok()} false means
     *               opening it would be refused
     */
    public record ModelCheck(Path path, ModelConfig config, LoadReport report) {}

    /**
     * Checks a model folder or a checkpoint file the way {@link ModelFactory#open(String, int, Tokenizer)} would load
     * it, without allocating the model's tensors (only headers and shapes are read): for the "Open model" report.
     *
     * @param path      a model folder ({@code config.json} + weights) or a checkpoint file
     * @param numFrames T; ≤ 0 as {@code open}
     * @throws IOException if the files cannot be read, are of another kind, or have a layout that cannot be mapped
     *                     (the report of a mis-fitting checkpoint is returned, not thrown)
     */
    public static ModelCheck check(Path path, int numFrames) throws IOException {
        List<String> notes = new ArrayList<>();
        ModelConfig config;
        List<Path> files = new ArrayList<>();
        NewParameters fresh = NewParameters.NONE;
        if (Files.isDirectory(path)) {
            Path cfg = path.resolve(ModelFactory.CONFIG_FILE);
            if (!Files.isRegularFile(cfg)) {
                throw new IOException(path + ": no " + ModelFactory.CONFIG_FILE);
            }
            config = ModelConfig.read(cfg);
            notes.add("model folder " + path + ", config " + ModelFactory.CONFIG_FILE + " (" + config.hash() + ")");
            if (numFrames > 0) {
                config = config.withNumFrames(numFrames);
            }
            for (String name : List.of(ModelFactory.MODEL_FILE, ModelFactory.VIDEO_MODEL_FILE)) {
                if (Files.isRegularFile(path.resolve(name))) {
                    files.add(path.resolve(name));
                }
            }
            if (files.isEmpty()) {
                throw new IOException(path + ": no weights (" + ModelFactory.MODEL_FILE + " or "
                        + ModelFactory.VIDEO_MODEL_FILE + ")");
            }
        } else {
            files.add(path);
            config = null;
        }
        try (Weights w = Weights.open(files)) {
            notes.addAll(w.notes());
            if (config == null) {
                Plan plan = plan(path, w.stateDict(), LoadOptions.defaults().withNumFrames(numFrames), notes);
                config = plan.config();
                fresh = plan.fresh();
            }
            Eva02AtClip block = new Eva02AtClip(config);
            LoadReport r = WeightLoader.check(block, w.stateDict(), fresh.keys());
            notes.add(ModelFactory.frameNote(r, w.stateDict(), config, fresh));
            return new ModelCheck(path, config, r.withNotes(notes));
        }
    }

    /**
     * Opens one checkpoint file holding a whole model.
     *
     * @throws IOException see {@link #open(List, LoadOptions)}
     */
    public static Eva02AtClipModel open(Path file, LoadOptions options) throws IOException {
        return open(List.of(file), options);
    }

    /**
     * Opens a model from checkpoint files, later files laid over earlier ones.
     *
     * @param files   base checkpoint first (e.g. {@code model.safetensors}, then {@code video_model.safetensors})
     * @param options config, T, E, initialisation, tokenizer
     * @throws org.egolens.model.io.torch.CheckpointFormatException for a file that is not safetensors / torch zip (the
     *         message says what it is), a forbidden pickle global or an unsafe zip entry
     * @throws UnsupportedCheckpointException for a layout that cannot be mapped (names it)
     * @throws org.egolens.model.nn.WeightLoadException when backbone tensors are missing, unexpected or mis-shaped (the
     *         report lists them)
     * @throws IOException on read errors or a config that cannot be found or inferred
     */
    public static Eva02AtClipModel open(List<Path> files, LoadOptions options) throws IOException {
        return open(files, options, true);
    }

    /** As {@link #open(List, LoadOptions)}; {@code findTokenizer} false skips looking for a vocabulary beside the file. */
    static Eva02AtClipModel open(List<Path> files, LoadOptions options, boolean findTokenizer) throws IOException {
        try (Weights w = Weights.open(files)) {
            List<String> notes = new ArrayList<>(w.notes());
            Plan plan = plan(files.get(0), w.stateDict(), options, notes);
            Tokenizer tok = options.tokenizer() != null || !findTokenizer ? options.tokenizer()
                    : TokenizerReference.tokenizerBeside(files.get(0), notes);
            String id = files.size() == 1 ? files.get(0).toString() : files.toString();
            return ModelFactory.fromStateDict(id, plan.config(), w.stateDict(), plan.fresh(), tok, notes);
        }
    }

    /**
     * Chooses the config (given, else {@code config.json} beside {@code first}, else inferred), T and E, and which
     * parameters are new.
     *
     * @param first   the (base) checkpoint file, whose folder may hold {@code config.json}
     * @param mapped  the weights under EVA-CLIP names
     * @param notes   receives what was decided
     * @throws IOException if no config is given, none is beside and inference fails
     */
    public static Plan plan(Path first, StateDict mapped, LoadOptions options, List<String> notes) throws IOException {
        ModelConfig c = options.config();
        if (c != null) {
            notes.add("config: given (" + c.hash() + ")");
        } else {
            c = besideOrInferred(first, mapped, notes);
        }
        int frames = c.numFrames();
        String why = "config";
        if (options.numFrames() > 0) {
            frames = options.numFrames();
            why = "requested";
        } else if (mapped.keys().contains(WeightLoader.TEMPORAL_EMBED)
                && mapped.shape(WeightLoader.TEMPORAL_EMBED).length == 3) {
            frames = (int) mapped.shape(WeightLoader.TEMPORAL_EMBED)[1];
            why = "the checkpoint's temporal_embed";
        }
        notes.add("T = " + frames + " (" + why + ")");
        int e = options.embedDim() > 0 ? options.embedDim() : c.embedDim();
        c = new ModelConfig(e, c.vision(), c.text(), frames, c.ropeMode(), c.quickGelu());
        NewParameters fresh = new NewParameters(Set.of(), options.temporalInit(), options.seed());
        OptionalInt ck = ConfigInference.embedDim(mapped);
        // new heads only on request (an explicit config or E): a config found beside the file describes that file, so a
        // mismatch there is an error the strict load reports
        boolean requested = options.embedDim() > 0 || options.config() != null;
        if (requested && ck.isPresent() && ck.getAsInt() != e) {
            fresh = fresh.withHeads();
            String msg = "embedding size " + ck.getAsInt() + " -> " + e + ": new projection heads visual.head (" + e
                    + ", " + c.vision().width() + ") + bias and text.text_projection (" + c.text().width() + ", " + e
                    + "), seeded initialisation (seed " + options.seed() + ")";
            notes.add(msg);
            LOG.info("{}: {}", first, msg);
        }
        return new Plan(c, fresh);
    }

    private static ModelConfig besideOrInferred(Path first, StateDict mapped, List<String> notes) throws IOException {
        Path dir = first.toAbsolutePath().getParent();
        Path beside = dir == null ? null : dir.resolve(CONFIG_BESIDE);
        if (beside != null && Files.isRegularFile(beside)) {
            try {
                ModelConfig c = ModelConfig.read(beside);
                notes.add("config: " + beside + " (" + c.hash() + ")");
                return c;
            } catch (IOException e) {
                notes.add("config: " + beside + " is not an EVA-CLIP model config (" + e.getMessage()
                        + "); inferred from the tensor shapes instead");
                LOG.warn("{} not usable, inferring the config: {}", beside, e.getMessage());
            }
        }
        ConfigInference.Inferred inf = ConfigInference.infer(mapped);
        notes.add("config: inferred from the tensor shapes (" + inf.config().hash() + "); assumed: "
                + String.join("; ", inf.assumptions()));
        LOG.info("{}: config inferred from shapes, assumed {}", first, inf.assumptions());
        return inf.config();
    }
}
