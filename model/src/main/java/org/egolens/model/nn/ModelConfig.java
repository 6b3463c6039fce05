package org.egolens.model.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration of the EVA02-AT dual encoder: an EVA-CLIP {@code config.json} ({@code embed_dim}, {@code vision_cfg},
 * {@code text_cfg}) plus EgoLens' optional video fields {@code num_frames} and {@code rope_mode}. Immutable.
 *
 * @param embedDim  E, joint embedding dimension (output of {@code visual.head} and {@code text.text_projection})
 * @param vision    vision tower
 * @param text      text tower
 * @param numFrames T, frames per clip of the video encoder ({@code visual.temporal_embed} is {@code (1, T, D)})
 * @param ropeMode  rotary embedding of the video tower
 * @param quickGelu text MLP activation: QuickGELU (OpenAI weights) instead of exact GELU (EVA weights, the default)
 */
public record ModelConfig(int embedDim, VisionConfig vision, TextConfig text, int numFrames, RopeMode ropeMode,
        boolean quickGelu) {
    /** T used when a config file has no {@code num_frames} (EVA02-AT pretraining uses 4 frames, spec §1.2). */
    public static final int DEFAULT_NUM_FRAMES = 4;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Switches that would change the math in ways this implementation does not cover; refused when truthy. */
    private static final List<String> UNSUPPORTED_VISION = List.of("ls_init_value", "postnorm", "use_rms_norm",
            "global_average_pool", "attentional_pool", "use_rel_pos_bias");
    private static final List<String> UNSUPPORTED_TEXT = List.of("hf_model_name", "ls_init_value", "proj", "pooler_type");

    /** @throws IllegalArgumentException for non-positive sizes */
    public ModelConfig {
        VisionConfig.positive("embed_dim", embedDim);
        VisionConfig.positive("num_frames", numFrames);
        if (vision == null || text == null || ropeMode == null) {
            throw new IllegalArgumentException("vision_cfg, text_cfg and rope_mode are required");
        }
    }

    /** Same config with another T. */
    public ModelConfig withNumFrames(int t) {
        return new ModelConfig(embedDim, vision, text, t, ropeMode, quickGelu);
    }

    /**
     * Same config with a token-embedding table of {@code n} rows ({@code text.token_embedding}, CLIP: 49,408), for a
     * model trained from scratch with a smaller vocabulary (e.g. a demo workspace's own BPE merges).
     *
     * @throws IllegalArgumentException if n is not positive
     */
    public ModelConfig withVocabSize(int n) {
        return new ModelConfig(embedDim, vision, new TextConfig(text.contextLength(), n, text.width(), text.heads(),
                text.layers(), text.mlpRatio()), numFrames, ropeMode, quickGelu);
    }

    /** Same config with another RoPE mode. */
    public ModelConfig withRopeMode(RopeMode m) {
        return new ModelConfig(embedDim, vision, text, numFrames, m, quickGelu);
    }

    /**
     * Reads a {@code config.json}.
     *
     * @throws IOException if the file cannot be read, is not JSON, or misses/has invalid fields (message names file and
     *                     field)
     */
    public static ModelConfig read(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(s);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses EVA-CLIP config JSON. Unknown fields are ignored except switches that change the architecture in unsupported
     * ways (e.g. {@code ls_init_value}, an HF text tower), which are refused. Defaults follow EVA-CLIP's
     * {@code CLIPVisionCfg}/{@code CLIPTextCfg} where a field is absent.
     *
     * @throws IllegalArgumentException naming the offending field
     */
    public static ModelConfig parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("config is not a JSON object");
        }
        JsonNode v = object(root, "vision_cfg");
        JsonNode t = object(root, "text_cfg");
        for (String k : UNSUPPORTED_VISION) {
            if (truthy(v.get(k))) {
                throw new IllegalArgumentException("vision_cfg." + k + "=" + v.get(k) + " is not supported");
            }
        }
        for (String k : UNSUPPORTED_TEXT) {
            if (truthy(t.get(k))) {
                throw new IllegalArgumentException("text_cfg." + k + "=" + t.get(k) + " is not supported");
            }
        }
        boolean rope = bool(v, "vision_cfg", "rope", false);
        VisionConfig vc = new VisionConfig(
                integer(v, "vision_cfg", "image_size", null),
                integer(v, "vision_cfg", "patch_size", null),
                integer(v, "vision_cfg", "layers", null),
                integer(v, "vision_cfg", "width", null),
                integer(v, "vision_cfg", "head_width", 64),
                number(v, "vision_cfg", "mlp_ratio", 4.0),
                integer(v, "vision_cfg", "pt_hw_seq_len", 16),
                rope,
                bool(v, "vision_cfg", "intp_freq", false),
                bool(v, "vision_cfg", "naiveswiglu", false),
                bool(v, "vision_cfg", "subln", false),
                v.hasNonNull("eva_model_name") ? v.get("eva_model_name").asText() : "");
        TextConfig tc = new TextConfig(
                integer(t, "text_cfg", "context_length", 77),
                integer(t, "text_cfg", "vocab_size", 49408),
                integer(t, "text_cfg", "width", null),
                integer(t, "text_cfg", "heads", null),
                integer(t, "text_cfg", "layers", null),
                number(t, "text_cfg", "mlp_ratio", 4.0));
        RopeMode mode = root.hasNonNull("rope_mode") ? RopeMode.parse(root.get("rope_mode").asText())
                : rope ? RopeMode.ST : RopeMode.NONE;
        return new ModelConfig(integer(root, "", "embed_dim", null), vc, tc,
                integer(root, "", "num_frames", DEFAULT_NUM_FRAMES), mode, bool(root, "", "quick_gelu", false));
    }

    private static JsonNode object(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("missing object '" + key + "'");
        }
        return n;
    }

    private static boolean truthy(JsonNode n) {
        if (n == null || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isNumber()) {
            return n.asDouble() != 0;
        }
        return !(n.isTextual() && n.asText().isEmpty());
    }

    private static String path(String section, String key) {
        return section.isEmpty() ? key : section + "." + key;
    }

    private static int integer(JsonNode o, String section, String key, Integer dflt) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            if (dflt == null) {
                throw new IllegalArgumentException("missing field '" + path(section, key) + "'");
            }
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException("field '" + path(section, key) + "' must be an integer, got " + n);
        }
        return n.asInt();
    }

    private static double number(JsonNode o, String section, String key, double dflt) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException("field '" + path(section, key) + "' must be a number, got " + n);
        }
        return n.asDouble();
    }

    private static boolean bool(JsonNode o, String section, String key, boolean dflt) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw new IllegalArgumentException("field '" + path(section, key) + "' must be true or false, got " + n);
        }
        return n.asBoolean();
    }

    private Map<String, Object> toMap(boolean sorted) {
        Map<String, Object> vis = sorted ? new TreeMap<>() : new LinkedHashMap<>();
        vis.put("image_size", vision.imageSize());
        vis.put("layers", vision.layers());
        vis.put("width", vision.width());
        vis.put("head_width", vision.headWidth());
        vis.put("patch_size", vision.patchSize());
        vis.put("mlp_ratio", vision.mlpRatio());
        vis.put("eva_model_name", vision.evaModelName());
        vis.put("rope", vision.rope());
        vis.put("pt_hw_seq_len", vision.ptHwSeqLen());
        vis.put("intp_freq", vision.intpFreq());
        vis.put("naiveswiglu", vision.naiveSwiglu());
        vis.put("subln", vision.subLn());
        Map<String, Object> txt = sorted ? new TreeMap<>() : new LinkedHashMap<>();
        txt.put("context_length", text.contextLength());
        txt.put("vocab_size", text.vocabSize());
        txt.put("width", text.width());
        txt.put("heads", text.heads());
        txt.put("layers", text.layers());
        txt.put("mlp_ratio", text.mlpRatio());
        Map<String, Object> root = sorted ? new TreeMap<>() : new LinkedHashMap<>();
        root.put("embed_dim", embedDim);
        root.put("custom_text", true);
        root.put("quick_gelu", quickGelu);
        root.put("vision_cfg", vis);
        root.put("text_cfg", txt);
        root.put("num_frames", numFrames);
        root.put("rope_mode", ropeMode.jsonName());
        return root;
    }

    /** Pretty EVA-CLIP-format JSON (readable by EVA-CLIP's factory, which ignores the extra fields), re-parsable here. */
    public String toJson() {
        try {
            return PRETTY.writeValueAsString(toMap(false));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact JSON with keys sorted at every level: the input of {@link #hash()}. */
    public String canonicalJson() {
        try {
            return CANONICAL.writeValueAsString(toMap(true));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** First 16 hex characters of the SHA-256 of {@link #canonicalJson()} (UTF-8). */
    public String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
