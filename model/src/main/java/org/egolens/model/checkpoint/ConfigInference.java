package org.egolens.model.checkpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.egolens.model.nn.ModelConfig;
import org.egolens.model.nn.RopeMode;
import org.egolens.model.nn.StateDict;
import org.egolens.model.nn.TextConfig;
import org.egolens.model.nn.VisionConfig;

/**
 * Derives an EVA02-AT {@link ModelConfig} from the tensor shapes of a state dict under EVA-CLIP names, for checkpoints
 * that come without a {@code config.json}. Widths, depths, patch and image size, SwiGLU and text MLP widths, vocabulary,
 * context length, embedding size and frame count are read from shapes. Two things are not stored in any tensor and are
 * assumed, and said so in {@link Inferred#assumptions()}: the head width (64, as every EVA02-CLIP and CLIP model; pass a
 * config otherwise) and the EVA02 RoPE switches ({@code rope}, {@code pt_hw_seq_len 16}, {@code intp_freq}) of
 * EVA02-CLIP's model configs.
 */
public final class ConfigInference {
    /** Head width assumed for both towers (EVA02-CLIP-B/L and CLIP text towers all use 64). */
    public static final int ASSUMED_HEAD_WIDTH = 64;
    /** EVA02-CLIP's RoPE reference grid. */
    public static final int ASSUMED_PT_HW_SEQ_LEN = 16;
    private static final double EVA_MLP_RATIO = 2.6667;
    private static final Pattern VIS_BLOCK = Pattern.compile("^visual\\.blocks\\.(\\d+)\\.");
    private static final Pattern TEXT_BLOCK = Pattern.compile("^text\\.transformer\\.resblocks\\.(\\d+)\\.");

    private ConfigInference() {}

    /**
     * An inferred config and what was assumed rather than read.
     *
     * @param config      the config
     * @param assumptions human-readable assumptions, for the load report
     */
    public record Inferred(ModelConfig config, List<String> assumptions) {
        public Inferred {
            assumptions = List.copyOf(assumptions);
        }
    }

    /**
     * Infers the config.
     *
     * @param sd a state dict under EVA-CLIP names ({@link KeyMapper#map})
     * @throws IOException naming the source and the first key needed that is absent or oddly shaped
     */
    public static Inferred infer(StateDict sd) throws IOException {
        List<String> assumed = new ArrayList<>();
        long[] cls = need(sd, "visual.cls_token", 3);
        long[] patch = need(sd, "visual.patch_embed.proj.weight", 4);
        long[] pos = need(sd, "visual.pos_embed", 3);
        long[] w1 = need(sd, "visual.blocks.0.mlp.w1.weight", 2);
        long[] head = need(sd, "visual.head.weight", 2);
        long[] tok = need(sd, "text.token_embedding.weight", 2);
        long[] tpos = need(sd, "text.positional_embedding", 2);
        long[] fc = need(sd, "text.transformer.resblocks.0.mlp.c_fc.weight", 2);
        int width = (int) cls[2];
        int p = (int) patch[2];
        if (patch[3] != p) {
            throw new IOException(sd.source() + ": non-square patch " + Arrays.toString(patch) + " is not supported");
        }
        long patches = pos[1] - 1;
        int grid = (int) Math.round(Math.sqrt(patches));
        if ((long) grid * grid != patches) {
            throw new IOException(sd.source() + ": visual.pos_embed " + Arrays.toString(pos) + " holds " + patches
                    + " patch positions, not a square grid (plus CLS)");
        }
        int visualHeadWidth = headWidth(width);
        assumed.add("vision head width " + visualHeadWidth + " (" + width / visualHeadWidth + " heads): head counts are"
                + " not stored in the weights");
        assumed.add("EVA02 RoPE: rope=true, pt_hw_seq_len=" + ASSUMED_PT_HW_SEQ_LEN + ", intp_freq=true (EVA02-CLIP)");
        VisionConfig vc = new VisionConfig(grid * p, p, count(sd, VIS_BLOCK), width, visualHeadWidth,
                ratio(width, (int) w1[0]), ASSUMED_PT_HW_SEQ_LEN, true, true, true, true, "");
        int tw = (int) tok[1];
        int textHeads = tw / headWidth(tw);
        assumed.add("text heads " + textHeads + " (head width " + headWidth(tw) + ")");
        TextConfig tc = new TextConfig((int) tpos[0], (int) tok[0], tw, textHeads, count(sd, TEXT_BLOCK),
                (double) fc[0] / tw);
        if ((int) (tw * tc.mlpRatio()) != fc[0]) {
            throw new IOException(sd.source() + ": text MLP width " + fc[0] + " is not a whole ratio of width " + tw);
        }
        int frames = ModelConfig.DEFAULT_NUM_FRAMES;
        if (sd.keys().contains("visual.temporal_embed")) {
            frames = (int) sd.shape("visual.temporal_embed")[1];
        }
        ModelConfig c = new ModelConfig((int) head[0], vc, tc, frames, RopeMode.ST, false);
        return new Inferred(c, assumed);
    }

    /**
     * The joint embedding size E of a checkpoint: rows of {@code visual.head.weight}, else columns of
     * {@code text.text_projection}.
     */
    public static OptionalInt embedDim(StateDict sd) {
        if (sd.keys().contains("visual.head.weight") && sd.shape("visual.head.weight").length == 2) {
            return OptionalInt.of((int) sd.shape("visual.head.weight")[0]);
        }
        if (sd.keys().contains("text.text_projection") && sd.shape("text.text_projection").length == 2) {
            return OptionalInt.of((int) sd.shape("text.text_projection")[1]);
        }
        return OptionalInt.empty();
    }

    private static int headWidth(int width) {
        return width % ASSUMED_HEAD_WIDTH == 0 ? ASSUMED_HEAD_WIDTH : width;
    }

    /** A ratio r with {@code int(width · r) == hidden}: EVA's 2.6667 when it fits, else hidden / width nudged up. */
    static double ratio(int width, int hidden) {
        if ((int) (width * EVA_MLP_RATIO) == hidden) {
            return EVA_MLP_RATIO;
        }
        double r = (double) hidden / width;
        if ((int) (width * r) != hidden) {
            r = (hidden + 0.5) / width;
        }
        return r;
    }

    private static long[] need(StateDict sd, String key, int rank) throws IOException {
        if (!sd.keys().contains(key)) {
            throw new IOException(sd.source() + ": cannot infer the model config without '" + key + "'; pass a"
                    + " config.json");
        }
        long[] s = sd.shape(key);
        if (s.length != rank) {
            throw new IOException(sd.source() + ": '" + key + "' has shape " + Arrays.toString(s) + ", expected "
                    + rank + " dimensions");
        }
        return s;
    }

    private static int count(StateDict sd, Pattern p) {
        TreeSet<Integer> n = new TreeSet<>();
        for (String k : sd.keys()) {
            Matcher m = p.matcher(k);
            if (m.find()) {
                n.add(Integer.parseInt(m.group(1)));
            }
        }
        return n.size();
    }
}
