package org.egolens.model.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A float32 tensor held in Java memory, C order.
 *
 * @param shape dimensions; empty for a scalar
 * @param data  {@code prod(shape)} values
 */
public record FloatTensor(long[] shape, float[] data) {
    /** @throws IllegalArgumentException if the data length is not the product of the shape */
    public FloatTensor {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, data has "
                    + data.length);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(t.shape, shape) && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
