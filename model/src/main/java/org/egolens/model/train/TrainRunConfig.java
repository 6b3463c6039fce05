package org.egolens.model.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.egolens.model.nn.ModelPresets;
import org.egolens.model.nn.RopeMode;

/**
 * A training run configuration exactly as the training run contract's config file (keys snake_case, nested as
 * {@code model}, {@code data}, {@code loss}, {@code optim}, {@code eval}, {@code checkpoint}, {@code threads}); written to
 * {@code <run>/config.yaml} and passed to {@code egolens train --config}. Paths are absolute strings (null = unset).
 *
 * @param name              run name (the run folder is {@code <name>-<yyyyMMdd-HHmmss>})
 * @param seed              random seed
 * @param model             encoder: preset or model folder, frames T, RoPE mode, temporal modelling
 * @param data              training data
 * @param loss              loss and its hyper-parameters
 * @param optim             AdamW and the warm-up + cosine learning-rate schedule
 * @param batchSize         clips per optimisation step
 * @param epochs            epochs to train
 * @param stepsPerEpoch     steps per epoch of stream data (ignored for file datasets)
 * @param timeBudgetMinutes wall-clock budget in minutes, 0 = none
 * @param eval              validation schedule and data (null paths: the demo workspace's test split)
 * @param checkpoint        checkpoint schedule
 * @param threads           intra-op and data-loading threads
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainRunConfig(String name, long seed, Model model, Data data, Loss loss, Optim optim, int batchSize,
                             int epochs, int stepsPerEpoch, double timeBudgetMinutes, Eval eval, Checkpoint checkpoint,
                             Threads threads) {
    /** Data kinds the trainer reads. */
    public static final List<String> DATA_KINDS = List.of("demo-stream", "ek100", "egoclip");
    /** Loss names the trainer knows. */
    public static final List<String> LOSSES = List.of("sms", "sms-eq15", "mimm", "adaptive-mimm", "infonce");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * @param preset   model preset ({@code tiny}, {@code tiny-demo}, {@code eva02-at-b16}, {@code eva02-at-l14}); ignored
     *                 when {@code dir} is set
     * @param dir      model folder or checkpoint to start from, or null
     * @param frames   frames per clip, T
     * @param ropeMode {@code st}, {@code spatial}, {@code split3d} or {@code none}
     * @param temporal false turns off the temporal embedding and temporal RoPE (order-blind ablation)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String preset, String dir, int frames, String ropeMode, boolean temporal) {}

    /**
     * @param kind               {@code demo-stream}, {@code ek100} or {@code egoclip}
     * @param workspace          demo workspace folder (generated if missing for demo-stream), or null
     * @param trainAnnotations   ek100: EPIC_100_retrieval_train.csv; egoclip: egoclip.csv
     * @param trainSentences     ek100: the train sentences CSV
     * @param videoRoot          folder of the training videos
     * @param relevancyThreshold relevancy at or above which a narration counts as positive (λ's partner)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(String kind, String workspace, String trainAnnotations, String trainSentences, String videoRoot,
                       double relevancyThreshold) {}

    /**
     * @param name                sms | sms-eq15 | mimm | adaptive-mimm | infonce
     * @param gamma               margin γ (SMS 0.6 on EK-100; MI-MM 0.2; adaptive MI-MM 0.4)
     * @param lambdaThreshold     SMS edge threshold λ on the relevancy difference (0.1), key {@code lambda}
     * @param tau                 SMS relaxation τ, the dead zone for equally relevant pairs (0.1)
     * @param temperature         InfoNCE temperature (0.05)
     * @param learnableLogitScale InfoNCE: learn the logit scale instead of fixing 1/temperature
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Loss(String name, double gamma, @JsonProperty("lambda") double lambdaThreshold, double tau,
                       double temperature, boolean learnableLogitScale) {}

    /**
     * @param lr           peak learning rate after warm-up
     * @param weightDecay  AdamW decoupled weight decay
     * @param warmupSteps  linear warm-up steps
     * @param minLr        learning rate at the end of the cosine decay
     * @param beta1        AdamW β1
     * @param beta2        AdamW β2
     * @param eps          AdamW ε
     * @param clipGradNorm global gradient-norm clip, 0 = none
     * @param accumulation gradient accumulation steps
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Optim(double lr, double weightDecay, int warmupSteps, double minLr, double beta1, double beta2,
                        double eps, double clipGradNorm, int accumulation) {}

    /**
     * @param everyEpochs evaluate every this many epochs
     * @param annotations test annotations (null: the demo workspace's test split)
     * @param sentences   test sentences
     * @param videoRoot   test videos
     * @param mirrorPairs mirror-pair list for the order-sensitivity probe
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Eval(int everyEpochs, String annotations, String sentences, String videoRoot, String mirrorPairs) {}

    /**
     * @param everySteps write a checkpoint every this many steps
     * @param keepLast   checkpoints to keep
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Checkpoint(int everySteps, int keepLast) {}

    /**
     * @param intraOp PyTorch intra-op threads
     * @param data    data-loading threads
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Threads(int intraOp, int data) {}

    /**
     * The demo SMS recipe: tiny-demo, T = 4, demo stream, SMS γ 0.6 λ 0.1 τ 0.1, batch 48, AdamW lr 1e-3 with 50 warm-up
     * steps and cosine decay to 1e-5, 54 epochs × 50 steps (so that the schedule ends inside the budget on a 2-core CPU),
     * evaluation every 2 epochs, 15-minute budget, two intra-op threads and one data thread, seed 3407: the same recipe
     * as {@code experiments/demo/finetune-sms.yaml}.
     */
    public static TrainRunConfig demoSms() {
        return new TrainRunConfig("demo-sms", 3407,
                new Model("tiny-demo", null, 4, "st", true),
                new Data("demo-stream", null, null, null, null, 0.1),
                new Loss("sms", 0.6, 0.1, 0.1, 0.05, false),
                new Optim(1.0e-3, 0.01, 50, 1.0e-5, 0.9, 0.999, 1.0e-8, 1.0, 1),
                48, 54, 50, 15,
                new Eval(2, null, null, null, null),
                new Checkpoint(100, 2),
                new Threads(2, 1));
    }

    /** The config as YAML (the contract's keys). */
    public String toYaml() {
        try {
            return YAML.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the config as YAML", e);
        }
    }

    /**
     * Reads a config file written by {@link #toYaml()} or by the trainer ({@code config.resolved.yaml}); unknown keys
     * are ignored, missing ones are zero/null.
     *
     * @throws IllegalArgumentException with the parser's message if the text is not such a YAML mapping
     */
    public static TrainRunConfig fromYaml(String yaml) {
        try {
            return YAML.readValue(yaml, TrainRunConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a training config: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Keys of a config text that no field reads, as dotted paths (e.g. {@code optim.learning_rate}): {@link #fromYaml}
     * ignores them so that run folders written by newer versions stay readable, but a config a user wrote should not
     * silently lose a misspelt key.
     *
     * @throws IllegalArgumentException if the text is not a YAML mapping
     */
    public static List<String> unknownKeys(String yaml) {
        com.fasterxml.jackson.databind.JsonNode given;
        try {
            given = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a training config: " + e.getOriginalMessage(), e);
        }
        List<String> out = new ArrayList<>();
        unknown(given, YAML.valueToTree(demoSms()), "", out);
        return out;
    }

    private static void unknown(com.fasterxml.jackson.databind.JsonNode given, com.fasterxml.jackson.databind.JsonNode known,
                                String prefix, List<String> out) {
        if (given == null || !given.isObject()) {
            return;
        }
        given.fieldNames().forEachRemaining(k -> {
            com.fasterxml.jackson.databind.JsonNode ref = known.get(k);
            if (ref == null) {
                out.add(prefix + k);
            } else if (ref.isObject()) {
                unknown(given.get(k), ref, prefix + k + ".", out);
            }
        });
    }

    /**
     * Checks the values the trainer would reject, naming each key.
     *
     * @return one message per problem, e.g. {@code "optim.lr must be > 0 (got 0.0)"}; empty if the config is usable
     */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (name == null || name.isBlank()) {
            p.add("name must not be empty");
        } else if (!name.matches("[A-Za-z0-9._-]+")) {
            p.add("name may contain only letters, digits, '.', '_' and '-' (got '" + name + "')");
        }
        if (model == null || data == null || loss == null || optim == null || eval == null || checkpoint == null
                || threads == null) {
            p.add("model, data, loss, optim, eval, checkpoint and threads must all be present");
            return p;
        }
        if (blank(model.dir())) {
            if (blank(model.preset())) {
                p.add("model.preset or model.dir must be set");
            } else if (!ModelPresets.exists(model.preset())) {
                p.add("model.preset '" + model.preset() + "' is not one of " + ModelPresets.names());
            }
        } else if (!Files.exists(Path.of(model.dir()))) {
            p.add("model.dir does not exist: " + model.dir());
        }
        positive(p, "model.frames", model.frames());
        try {
            RopeMode.parse(model.ropeMode() == null ? "" : model.ropeMode());
        } catch (IllegalArgumentException e) {
            p.add("model.rope_mode: " + e.getMessage());
        }
        if (!DATA_KINDS.contains(data.kind())) {
            p.add("data.kind must be one of " + DATA_KINDS + " (got '" + data.kind() + "')");
        } else if (!"demo-stream".equals(data.kind())) {
            if (blank(data.trainAnnotations())) {
                p.add("data.train_annotations is required for data.kind " + data.kind());
            }
            if (blank(data.videoRoot())) {
                p.add("data.video_root is required for data.kind " + data.kind());
            }
        }
        for (String[] f : new String[][] {{"data.workspace", data.workspace()}, {"data.train_annotations",
                data.trainAnnotations()}, {"data.train_sentences", data.trainSentences()}, {"data.video_root",
                data.videoRoot()}, {"eval.annotations", eval.annotations()}, {"eval.sentences", eval.sentences()},
                {"eval.video_root", eval.videoRoot()}, {"eval.mirror_pairs", eval.mirrorPairs()}}) {
            boolean demoWorkspace = f[0].equals("data.workspace") && "demo-stream".equals(data.kind());
            if (!blank(f[1]) && !demoWorkspace && !Files.exists(Path.of(f[1]))) {
                p.add(f[0] + " does not exist: " + f[1]);
            }
        }
        inRange(p, "data.relevancy_threshold", data.relevancyThreshold(), 0, 1);
        if (!LOSSES.contains(loss.name())) {
            p.add("loss.name must be one of " + LOSSES + " (got '" + loss.name() + "')");
        }
        nonNegative(p, "loss.gamma", loss.gamma());
        nonNegative(p, "loss.lambda", loss.lambdaThreshold());
        nonNegative(p, "loss.tau", loss.tau());
        if (!(loss.temperature() > 0)) {
            p.add("loss.temperature must be > 0 (got " + loss.temperature() + ")");
        }
        if (!(optim.lr() > 0)) {
            p.add("optim.lr must be > 0 (got " + optim.lr() + ")");
        }
        nonNegative(p, "optim.min_lr", optim.minLr());
        if (optim.minLr() > optim.lr()) {
            p.add("optim.min_lr must not exceed optim.lr (" + optim.minLr() + " > " + optim.lr() + ")");
        }
        nonNegative(p, "optim.weight_decay", optim.weightDecay());
        nonNegative(p, "optim.warmup_steps", optim.warmupSteps());
        inRange(p, "optim.beta1", optim.beta1(), 0, 0.999999);
        inRange(p, "optim.beta2", optim.beta2(), 0, 0.999999999);
        if (!(optim.eps() > 0)) {
            p.add("optim.eps must be > 0 (got " + optim.eps() + ")");
        }
        nonNegative(p, "optim.clip_grad_norm", optim.clipGradNorm());
        positive(p, "optim.accumulation", optim.accumulation());
        positive(p, "batch_size", batchSize);
        if (Set.of("sms", "sms-eq15", "mimm", "adaptive-mimm").contains(loss.name()) && batchSize < 2) {
            p.add("batch_size must be at least 2 for the " + loss.name() + " loss (it needs negatives)");
        }
        positive(p, "epochs", epochs);
        positive(p, "steps_per_epoch", stepsPerEpoch);
        nonNegative(p, "time_budget_minutes", timeBudgetMinutes);
        positive(p, "eval.every_epochs", eval.everyEpochs());
        positive(p, "checkpoint.every_steps", checkpoint.everySteps());
        positive(p, "checkpoint.keep_last", checkpoint.keepLast());
        positive(p, "threads.intra_op", threads.intraOp());
        positive(p, "threads.data", threads.data());
        return p;
    }

    /** A copy with another name. */
    public TrainRunConfig withName(String n) {
        return new TrainRunConfig(n, seed, model, data, loss, optim, batchSize, epochs, stepsPerEpoch,
                timeBudgetMinutes, eval, checkpoint, threads);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void positive(List<String> p, String key, double v) {
        if (!(v > 0)) {
            p.add(key + " must be > 0 (got " + fmt(v) + ")");
        }
    }

    private static void nonNegative(List<String> p, String key, double v) {
        if (!(v >= 0)) {
            p.add(key + " must be >= 0 (got " + fmt(v) + ")");
        }
    }

    private static void inRange(List<String> p, String key, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            p.add(key + " must be in [" + fmt(lo) + ", " + fmt(hi) + "] (got " + fmt(v) + ")");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
