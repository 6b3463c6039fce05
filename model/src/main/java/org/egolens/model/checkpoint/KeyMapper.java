package org.egolens.model.checkpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.egolens.model.checkpoint.MappedStateDict.Op;
import org.egolens.model.checkpoint.MappedStateDict.Source;
import org.egolens.model.nn.StateDict;

/**
 * Renames a checkpoint's keys into the EVA-CLIP names of {@link org.egolens.model.nn.Eva02AtClip}
 * (evaluation-and-formats.md §4), after recognising its {@link CheckpointLayout}:
 *
 * <ul>
 *   <li>{@code module.} (DistributedDataParallel) is stripped while every key has it;</li>
 *   <li>text tower at the top level ({@code token_embedding}, {@code positional_embedding}, {@code transformer.*},
 *       {@code ln_final}, {@code text_projection}) or under {@code textual.} (AVION) → {@code text.*}, as EVA-CLIP's
 *       {@code convert_to_custom_text_state_dict}; {@code text.logit_scale} → {@code logit_scale} when there is no
 *       top-level one;</li>
 *   <li>open_clip/timm: {@code visual.trunk.*} → {@code visual.*}; inside blocks {@code attn.norm} →
 *       {@code attn.inner_attn_ln}, {@code attn.q_proj.bias} → {@code attn.q_bias}, {@code attn.v_proj.bias} →
 *       {@code attn.v_bias}, and for the SwiGLU MLP {@code mlp.fc1_g/fc1_x/norm/fc2} → {@code mlp.w1/w2/ffn_ln/w3} (the
 *       inverse of timm's {@code checkpoint_filter_fn}); open_clip's {@code visual.head.proj} → {@code visual.head}
 *       (zero bias when it has none); a Linear {@code text.text_projection.weight} {@code (E, W)} → the
 *       {@code (W, E)} matrix;</li>
 *   <li>AVION-style: {@code image_projection} {@code (W, E)}, applied as {@code x @ P}, → {@code visual.head.weight}
 *       transposed with a zero bias; {@code visual.temporal_embedding} {@code (T, D)} → {@code visual.temporal_embed}
 *       {@code (1, T, D)}.</li>
 * </ul>
 * RoPE buffers and the text attention mask keep their (renamed) names; the loader ignores them (recomputed).
 * Layouts that cannot be mapped (a plain ViT, TimeSformer, DistilBERT, a vision tower alone, unknown keys) are refused
 * with an {@link UnsupportedCheckpointException} saying what they are.
 */
public final class KeyMapper {
    private static final String DDP_PREFIX = "module.";
    private static final Pattern BLOCK = Pattern.compile("^visual\\.blocks\\.(\\d+)\\.(.+)$");
    private static final List<String[]> ATTN_RENAMES = List.of(
            new String[] {"attn.norm.", "attn.inner_attn_ln."},
            new String[] {"attn.q_proj.bias", "attn.q_bias"},
            new String[] {"attn.v_proj.bias", "attn.v_bias"});
    private static final List<String[]> SWIGLU_RENAMES = List.of(
            new String[] {"mlp.fc1_g.", "mlp.w1."},
            new String[] {"mlp.fc1_x.", "mlp.w2."},
            new String[] {"mlp.norm.", "mlp.ffn_ln."},
            new String[] {"mlp.fc2.", "mlp.w3."});

    private KeyMapper() {}

    /** A mapped key with the rules that produced it (empty: unchanged). */
    private record Mapped(String key, Op op, long[] shape, List<String> rules) {}

    /**
     * Maps a state dict that must hold a whole model ({@link #map(StateDict, boolean)} without partial towers).
     *
     * @throws UnsupportedCheckpointException if the layout cannot be mapped (names the layout and why)
     * @throws IOException if two keys map to the same name (both are named)
     */
    public static MappedStateDict map(StateDict sd) throws IOException {
        return map(sd, false);
    }

    /**
     * Maps a state dict.
     *
     * @param sd      the checkpoint's tensors under their own names (containers already unwrapped)
     * @param partial true when the file is one part of a model (e.g. a {@code video_model.safetensors} vision tower laid
     *                over an image-text checkpoint): a {@code visual.*} tower without a text tower is then accepted
     * @return a lazy view under EVA-CLIP names, with notes on what was done
     * @throws UnsupportedCheckpointException if the layout cannot be mapped (names the layout and why)
     * @throws IOException if two keys map to the same name (both are named)
     */
    public static MappedStateDict map(StateDict sd, boolean partial) throws IOException {
        List<String> notes = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (String k : sd.keys()) {
            keys.put(k, k);
        }
        StringBuilder stripped = new StringBuilder();
        while (!keys.isEmpty() && keys.keySet().stream().allMatch(k -> k.startsWith(DDP_PREFIX)
                && k.length() > DDP_PREFIX.length())) {
            Map<String, String> next = new LinkedHashMap<>();
            keys.forEach((k, raw) -> next.put(k.substring(DDP_PREFIX.length()), raw));
            keys = next;
            stripped.append(DDP_PREFIX);
        }
        if (stripped.length() > 0) {
            notes.add("stripped '" + stripped + "' from every key (DistributedDataParallel)");
        }
        CheckpointLayout layout = CheckpointLayout.detect(keys.keySet());
        boolean visualPart = layout == CheckpointLayout.EVA_VISION_ONLY
                && keys.keySet().stream().anyMatch(k -> k.startsWith("visual."));
        if (partial && visualPart) {
            notes.add("vision tower only (" + sd.source() + "), laid over the other weights");
            layout = keys.keySet().stream().anyMatch(k -> k.startsWith("visual.trunk.")) ? CheckpointLayout.OPEN_CLIP_TIMM
                    : CheckpointLayout.EVA_CLIP;
        }
        if (!layout.mappable()) {
            throw new UnsupportedCheckpointException(sd.source(), layout, firstKeys(keys.keySet()));
        }
        notes.add("layout: " + layout.description());
        boolean swiglu = keys.keySet().stream().anyMatch(k -> k.contains(".mlp.fc1_g."));
        boolean topLogitScale = keys.containsKey("logit_scale");

        Map<String, Source> out = new LinkedHashMap<>();
        Map<String, String> owner = new LinkedHashMap<>();
        Map<String, Integer> ruleCounts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String raw = e.getValue();
            Mapped m = mapKey(e.getKey(), sd.shape(raw), swiglu, topLogitScale);
            String previous = owner.put(m.key(), raw);
            if (previous != null) {
                throw new IOException(sd.source() + ": keys '" + previous + "' and '" + raw + "' both map to '"
                        + m.key() + "'");
            }
            out.put(m.key(), new Source(raw, m.op(), m.shape()));
            for (String rule : m.rules()) {
                ruleCounts.merge(rule, 1, Integer::sum);
            }
        }
        ruleCounts.forEach((rule, n) -> notes.add("renamed " + n + (n == 1 ? " key: " : " keys: ") + rule));
        Source head = out.get("visual.head.weight");
        if (head != null && !out.containsKey("visual.head.bias") && (head.op() == Op.TRANSPOSE
                || head.sourceKey().endsWith("head.proj.weight"))) {
            long rows = out.get("visual.head.weight").shape()[0];
            out.put("visual.head.bias", new Source(null, Op.ZEROS, new long[] {rows}));
            notes.add("visual.head.bias: zeros (" + rows + ",), the checkpoint's projection has no bias");
        }
        return new MappedStateDict(sd, out, layout, notes);
    }

    private static Mapped mapKey(String key, long[] shape, boolean swiglu, boolean topLogitScale) {
        String k = key;
        List<String> rules = new ArrayList<>();
        if (k.startsWith("visual.trunk.")) {
            k = "visual." + k.substring("visual.trunk.".length());
            rules.add("visual.trunk.* → visual.*");
        } else if (k.startsWith("textual.")) {
            k = "text." + k.substring("textual.".length());
            rules.add("textual.* → text.*");
        } else if (isTopLevelText(k)) {
            k = "text." + k;
            rules.add("top-level text tower → text.*");
        } else if (k.equals("text.logit_scale") && !topLogitScale) {
            k = "logit_scale";
            rules.add("text.logit_scale → logit_scale");
        }
        Matcher b = BLOCK.matcher(k);
        if (b.matches()) {
            String rest = b.group(2);
            for (String[] r : ATTN_RENAMES) {
                if (rest.startsWith(r[0])) {
                    rest = r[1] + rest.substring(r[0].length());
                    rules.add("blocks.N." + r[0].replaceAll("\\.$", "") + " → " + r[1].replaceAll("\\.$", ""));
                }
            }
            if (swiglu) {
                for (String[] r : SWIGLU_RENAMES) {
                    if (rest.startsWith(r[0])) {
                        rest = r[1] + rest.substring(r[0].length());
                        rules.add("blocks.N." + r[0].replaceAll("\\.$", "") + " → " + r[1].replaceAll("\\.$", ""));
                    }
                }
            }
            k = "visual.blocks." + b.group(1) + "." + rest;
        }
        Op op = Op.COPY;
        long[] s = shape;
        if (k.equals("visual.head.proj.weight") || k.equals("visual.head.proj.bias")) {
            k = "visual.head." + k.substring("visual.head.proj.".length());
            rules.add("visual.head.proj → visual.head (open_clip projection)");
        } else if ((k.equals("image_projection") || k.equals("visual.image_projection")) && shape.length == 2) {
            k = "visual.head.weight";
            op = Op.TRANSPOSE;
            s = new long[] {shape[1], shape[0]};
            rules.add("image_projection (W, E) → visual.head.weight (E, W), transposed");
        } else if (k.equals("text.text_projection.weight") && shape.length == 2) {
            k = "text.text_projection";
            op = Op.TRANSPOSE;
            s = new long[] {shape[1], shape[0]};
            rules.add("Linear text.text_projection.weight (E, W) → text.text_projection (W, E), transposed");
        } else if (k.equals("visual.temporal_embedding") && shape.length == 2) {
            k = "visual.temporal_embed";
            op = Op.RESHAPE;
            s = new long[] {1, shape[0], shape[1]};
            rules.add("visual.temporal_embedding (T, D) → visual.temporal_embed (1, T, D)");
        }
        return new Mapped(k, op, s, rules);
    }

    private static boolean isTopLevelText(String k) {
        return k.equals("positional_embedding") || k.equals("text_projection") || k.equals("attn_mask")
                || k.startsWith("token_embedding.") || k.startsWith("transformer.") || k.startsWith("ln_final.")
                || k.startsWith("text_projection.");
    }

    private static String firstKeys(java.util.Collection<String> keys) {
        List<String> first = keys.stream().limit(8).toList();
        return keys.size() + " keys, first " + first + (keys.size() > first.size() ? " …" : "");
    }
}
