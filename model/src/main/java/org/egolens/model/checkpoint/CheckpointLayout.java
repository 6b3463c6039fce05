package org.egolens.model.checkpoint;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The key layout of a state dict (after {@code module.} stripping), decided from its key names. Mappable layouts are
 * renamed into EVA-CLIP names by {@link KeyMapper}; the others are refused with {@link #reason()}.
 * Sources: evaluation-and-formats.md §3.1–3.5 and §4.
 */
public enum CheckpointLayout {
    /** EVA-CLIP ({@code baaivision/EVA}, {@code EVA-CLIP/rei}): the names EgoLens uses. */
    EVA_CLIP(true, "EVA-CLIP (visual.blocks.N.attn.q_proj/q_bias/v_bias/inner_attn_ln, mlp.w1/w2/ffn_ln/w3; text tower"
            + " under text. or at the top level)", ""),
    /** open_clip {@code EVA02-*} models, whose vision tower is a timm {@code Eva} under {@code visual.trunk}. */
    OPEN_CLIP_TIMM(true, "open_clip/timm EVA02 (visual.trunk.*, attn.norm, mlp.fc1_g/fc1_x/norm/fc2,"
            + " q_proj.bias/v_proj.bias; text tower under text.)", ""),
    /** AVION-style CLIP container ({@code visual}, {@code textual}, projections) holding an EVA02 vision tower. */
    AVION_EVA(true, "AVION-style CLIP (visual.*, textual.*, image_projection/text_projection) with an EVA02 vision"
            + " tower", ""),
    /** AVION's CLIP with OpenAI's plain ViT. */
    AVION_VIT(false, "AVION CLIP with a plain ViT vision tower (visual.conv1, visual.class_embedding,"
            + " visual.transformer.resblocks, textual.*)",
            "AVION's ViT-B/16 (and ViT-L/14) is OpenAI CLIP's plain ViT (GELU MLP, fused in_proj attention, no RoPE, no"
            + " sub-LN), not EVA02: its vision weights have no counterpart in the EVA02-AT tower. Start from an"
            + " EVA02-CLIP checkpoint (e.g. EVA02_CLIP_B_psz16_s8B.pt or open_clip EVA02-B-16) instead"),
    /** OpenAI / open_clip CLIP with a plain ViT. */
    OPENAI_CLIP_VIT(false, "OpenAI / open_clip CLIP with a plain ViT vision tower (visual.conv1,"
            + " visual.class_embedding, visual.transformer.resblocks)",
            "a plain ViT (GELU MLP, fused in_proj attention, no RoPE, no sub-LN) is not EVA02; EVA02-AT needs an"
            + " EVA02-CLIP checkpoint"),
    /** LaViLa's TimeSformer video tower. */
    LAVILA_TIMESFORMER(false, "LaViLa TimeSformer (visual.blocks.N.timeattn: divided space-time attention)",
            "TimeSformer's divided space-time attention (separate timeattn per block, GELU MLP, no RoPE) is not EVA02;"
            + " EVA02-AT uses joint space-time attention on an EVA02-CLIP tower"),
    /** EgoVLP / Frozen-in-Time. */
    EGOVLP(false, "EgoVLP / Frozen-in-Time (video_model.*, text_model.*, vid_proj, txt_proj)",
            "its video tower is a TimeSformer and its text tower DistilBERT (WordPiece), neither of which is EVA02 or"
            + " the CLIP BPE text transformer"),
    /** A vision tower without a text tower. */
    EVA_VISION_ONLY(false, "an EVA02 vision tower alone (timm Eva or EVA-CLIP visual.* without a text tower)",
            "EgoLens needs both towers; this file has no text tower (token_embedding, transformer.resblocks,"
            + " text_projection): use the full CLIP checkpoint"),
    /** Nothing known. */
    UNKNOWN(false, "an unrecognised state dict",
            "none of the known layouts (EVA-CLIP, open_clip/timm EVA02, AVION, LaViLa, EgoVLP) matches its keys");

    private static final Pattern EVA_VISUAL = Pattern.compile(
            "^visual\\.(?:trunk\\.)?blocks\\.\\d+\\.attn\\.(?:q_proj|qkv)\\.weight$");
    private static final Pattern BARE_EVA = Pattern.compile("^blocks\\.\\d+\\.attn\\.(?:q_proj|qkv)\\.weight$");
    private static final Pattern TIMEATTN = Pattern.compile("^visual\\.blocks\\.\\d+\\.timeattn\\..*");

    private final boolean mappable;
    private final String description;
    private final String reason;

    CheckpointLayout(boolean mappable, String description, String reason) {
        this.mappable = mappable;
        this.description = description;
        this.reason = reason;
    }

    /** True when {@link KeyMapper} can rename it into EVA-CLIP names. */
    public boolean mappable() {
        return mappable;
    }

    /** What the layout is, with its tell-tale keys. */
    public String description() {
        return description;
    }

    /** Why it cannot be mapped (empty for mappable layouts). */
    public String reason() {
        return reason;
    }

    /**
     * Decides the layout of a state dict from its keys ({@code module.} already stripped).
     *
     * @param keys all keys
     * @return the layout; {@link #UNKNOWN} when nothing matches
     */
    public static CheckpointLayout detect(Collection<String> keys) {
        boolean egovlp = false;
        boolean timeattn = false;
        boolean textual = false;
        boolean trunk = false;
        boolean plainVit = false;
        boolean evaVisual = false;
        boolean bareEva = false;
        boolean text = false;
        for (String k : keys) {
            egovlp |= k.startsWith("video_model.") || k.startsWith("text_model.");
            timeattn |= TIMEATTN.matcher(k).matches();
            textual |= k.startsWith("textual.");
            trunk |= k.startsWith("visual.trunk.");
            plainVit |= k.equals("visual.conv1.weight") || k.equals("visual.class_embedding")
                    || k.startsWith("visual.transformer.resblocks.");
            evaVisual |= EVA_VISUAL.matcher(k).matches();
            bareEva |= BARE_EVA.matcher(k).matches();
            text |= k.startsWith("text.") || k.startsWith("textual.") || k.equals("token_embedding.weight")
                    || k.startsWith("transformer.resblocks.");
        }
        if (egovlp) {
            return EGOVLP;
        }
        if (timeattn) {
            return LAVILA_TIMESFORMER;
        }
        if (textual) {
            return evaVisual ? AVION_EVA : plainVit ? AVION_VIT : UNKNOWN;
        }
        if (plainVit) {
            return OPENAI_CLIP_VIT;
        }
        if (evaVisual) {
            if (!text) {
                return EVA_VISION_ONLY;
            }
            return trunk ? OPEN_CLIP_TIMM : EVA_CLIP;
        }
        return bareEva ? EVA_VISION_ONLY : UNKNOWN;
    }
}
