package org.egolens.model.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Built-in model configurations (randomly initialised when opened as a preset; see {@link ModelFactory}).
 *
 * <ul>
 *   <li>{@code tiny}: the architecture of the golden reference {@code eva02clip-tiny} (64 px, patch 16, 2 × 128 wide,
 *       4 heads of 32; text 2 × 64, 2 heads; E = 32; T = 4). For tests.</li>
 *   <li>{@code tiny-demo}: 64 px, patch 16, 3 × 128, 4 heads; text 2 × 128, 2 heads; E = 128; T = 4. For demos.</li>
 *   <li>{@code eva02-at-b16}: EVA02-AT-B (spec §1.2): 224 px, patch 16, 12 × 768, 12 heads, SwiGLU 2048; text 12 × 512,
 *       8 heads; E = 256; T = 16.</li>
 *   <li>{@code eva02-at-l14}: EVA02-AT-L: 224 px, patch 14, 24 × 1024, 16 heads, SwiGLU 2730; text 12 × 768, 12 heads;
 *       E = 256; T = 16.</li>
 * </ul>
 */
public final class ModelPresets {
    private static final double EVA_MLP_RATIO = 2.6667;
    private static final Map<String, ModelConfig> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("tiny", new ModelConfig(32,
                vision(64, 16, 2, 128, 32, "eva-clip-b-16-X"), new TextConfig(77, 49408, 64, 2, 2, 4.0), 4, RopeMode.ST,
                false));
        PRESETS.put("tiny-demo", new ModelConfig(128,
                vision(64, 16, 3, 128, 32, "eva-clip-b-16-X"), new TextConfig(77, 49408, 128, 2, 2, 4.0), 4, RopeMode.ST,
                false));
        PRESETS.put("eva02-at-b16", new ModelConfig(256,
                vision(224, 16, 12, 768, 64, "eva-clip-b-16-X"), new TextConfig(77, 49408, 512, 8, 12, 4.0), 16,
                RopeMode.ST, false));
        PRESETS.put("eva02-at-l14", new ModelConfig(256,
                vision(224, 14, 24, 1024, 64, "eva-clip-l-14"), new TextConfig(77, 49408, 768, 12, 12, 4.0), 16,
                RopeMode.ST, false));
    }

    private ModelPresets() {}

    private static VisionConfig vision(int image, int patch, int layers, int width, int headWidth, String name) {
        return new VisionConfig(image, patch, layers, width, headWidth, EVA_MLP_RATIO, 16, true, true, true, true, name);
    }

    /** Preset names in a stable order. */
    public static Set<String> names() {
        return PRESETS.keySet();
    }

    /** True if {@code name} is a preset. */
    public static boolean exists(String name) {
        return PRESETS.containsKey(name);
    }

    /**
     * The preset's config.
     *
     * @throws IllegalArgumentException for an unknown name (message lists the presets)
     */
    public static ModelConfig get(String name) {
        ModelConfig c = PRESETS.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown model preset '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
        return c;
    }
}
