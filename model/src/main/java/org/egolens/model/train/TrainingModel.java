package org.egolens.model.train;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.io.Safetensors;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelConfig;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.ModelPresets;
import org.egolens.model.nn.ParameterNames;
import org.egolens.model.nn.RopeMode;
import org.egolens.model.nn.WeightLoader;
import org.egolens.model.tokenize.Tokenizer;

/**
 * The model a run trains, built from the config's {@code model} section: a preset (seeded random weights) or a model
 * folder, with T frames and the RoPE mode; {@code temporal: false} makes the order-blind ablation (no temporal RoPE and
 * the temporal embedding held at zero, so the video tower sees the frames as a set). Also decides which parameters are
 * frozen: the temporal embedding in the ablation, and the logit scale unless InfoNCE learns it (spec §1.4: fixed
 * temperature). A preset's token-embedding table is cut to the tokenizer's vocabulary when that is smaller (the demo
 * workspace's merges: 601 ids instead of CLIP's 49,408), since rows no id reaches are dead weight in every
 * optimiser step; such a model's folders carry their vocabulary file ({@link ModelFactory#save}).
 *
 * @param model  the dual encoder (its parameters are the ones trained)
 * @param frozen state-dict names left out of training
 */
public record TrainingModel(Eva02AtClipModel model, Set<String> frozen) {
    /** The logit-scale parameter's name. */
    public static final String LOGIT_SCALE = "logit_scale";

    /**
     * Builds the model.
     *
     * @param cfg       the run config
     * @param tokenizer the text tokenizer
     * @throws IOException              if a model folder cannot be read
     * @throws IllegalArgumentException for an ablation the RoPE mode cannot express
     */
    public static TrainingModel build(TrainRunConfig cfg, Tokenizer tokenizer) throws IOException {
        TrainRunConfig.Model m = cfg.model();
        RopeMode rope = RopeMode.parse(m.ropeMode() == null ? "st" : m.ropeMode());
        if (!m.temporal()) {
            rope = switch (rope) {
                case ST, SPATIAL -> RopeMode.SPATIAL;
                case NONE -> RopeMode.NONE;
                case SPLIT3D -> throw new IllegalArgumentException("model.temporal: false needs rope_mode st, spatial "
                        + "or none (split3d reserves channels for time)");
            };
        }
        Eva02AtClipModel model;
        if (m.dir() != null && !m.dir().isBlank()) {
            Eva02AtClipModel loaded = ModelFactory.load(Path.of(m.dir()), m.frames(), tokenizer);
            if (loaded.config().ropeMode() != rope) {
                ModelConfig c = loaded.config().withRopeMode(rope);
                Eva02AtClipModel fresh = ModelFactory.create(c, Path.of(m.dir()).getFileName().toString(), cfg.seed(),
                        tokenizer);
                copyWeights(loaded, fresh);
                loaded.close();
                model = fresh;
            } else {
                model = loaded;
            }
        } else {
            ModelConfig c = ModelPresets.get(m.preset()).withNumFrames(m.frames()).withRopeMode(rope);
            if (tokenizer.vocabularySize() < c.text().vocabSize()) { // rows no id can reach would only cost AdamW time
                c = c.withVocabSize(tokenizer.vocabularySize());
            }
            model = ModelFactory.create(c, m.preset(), cfg.seed(), tokenizer);
        }
        Set<String> frozen = new LinkedHashSet<>();
        if (!m.temporal()) {
            Parameter te = ParameterNames.of(model.block()).get(WeightLoader.TEMPORAL_EMBED);
            te.getArray().set(new float[(int) te.getArray().size()]);
            frozen.add(WeightLoader.TEMPORAL_EMBED);
        }
        if (!("infonce".equals(cfg.loss().name()) && cfg.loss().learnableLogitScale())) {
            frozen.add(LOGIT_SCALE);
        }
        model.block().freezeParameters(false);
        Map<String, Parameter> all = ParameterNames.of(model.block());
        for (String f : frozen) {
            all.get(f).freeze(true);
        }
        return new TrainingModel(model, Set.copyOf(frozen));
    }

    /**
     * Sets every parameter from a {@code model.safetensors} written by {@link org.egolens.model.nn.ModelFactory#save}.
     *
     * @throws IOException if the file is unreadable, or any key is missing, unexpected or mis-shaped (all listed)
     */
    public void loadWeights(Path file) throws IOException {
        Map<String, FloatTensor> w = Safetensors.readFloats(file);
        Map<String, Parameter> all = ParameterNames.of(model.block());
        Set<String> missing = new TreeSet<>(all.keySet());
        missing.removeAll(w.keySet());
        Set<String> unexpected = new TreeSet<>(w.keySet());
        unexpected.removeAll(all.keySet());
        Set<String> misShaped = new TreeSet<>();
        all.forEach((k, p) -> {
            FloatTensor t = w.get(k);
            if (t != null && !new ai.djl.ndarray.types.Shape(t.shape()).equals(p.getArray().getShape())) {
                misShaped.add(k + " " + new ai.djl.ndarray.types.Shape(t.shape()) + " vs " + p.getArray().getShape());
            }
        });
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misShaped.isEmpty()) {
            throw new IOException(file + " does not fit the model: missing " + missing + ", unexpected " + unexpected
                    + ", mis-shaped " + misShaped);
        }
        all.forEach((k, p) -> p.getArray().set(w.get(k).data()));
    }

    private static void copyWeights(Eva02AtClipModel from, Eva02AtClipModel to) {
        Map<String, Parameter> src = ParameterNames.of(from.block());
        ParameterNames.of(to.block()).forEach((k, p) -> {
            Parameter s = src.get(k);
            if (s != null && s.getArray().getShape().equals(p.getArray().getShape())) {
                p.getArray().set(s.getArray().toFloatArray());
            }
        });
    }
}
