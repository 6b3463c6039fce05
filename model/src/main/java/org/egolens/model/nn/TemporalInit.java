package org.egolens.model.nn;

import java.util.Locale;

/**
 * Initial value of a new {@code visual.temporal_embed} {@code (1, T, D)} when an image checkpoint becomes a video model
 * (eva02-at-spec §8.8 prefers zeros: the video model then starts as the image model applied to every frame).
 */
public enum TemporalInit {
    /** All zeros (default). */
    ZEROS,
    /** Truncated normal, std 0.02, cut at ±2 std, seeded (timm/EVA {@code trunc_normal_(std=.02)} style). */
    NORMAL;

    /**
     * Parses {@code zeros} or {@code normal} (case-insensitive).
     *
     * @throws IllegalArgumentException for anything else (the message lists the choices)
     */
    public static TemporalInit parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown temporal init '" + s + "' (choose zeros or normal)", e);
        }
    }

    /** The lower-case name used on the command line and in {@code conversion.json}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
