package org.egolens.model.io.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Objects;

/**
 * The values of one checkpoint tensor, contiguous in C (row-major) order, held in Java arrays.
 *
 * <p>Floating dtypes ({@link TorchDType#isFloating()}) carry {@code float[] floats} (float16/bfloat16 widened exactly,
 * float64 rounded); integer and bool dtypes carry {@code long[] longs}. The other array is {@code null}. The arrays are
 * owned by this object and are not copied (a checkpoint can be gigabytes); callers must not modify them.
 *
 * @param shape tensor shape, e.g. {@code (768, 3, 16, 16)}; empty for a 0-d tensor such as {@code logit_scale}
 * @param dtype element type in the checkpoint
 * @param floats the values for floating dtypes, else {@code null}
 * @param longs the values for integer/bool dtypes, else {@code null}
 */
public record TensorData(long[] shape, TorchDType dtype, float[] floats, long[] longs) {

    /**
     * Checks that exactly the array matching {@code dtype} is present and that its length is the product of the shape.
     *
     * @throws IllegalArgumentException on a mismatch
     */
    public TensorData {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        long n = numel(shape);
        if (dtype.isFloating()) {
            if (floats == null || longs != null) {
                throw new IllegalArgumentException(dtype + " tensor needs float values only");
            }
            if (floats.length != n) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                        + floats.length);
            }
        } else {
            if (longs == null || floats != null) {
                throw new IllegalArgumentException(dtype + " tensor needs long values only");
            }
            if (longs.length != n) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                        + longs.length);
            }
        }
    }

    /** A float32 tensor. */
    public static TensorData ofFloats(long[] shape, float[] values) {
        return new TensorData(shape, TorchDType.FLOAT32, values, null);
    }

    /** An int64 tensor. */
    public static TensorData ofLongs(long[] shape, long[] values) {
        return new TensorData(shape, TorchDType.INT64, null, values);
    }

    /** Number of elements (1 for a 0-d tensor). */
    public long numel() {
        return numel(shape);
    }

    /** True when the values are in {@link #floats()}. */
    public boolean isFloating() {
        return dtype.isFloating();
    }

    /**
     * A new DJL array with these values: FLOAT32 for floating dtypes, INT64 for integers, BOOLEAN for bool.
     *
     * @param manager the scope that owns the result
     */
    public NDArray toNDArray(NDManager manager) {
        Shape s = new Shape(shape);
        if (floats != null) {
            return manager.create(floats, s);
        }
        if (dtype == TorchDType.BOOL) {
            boolean[] b = new boolean[longs.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = longs[i] != 0;
            }
            return manager.create(b, s);
        }
        return manager.create(longs, s);
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Equal when dtype, shape and every value (bitwise for floats) are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && Arrays.equals(floats, t.floats) && Arrays.equals(longs, t.longs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(floats), Arrays.hashCode(longs));
    }

    /** Dtype and shape only (never the values). */
    @Override
    public String toString() {
        return "TensorData[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
