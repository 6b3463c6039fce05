package org.egolens.model.io.torch;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor of a {@code torch.save} archive before its values are read: a strided view
 * ({@code storageOffset}, {@code shape}, {@code stride}, all in elements) into a {@link StorageRef}. This is what
 * {@code torch._utils._rebuild_tensor_v2} describes in the pickle.
 *
 * <p>Element {@code (i0, i1, …)} of the tensor is storage element {@code storageOffset + Σ i_d · stride_d}. Several
 * tensors may share one storage (for example the RoPE tables shared by every EVA02 block).
 *
 * @param storage the storage the view reads from
 * @param storageOffset index of element {@code (0, 0, …)} in the storage
 * @param shape tensor shape (empty for a 0-d tensor)
 * @param stride step in storage elements per index of each dimension (same length as {@code shape})
 */
public record TensorRef(StorageRef storage, long storageOffset, long[] shape, long[] stride) {

    /** @throws IllegalArgumentException if shape and stride differ in length or hold negative values */
    public TensorRef {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(stride, "stride");
        if (shape.length != stride.length) {
            throw new IllegalArgumentException("size " + Arrays.toString(shape) + " and stride "
                    + Arrays.toString(stride) + " differ in length");
        }
        if (storageOffset < 0) {
            throw new IllegalArgumentException("negative storage offset " + storageOffset);
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || stride[d] < 0) {
                throw new IllegalArgumentException("negative size or stride: size " + Arrays.toString(shape)
                        + ", stride " + Arrays.toString(stride));
            }
        }
    }

    /** Element type (that of the storage). */
    public TorchDType dtype() {
        return storage.dtype();
    }

    /** Number of elements (1 for a 0-d tensor). */
    public long numel() {
        return TensorData.numel(shape);
    }

    /** True when the view is C-contiguous: consecutive elements in row-major order are consecutive in the storage. */
    public boolean isContiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected = Math.multiplyExact(expected, shape[d]);
        }
        return true;
    }

    /**
     * Highest storage index the view touches, or -1 for an empty tensor.
     *
     * @throws ArithmeticException if the index overflows a long
     */
    public long maxStorageIndex() {
        if (numel() == 0) {
            return -1;
        }
        long max = storageOffset;
        for (int d = 0; d < shape.length; d++) {
            max = Math.addExact(max, Math.multiplyExact(shape[d] - 1, stride[d]));
        }
        return max;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorRef t && storage.equals(t.storage) && storageOffset == t.storageOffset
                && Arrays.equals(shape, t.shape) && Arrays.equals(stride, t.stride);
    }

    @Override
    public int hashCode() {
        return Objects.hash(storage, storageOffset, Arrays.hashCode(shape), Arrays.hashCode(stride));
    }

    @Override
    public String toString() {
        return "TensorRef[" + storage.dtype() + " " + Arrays.toString(shape) + " stride " + Arrays.toString(stride)
                + " offset " + storageOffset + " in storage " + storage.key() + "]";
    }
}
