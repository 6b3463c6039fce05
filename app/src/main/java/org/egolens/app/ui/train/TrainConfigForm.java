package org.egolens.app.ui.train;

import org.egolens.model.train.TrainRunConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.controlsfx.control.PropertySheet;
import org.egolens.model.nn.ModelPresets;

/**
 * The editable form behind "New training run": one {@link PropertySheet.Item} per config key of the training run
 * contract, grouped in the categories Data, Model, Loss, Optimiser, Schedule, Evaluation, plus the run name. Only the
 * hyper-parameters of the chosen loss are listed (γ, λ, τ for SMS; γ for MI-MM; temperature for InfoNCE).
 * Starts from {@link TrainRunConfig#demoSms()}. FX thread.
 */
public final class TrainConfigForm {
    /** Category order in the sheet. */
    public static final List<String> CATEGORIES = List.of("Data", "Model", "Loss", "Optimiser", "Schedule",
            "Evaluation");

    private final StringProperty name = new SimpleStringProperty(this, "name", "demo-sms");
    private final Map<String, FormItem<?>> items = new LinkedHashMap<>();
    private final ObservableList<PropertySheet.Item> shown = FXCollections.observableArrayList();

    /** A form holding the demo SMS recipe. */
    public TrainConfigForm() {
        TrainRunConfig d = TrainRunConfig.demoSms();
        List<String> presets = new ArrayList<>(ModelPresets.names());
        add(FormItem.choice("data.kind", "Data", "Dataset", "Training data: the generated demo stream, EK-100 MIR "
                + "or EgoClip", TrainRunConfig.DATA_KINDS, d.data().kind()));
        add(FormItem.path("data.workspace", "Data", "Demo workspace", "Demo workspace folder (test split, mirror pairs); "
                + "generated if missing", true));
        add(FormItem.path("data.train_annotations", "Data", "Train annotations", "EK-100: "
                + "EPIC_100_retrieval_train.csv; EgoClip: egoclip.csv", false));
        add(FormItem.path("data.train_sentences", "Data", "Train sentences", "EK-100 train sentences CSV", false));
        add(FormItem.path("data.video_root", "Data", "Video root", "Folder holding the training videos", true));
        add(FormItem.number("data.relevancy_threshold", "Data", "Min. relevancy", "Relevancy at or above which a "
                + "narration is a positive", d.data().relevancyThreshold()));
        add(FormItem.choice("model.preset", "Model", "Preset", "Model preset to initialise from (ignored when a "
                + "checkpoint is set)", presets, d.model().preset()));
        add(FormItem.path("model.dir", "Model", "Checkpoint", "Model folder or checkpoint to start from instead of a "
                + "preset", true));
        add(FormItem.integer("model.frames", "Model", "Frames (T)", "Frames sampled per clip", d.model().frames()));
        add(FormItem.choice("model.rope_mode", "Model", "RoPE", "Rotary position embedding of the video tower: st "
                + "(spatial-temporal), spatial, split3d, none", List.of("st", "spatial", "split3d", "none"),
                d.model().ropeMode()));
        add(FormItem.check("model.temporal", "Model", "Temporal", "Off: no temporal embedding and no "
                + "temporal RoPE (order-blind ablation)", d.model().temporal()));
        add(FormItem.choice("loss.name", "Loss", "Loss function", "Training loss: SMS (Eq. 16), SMS Eq. 15, MI-MM, adaptive "
                + "MI-MM, InfoNCE", TrainRunConfig.LOSSES, d.loss().name()));
        add(FormItem.number("loss.gamma", "Loss", "Margin \u03b3", "Margin (SMS 0.6 on EK-100; MI-MM 0.2; adaptive "
                + "MI-MM 0.4)", d.loss().gamma()));
        add(FormItem.number("loss.lambda", "Loss", "Edge threshold \u03bb", "SMS: relevancy differences below \u03bb "
                + "count as equally relevant", d.loss().lambdaThreshold()));
        add(FormItem.number("loss.tau", "Loss", "Relaxation \u03c4", "SMS: dead zone for equally relevant pairs",
                d.loss().tau()));
        add(FormItem.number("loss.temperature", "Loss", "Temperature", "InfoNCE softmax temperature",
                d.loss().temperature()));
        add(FormItem.check("loss.learnable_logit_scale", "Loss", "Learnable scale", "InfoNCE: learn the logit "
                + "scale", d.loss().learnableLogitScale()));
        add(FormItem.integer("batch_size", "Optimiser", "Batch size", "Clips per optimisation step", d.batchSize()));
        add(FormItem.number("optim.lr", "Optimiser", "Learning rate", "Peak AdamW learning rate after warm-up",
                d.optim().lr()));
        add(FormItem.number("optim.min_lr", "Optimiser", "Final lr", "Learning rate at the end of the "
                + "cosine decay", d.optim().minLr()));
        add(FormItem.integer("optim.warmup_steps", "Optimiser", "Warm-up steps", "Linear warm-up from 0 to the "
                + "learning rate", d.optim().warmupSteps()));
        add(FormItem.number("optim.weight_decay", "Optimiser", "Weight decay", "AdamW decoupled weight decay",
                d.optim().weightDecay()));
        add(FormItem.number("optim.beta1", "Optimiser", "\u03b21", "AdamW first-moment decay", d.optim().beta1()));
        add(FormItem.number("optim.beta2", "Optimiser", "\u03b22", "AdamW second-moment decay", d.optim().beta2()));
        add(FormItem.number("optim.eps", "Optimiser", "\u03b5", "AdamW epsilon", d.optim().eps()));
        add(FormItem.number("optim.clip_grad_norm", "Optimiser", "Gradient clip", "Global gradient-norm clip; 0 = none",
                d.optim().clipGradNorm()));
        add(FormItem.integer("optim.accumulation", "Optimiser", "Accumulation", "Gradient accumulation steps",
                d.optim().accumulation()));
        add(FormItem.integer("epochs", "Schedule", "Epochs", "Epochs to train", d.epochs()));
        add(FormItem.integer("steps_per_epoch", "Schedule", "Steps per epoch", "Steps per epoch of stream data",
                d.stepsPerEpoch()));
        add(FormItem.number("time_budget_minutes", "Schedule", "Budget (minutes)", "Stop with a final evaluation and "
                + "checkpoint after this many minutes; 0 = none", d.timeBudgetMinutes()));
        add(FormItem.integer("checkpoint.every_steps", "Schedule", "Checkpoint every", "Steps between checkpoints",
                d.checkpoint().everySteps()));
        add(FormItem.integer("checkpoint.keep_last", "Schedule", "Keep last", "Most recent checkpoints kept",
                d.checkpoint().keepLast()));
        add(FormItem.longInt("seed", "Schedule", "Seed", "Random seed", d.seed()));
        add(FormItem.integer("threads.intra_op", "Schedule", "Compute threads", "PyTorch intra-op threads",
                d.threads().intraOp()));
        add(FormItem.integer("threads.data", "Schedule", "Data threads", "Data-loading threads", d.threads().data()));
        add(FormItem.integer("eval.every_epochs", "Evaluation", "Every (epochs)", "Epochs between validation "
                + "passes", d.eval().everyEpochs()));
        add(FormItem.path("eval.annotations", "Evaluation", "Test annotations", "Test annotation CSV (empty: the demo "
                + "workspace's test split)", false));
        add(FormItem.path("eval.sentences", "Evaluation", "Test sentences", "Test sentences CSV", false));
        add(FormItem.path("eval.video_root", "Evaluation", "Test videos", "Folder of the test videos", true));
        add(FormItem.path("eval.mirror_pairs", "Evaluation", "Mirror pairs", "Mirror-pair list for the "
                + "order-sensitivity probe", false));
        item("loss.name").valueProperty().addListener((o, a, b) -> refreshShown());
        load(d);
    }

    private void add(FormItem<?> item) {
        items.put(item.key(), item);
    }

    /** The run name. */
    public StringProperty nameProperty() {
        return name;
    }

    /** The items for the property sheet (changes when the loss changes). */
    public ObservableList<PropertySheet.Item> items() {
        return shown;
    }

    /** Orders categories as {@link #CATEGORIES}. */
    public static Comparator<String> categoryOrder() {
        return Comparator.comparingInt(c -> CATEGORIES.indexOf(c) < 0 ? CATEGORIES.size() : CATEGORIES.indexOf(c));
    }

    /** The value of a key. @throws IllegalArgumentException for an unknown key */
    public Object get(String key) {
        return item(key).getValue();
    }

    /** Sets the value of a key (numbers are converted to the key's type). @throws IllegalArgumentException */
    public void set(String key, Object value) {
        item(key).setValue(value);
    }

    FormItem<?> item(String key) {
        FormItem<?> f = items.get(key);
        if (f == null) {
            throw new IllegalArgumentException("no form field for config key '" + key + "'");
        }
        return f;
    }

    /** Fills the form from a config (e.g. the one of an existing run, to start a variant of it). */
    public void load(TrainRunConfig c) {
        name.set(c.name());
        set("seed", c.seed());
        set("model.preset", c.model().preset());
        set("model.dir", c.model().dir());
        set("model.frames", c.model().frames());
        set("model.rope_mode", c.model().ropeMode());
        set("model.temporal", c.model().temporal());
        set("data.kind", c.data().kind());
        set("data.workspace", c.data().workspace());
        set("data.train_annotations", c.data().trainAnnotations());
        set("data.train_sentences", c.data().trainSentences());
        set("data.video_root", c.data().videoRoot());
        set("data.relevancy_threshold", c.data().relevancyThreshold());
        set("loss.name", c.loss().name());
        set("loss.gamma", c.loss().gamma());
        set("loss.lambda", c.loss().lambdaThreshold());
        set("loss.tau", c.loss().tau());
        set("loss.temperature", c.loss().temperature());
        set("loss.learnable_logit_scale", c.loss().learnableLogitScale());
        set("optim.lr", c.optim().lr());
        set("optim.weight_decay", c.optim().weightDecay());
        set("optim.warmup_steps", c.optim().warmupSteps());
        set("optim.min_lr", c.optim().minLr());
        set("optim.beta1", c.optim().beta1());
        set("optim.beta2", c.optim().beta2());
        set("optim.eps", c.optim().eps());
        set("optim.clip_grad_norm", c.optim().clipGradNorm());
        set("optim.accumulation", c.optim().accumulation());
        set("batch_size", c.batchSize());
        set("epochs", c.epochs());
        set("steps_per_epoch", c.stepsPerEpoch());
        set("time_budget_minutes", c.timeBudgetMinutes());
        set("eval.every_epochs", c.eval().everyEpochs());
        set("eval.annotations", c.eval().annotations());
        set("eval.sentences", c.eval().sentences());
        set("eval.video_root", c.eval().videoRoot());
        set("eval.mirror_pairs", c.eval().mirrorPairs());
        set("checkpoint.every_steps", c.checkpoint().everySteps());
        set("checkpoint.keep_last", c.checkpoint().keepLast());
        set("threads.intra_op", c.threads().intraOp());
        set("threads.data", c.threads().data());
        refreshShown();
    }

    /** The config the form describes (not validated; see {@link TrainRunConfig#problems()}). */
    public TrainRunConfig toConfig() {
        return new TrainRunConfig(name.get() == null ? "" : name.get().trim(), (Long) get("seed"),
                new TrainRunConfig.Model(str("model.preset"), str("model.dir"), (Integer) get("model.frames"),
                        str("model.rope_mode"), (Boolean) get("model.temporal")),
                new TrainRunConfig.Data(str("data.kind"), str("data.workspace"), str("data.train_annotations"),
                        str("data.train_sentences"), str("data.video_root"), dbl("data.relevancy_threshold")),
                new TrainRunConfig.Loss(str("loss.name"), dbl("loss.gamma"), dbl("loss.lambda"), dbl("loss.tau"),
                        dbl("loss.temperature"), (Boolean) get("loss.learnable_logit_scale")),
                new TrainRunConfig.Optim(dbl("optim.lr"), dbl("optim.weight_decay"),
                        (Integer) get("optim.warmup_steps"), dbl("optim.min_lr"), dbl("optim.beta1"),
                        dbl("optim.beta2"), dbl("optim.eps"), dbl("optim.clip_grad_norm"),
                        (Integer) get("optim.accumulation")),
                (Integer) get("batch_size"), (Integer) get("epochs"), (Integer) get("steps_per_epoch"),
                dbl("time_budget_minutes"),
                new TrainRunConfig.Eval((Integer) get("eval.every_epochs"), str("eval.annotations"),
                        str("eval.sentences"), str("eval.video_root"), str("eval.mirror_pairs")),
                new TrainRunConfig.Checkpoint((Integer) get("checkpoint.every_steps"),
                        (Integer) get("checkpoint.keep_last")),
                new TrainRunConfig.Threads((Integer) get("threads.intra_op"), (Integer) get("threads.data")));
    }

    private String str(String key) {
        Object v = get(key);
        return v == null || v.toString().isBlank() ? null : v.toString();
    }

    private double dbl(String key) {
        return ((Number) get(key)).doubleValue();
    }

    /** Lists the items relevant to the chosen loss. */
    private void refreshShown() {
        String loss = str("loss.name");
        Set<String> hidden = switch (loss == null ? "" : loss) {
            case "sms", "sms-eq15" -> Set.of("loss.temperature", "loss.learnable_logit_scale");
            case "mimm", "adaptive-mimm" -> Set.of("loss.lambda", "loss.tau", "loss.temperature",
                    "loss.learnable_logit_scale");
            case "infonce" -> Set.of("loss.gamma", "loss.lambda", "loss.tau");
            default -> Set.of();
        };
        List<PropertySheet.Item> next = items.values().stream().filter(i -> !hidden.contains(i.key()))
                .map(i -> (PropertySheet.Item) i).toList();
        if (!next.equals(shown)) {
            shown.setAll(next);
        }
    }
}
