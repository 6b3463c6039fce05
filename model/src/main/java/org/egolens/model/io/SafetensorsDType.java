package org.egolens.model.io;

import java.util.Locale;

/**
 * Element types of the safetensors format that EgoLens reads. Floating types are widened (or, for {@code F64}, narrowed) to
 * float32 on read; BF16 in particular is widened in Java and never handed to DJL, whose PyTorch engine aborts the JVM on it.
 */
public enum SafetensorsDType {
    F64(8, true),
    F32(4, true),
    F16(2, true),
    BF16(2, true),
    I64(8, false),
    I32(4, false),
    I16(2, false),
    I8(1, false),
    U8(1, false),
    BOOL(1, false);

    private final int itemSize;
    private final boolean floating;

    SafetensorsDType(int itemSize, boolean floating) {
        this.itemSize = itemSize;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** True for the floating-point types (read as float32). */
    public boolean isFloating() {
        return floating;
    }

    /**
     * Parses the {@code dtype} string of a header entry.
     *
     * @throws IllegalArgumentException for a dtype this reader does not support (e.g. {@code F8_E4M3})
     */
    public static SafetensorsDType parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported dtype '" + s + "'", e);
        }
    }
}
