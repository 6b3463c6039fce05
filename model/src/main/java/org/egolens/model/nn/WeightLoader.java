package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.io.Safetensors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads an EVA-CLIP / EVA02-AT state dict into a block tree by PyTorch names ({@link ParameterNames}), strictly:
 *
 * <ul>
 *   <li>a leading {@code module.} (DDP) is stripped from every key;</li>
 *   <li>RoPE buffers ({@code *rope.freqs_cos}, {@code *rope.freqs_sin}) and a text {@code attn_mask} are ignored: they are
 *       recomputed from the config, as EVA-CLIP's own loader does;</li>
 *   <li>{@code visual.temporal_embed} absent (an image checkpoint) → zeros, logged (or its initial value when the caller
 *       names it in {@code keep}); present with another frame count {@code (1, T₀, D)} → resampled to {@code (1, T, D)}
 *       as PyTorch's {@code interpolate(mode='bilinear', align_corners=False)} over the {@code (T, D)} plane does, as
 *       AVION's {@code inflate_positional_embeds}: with D unchanged that is linear interpolation over time;</li>
 *   <li>any other missing, unexpected or mis-shaped key is refused with a {@link WeightLoadException} listing them all,
 *       unless the caller names it in {@code keep} (then it keeps its initial value).</li>
 * </ul>
 */
public final class WeightLoader {
    /** Name of the temporal table, the one parameter that video checkpoints add. */
    public static final String TEMPORAL_EMBED = "visual.temporal_embed";
    private static final Logger LOG = LoggerFactory.getLogger(WeightLoader.class);
    private static final Pattern IGNORABLE = Pattern.compile("(?:^|.*\\.)(?:rope\\.freqs_(?:cos|sin)|attn_mask)$");
    private static final String DDP_PREFIX = "module.";

    private WeightLoader() {}

    private enum Action { LOAD, INTERPOLATE, ZEROS, KEEP }

    private record Step(Parameter param, Action action, String checkpointKey) {}

    private record Plan(LoadReport report, Map<String, Step> steps) {}

    /** True for checkpoint keys that are recomputed rather than loaded (RoPE tables, attention mask). */
    public static boolean isIgnorable(String key) {
        return IGNORABLE.matcher(key).matches();
    }

    /**
     * Matches a checkpoint against a block without changing anything.
     *
     * @param keep model keys that may be missing or mis-shaped (left at their initial values)
     * @throws IllegalArgumentException if two checkpoint keys collide after stripping {@code module.}
     */
    public static LoadReport check(Block block, StateDict sd, Set<String> keep) {
        return plan(block, sd, keep).report();
    }

    private static Plan plan(Block block, StateDict sd, Set<String> keep) {
        Map<String, Parameter> model = ParameterNames.of(block);
        Map<String, String> ck = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (String raw : sd.keys()) {
            String k = raw.startsWith(DDP_PREFIX) ? raw.substring(DDP_PREFIX.length()) : raw;
            if (ck.put(k, raw) != null) {
                throw new IllegalArgumentException(sd.source() + ": keys '" + raw + "' and '" + k
                        + "' name the same tensor once 'module.' is stripped");
            }
        }
        for (String k : ck.keySet()) {
            if (isIgnorable(k)) {
                ignored.add(k);
            } else if (!model.containsKey(k)) {
                unexpected.add(k);
            }
        }
        List<String> matched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        List<String> defaulted = new ArrayList<>();
        List<String> interpolated = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        Map<String, Step> steps = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.entrySet()) {
            String name = e.getKey();
            Parameter p = e.getValue();
            long[] want = p.getShape().getShape();
            String raw = ck.get(name);
            if (raw == null || isIgnorable(name)) {
                if (name.equals(TEMPORAL_EMBED) && !keep.contains(name)) {
                    defaulted.add(name);
                    steps.put(name, new Step(p, Action.ZEROS, null));
                } else if (keep.contains(name)) {
                    kept.add(name);
                    steps.put(name, new Step(p, Action.KEEP, null));
                } else {
                    missing.add(name);
                }
                continue;
            }
            long[] have = sd.shape(raw);
            if (sameShape(have, want)) {
                matched.add(name);
                steps.put(name, new Step(p, Action.LOAD, raw));
            } else if (name.equals(TEMPORAL_EMBED) && have.length == 3 && want.length == 3 && have[0] == 1
                    && have[2] == want[2] && have[1] > 0) {
                interpolated.add(name + " " + have[1] + " -> " + want[1] + " frames (bilinear)");
                steps.put(name, new Step(p, Action.INTERPOLATE, raw));
            } else if (keep.contains(name)) {
                kept.add(name);
                steps.put(name, new Step(p, Action.KEEP, null));
            } else {
                mismatched.add(name + ": checkpoint " + Arrays.toString(have) + " vs model " + Arrays.toString(want));
            }
        }
        LoadReport r = new LoadReport(sd.source(), matched, missing, unexpected, mismatched, ignored, defaulted,
                interpolated, kept);
        return new Plan(r, steps);
    }

    private static boolean sameShape(long[] have, long[] want) {
        if (Arrays.equals(have, want)) {
            return true;
        }
        // a scalar stored as (1,) or the other way round (logit_scale in some exports)
        return numel(have) == 1 && numel(want) == 1 && have.length <= 1 && want.length <= 1;
    }

    private static long numel(long[] s) {
        long n = 1;
        for (long x : s) {
            n *= x;
        }
        return n;
    }

    private static LoadReport refuseOrLog(Plan plan) throws WeightLoadException {
        LoadReport r = plan.report();
        if (!r.ok()) {
            throw new WeightLoadException(r);
        }
        if (!r.defaulted().isEmpty()) {
            LOG.info("{}: not in the checkpoint, set to zeros: {}", r.source(), r.defaulted());
        }
        if (!r.interpolated().isEmpty()) {
            LOG.info("{}: resampled over time (bilinear, align_corners=False): {}", r.source(), r.interpolated());
        }
        if (!r.kept().isEmpty()) {
            LOG.info("{}: new, initialised rather than loaded: {}", r.source(), r.kept());
        }
        LOG.info("{}", r.summary());
        return r;
    }

    private static float[] valuesFor(StateDict sd, Step s) throws IOException {
        long[] want = s.param().getShape().getShape();
        float[] v = sd.values(s.checkpointKey());
        if (s.action() == Action.INTERPOLATE) {
            long[] have = sd.shape(s.checkpointKey());
            return resampleTime(v, (int) have[1], (int) want[1], (int) want[2]);
        }
        return v;
    }

    /**
     * Loads into an initialised block, in place.
     *
     * @param keep model keys allowed to be missing or mis-shaped (keep their current values); usually empty
     * @throws WeightLoadException if keys are missing, unexpected or mis-shaped (nothing is changed then)
     * @throws IOException if a tensor cannot be read
     */
    public static LoadReport load(Block block, StateDict sd, Set<String> keep) throws IOException {
        Plan plan = plan(block, sd, keep);
        LoadReport r = refuseOrLog(plan);
        for (Step s : plan.steps().values()) {
            NDArray a = s.param().getArray();
            switch (s.action()) {
                case LOAD, INTERPOLATE -> a.set(valuesFor(sd, s));
                case ZEROS -> a.set(new float[Math.toIntExact(a.size())]);
                case KEEP -> { }
                default -> throw new IllegalStateException(s.action().toString());
            }
        }
        return r;
    }

    /** {@link #load(Block, StateDict, Set)} with no kept keys. */
    public static LoadReport load(Block block, StateDict sd) throws IOException {
        return load(block, sd, Collections.emptySet());
    }

    /**
     * Initialises an uninitialised block directly from a checkpoint (no separate init pass): checked first, then every
     * loaded parameter's initializer is replaced by one that reads its tensor; kept parameters use the initializer they
     * already have.
     *
     * @throws WeightLoadException if keys are missing, unexpected or mis-shaped
     * @throws IOException if a tensor cannot be read
     */
    public static LoadReport initialize(Block block, StateDict sd, Set<String> keep, NDManager manager,
            Shape... inputShapes) throws IOException {
        Plan plan = plan(block, sd, keep);
        LoadReport r = refuseOrLog(plan);
        for (Step s : plan.steps().values()) {
            switch (s.action()) {
                case LOAD, INTERPOLATE -> s.param().setInitializer(new Initializer() {
                    @Override
                    public NDArray initialize(NDManager m, Shape shape, DataType dataType) {
                        try {
                            return m.create(valuesFor(sd, s), shape);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
                case ZEROS -> s.param().setInitializer(Initializer.ZEROS);
                case KEEP -> { }
                default -> throw new IllegalStateException(s.action().toString());
            }
        }
        try {
            block.initialize(manager, DataType.FLOAT32, inputShapes);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return r;
    }

    /** Copies every parameter out as a PyTorch-named float32 state dict (for saving or comparing). */
    public static Map<String, FloatTensor> export(Block block) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : ParameterNames.of(block).entrySet()) {
            NDArray a = e.getValue().getArray();
            out.put(e.getKey(), new FloatTensor(a.getShape().getShape(), a.toType(DataType.FLOAT32, false).toFloatArray()));
        }
        return out;
    }

    /**
     * Writes every parameter to a float32 safetensors file with EVA-CLIP names (atomic), one tensor in Java memory at a time.
     *
     * @throws IOException on a write error
     */
    public static void save(Block block, Path file, Map<String, String> metadata) throws IOException {
        Map<String, Parameter> params = ParameterNames.of(block);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        params.forEach((k, p) -> shapes.put(k, p.getArray().getShape().getShape()));
        Safetensors.writeF32(file, shapes, k -> params.get(k).getArray().toFloatArray(), metadata);
    }

    /**
     * Resamples a {@code (1, T₀, D)} table to {@code (1, T₁, D)} along time, linearly, with PyTorch's
     * {@code align_corners=False} convention: output frame i reads source position {@code max(0, (i + ½)·T₀/T₁ − ½)}.
     *
     * @param src {@code T₀·D} values
     * @return {@code T₁·D} values
     */
    public static float[] resampleTime(float[] src, int t0, int t1, int d) {
        if (src.length != t0 * d) {
            throw new IllegalArgumentException("expected " + t0 + "x" + d + " values, got " + src.length);
        }
        float[] out = new float[t1 * d];
        double ratio = (double) t0 / t1;
        for (int i = 0; i < t1; i++) {
            double pos = Math.max(0.0, (i + 0.5) * ratio - 0.5);
            int lo = Math.min((int) Math.floor(pos), t0 - 1);
            int hi = Math.min(lo + 1, t0 - 1);
            double w = pos - lo;
            for (int c = 0; c < d; c++) {
                out[i * d + c] = (float) ((1 - w) * src[lo * d + c] + w * src[hi * d + c]);
            }
        }
        return out;
    }
}
