package org.egolens.model.io;

import java.util.Arrays;

/**
 * One entry of a safetensors header.
 *
 * @param name  tensor name (e.g. {@code visual.blocks.0.attn.q_proj.weight})
 * @param dtype element type
 * @param shape dimensions; empty for a 0-d (scalar) tensor
 * @param begin first byte, relative to the end of the header
 * @param end   one past the last byte, relative to the end of the header
 */
public record TensorInfo(String name, SafetensorsDType dtype, long[] shape, long begin, long end) {
    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (1 for a scalar). */
    public long numel() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** Byte length of the data. */
    public long byteLength() {
        return end - begin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && t.name.equals(name) && t.dtype == dtype && Arrays.equals(t.shape, shape)
                && t.begin == begin && t.end == end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape);
    }
}
