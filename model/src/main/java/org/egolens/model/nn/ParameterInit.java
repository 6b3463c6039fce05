package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic random initialisation of a fresh model (the {@code preset} path of {@link ModelFactory}):
 *
 * <ul>
 *   <li>vision weight matrices, {@code cls_token}, {@code pos_embed}: truncated normal, std 0.02, cut at ±2 std
 *       (EVA/timm {@code trunc_normal_(std=.02)}), the residual-branch outputs of block i then divided by √(2i)
 *       (EVA's {@code fix_init_weight}, {@link #visionRescale});</li>
 *   <li>text tower: CLIP's normal init with width- and depth-scaled stds ({@link #textStd});</li>
 *   <li>biases, {@code q_bias}, {@code v_bias}, LayerNorm biases, {@code visual.temporal_embed}: zeros (spec §8.8 prefers
 *       a zero temporal table);</li>
 *   <li>LayerNorm weights: ones; {@code logit_scale}: ln 20 (temperature 0.05, paper §1.4).</li>
 * </ul>
 * Each tensor draws from its own {@link java.util.Random} seeded from the global seed and the parameter name, so values do
 * not depend on construction order and are identical on every machine.
 */
public final class ParameterInit {
    /** Initial {@code logit_scale}: ln(1 / 0.05). */
    public static final float LOGIT_SCALE_INIT = (float) Math.log(20.0);

    private ParameterInit() {}

    /** Sets the random-init initializers on every parameter (call before {@code block.initialize}). */
    public static void setRandom(Eva02AtClip block, long seed) {
        for (Map.Entry<String, Parameter> e : ParameterNames.of(block).entrySet()) {
            e.getValue().setInitializer(randomInitializer(e.getKey(), e.getValue(), block.config(), seed));
        }
    }

    /** Sets zero initializers everywhere (cheap; used before a checkpoint overwrites every tensor). */
    public static void setZeros(Eva02AtClip block) {
        for (Parameter p : ParameterNames.of(block).values()) {
            p.setInitializer(p.getType() == Parameter.Type.GAMMA ? Initializer.ONES : Initializer.ZEROS);
        }
    }

    static Initializer randomInitializer(String name, Parameter p, ModelConfig cfg, long seed) {
        if (name.equals("logit_scale")) {
            return new ConstantInitializer(LOGIT_SCALE_INIT);
        }
        if (name.equals("visual.temporal_embed") || p.getType() == Parameter.Type.BIAS
                || p.getType() == Parameter.Type.BETA) {
            return Initializer.ZEROS;
        }
        if (p.getType() == Parameter.Type.GAMMA) {
            return Initializer.ONES;
        }
        long s = seed * 1_000_003L + fnv1a(name);
        if (name.startsWith("text.")) {
            return new Normal(s, textStd(name, cfg.text()), Float.POSITIVE_INFINITY);
        }
        return new Normal(s, (float) (0.02 / visionRescale(name)), 2f);
    }

    /**
     * CLIP's text-tower init ({@code TextTransformer.init_parameters}): token embedding 0.02, positional embedding 0.01,
     * {@code attn.in_proj_weight} W^−1/2, {@code mlp.c_fc} (2W)^−1/2, the two residual-branch outputs
     * ({@code attn.out_proj}, {@code mlp.c_proj}) W^−1/2·(2L)^−1/2, {@code text_projection} W^−1/2.
     */
    static float textStd(String name, TextConfig t) {
        double w = t.width();
        double proj = Math.pow(w, -0.5) * Math.pow(2.0 * t.layers(), -0.5);
        if (name.equals("text.token_embedding.weight")) {
            return 0.02f;
        }
        if (name.equals("text.positional_embedding")) {
            return 0.01f;
        }
        if (name.endsWith("attn.out_proj.weight") || name.endsWith("mlp.c_proj.weight")) {
            return (float) proj;
        }
        if (name.endsWith("mlp.c_fc.weight")) {
            return (float) Math.pow(2 * w, -0.5);
        }
        return (float) Math.pow(w, -0.5); // attn.in_proj_weight, text_projection
    }

    /**
     * EVA's {@code fix_init_weight}: the residual-branch outputs of block i (1-based), {@code attn.proj} and the MLP's
     * last projection ({@code mlp.w3} with SwiGLU, {@code mlp.fc2} otherwise), are divided by √(2i); 1 elsewhere.
     */
    static double visionRescale(String name) {
        if (!name.startsWith("visual.blocks.")
                || !(name.endsWith(".attn.proj.weight") || name.endsWith(".mlp.w3.weight")
                        || name.endsWith(".mlp.fc2.weight"))) {
            return 1;
        }
        int from = "visual.blocks.".length();
        int layer = Integer.parseInt(name.substring(from, name.indexOf('.', from))) + 1;
        return Math.sqrt(2.0 * layer);
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Seeded (truncated) normal: {@code std · z}, z redrawn while {@code |z| > cut}. */
    static final class Normal implements Initializer {
        private final long seed;
        private final float std;
        private final float cut;

        Normal(long seed, float std, float cut) {
            this.seed = seed;
            this.std = std;
            this.cut = cut;
        }

        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            Random r = new Random(seed);
            float[] v = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < v.length; i++) {
                double z;
                do {
                    z = r.nextGaussian();
                } while (Math.abs(z) > cut);
                v[i] = (float) (z * std);
            }
            return manager.create(v, shape).toType(dataType, false);
        }
    }
}
