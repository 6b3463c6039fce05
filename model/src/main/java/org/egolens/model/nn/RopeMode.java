package org.egolens.model.nn;

import java.util.Locale;

/**
 * Which rotary position embedding the vision tower applies to q and k of the patch tokens (never CLS, never v).
 * See eva02-at-spec §2.
 */
public enum RopeMode {
    /**
     * EVA02-AT spatial-temporal RoPE (paper Eq. 8–9, spec §2.2, default): EVA-02 2-D RoPE on the grid rescaled to the
     * pretraining grid (first half of the pairs rows, second half columns) plus a full-width 1-D temporal RoPE on every pair;
     * angles add.
     */
    ST,
    /** EVA-02 2-D RoPE only (no temporal rotation): the image model's RoPE tiled over frames. */
    SPATIAL,
    /**
     * CogVideoX-style manual 3-D split (the paper's comparison point, spec §2.1): 3/8 of the pairs carry rows, 3/8 columns,
     * the remaining 1/4 time, each band with its own frequency ladder.
     */
    SPLIT3D,
    /** No rotary embedding. */
    NONE;

    /** Lower-case name as written in config files. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a config value, case-insensitive ({@code st}, {@code spatial}, {@code split3d}, {@code none}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static RopeMode parse(String s) {
        for (RopeMode m : values()) {
            if (m.name().equalsIgnoreCase(s.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown rope_mode '" + s + "' (expected st, spatial, split3d or none)");
    }
}
