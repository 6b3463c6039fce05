package org.egolens.model.io.torch;

/**
 * Copies a strided view out of a decoded storage array into a new C-contiguous array, following PyTorch's rule that
 * element {@code (i0, i1, …)} is storage element {@code offset + Σ i_d · stride_d}. Bounds must have been checked
 * against the storage ({@link TensorRef#maxStorageIndex()}).
 */
final class StridedCopy {
    private StridedCopy() {}

    /**
     * @param storage the decoded storage, {@code float[]} or {@code long[]}
     * @param view the tensor view into it
     * @return a new array of the same kind with {@code view.numel()} elements in row-major order
     */
    static Object gather(Object storage, TensorRef view) {
        int n = Math.toIntExact(view.numel());
        Object out = storage instanceof float[] ? new float[n] : new long[n];
        if (n == 0) {
            return out;
        }
        long[] shape = view.shape();
        long[] stride = view.stride();
        int offset = Math.toIntExact(view.storageOffset());
        if (view.isContiguous()) { // also covers 0-d tensors
            System.arraycopy(storage, offset, out, 0, n);
            return out;
        }
        int rank = shape.length;
        int inner = (int) shape[rank - 1];
        int innerStride = (int) stride[rank - 1];
        long[] index = new long[rank - 1];
        long base = offset;
        int written = 0;
        while (true) {
            copyRun(storage, (int) base, innerStride, out, written, inner);
            written += inner;
            int d = rank - 2;
            while (d >= 0) { // odometer over the outer dimensions
                index[d]++;
                base += stride[d];
                if (index[d] < shape[d]) {
                    break;
                }
                base -= stride[d] * shape[d];
                index[d] = 0;
                d--;
            }
            if (d < 0) {
                return out;
            }
        }
    }

    private static void copyRun(Object src, int from, int step, Object dst, int to, int count) {
        if (step == 1) {
            System.arraycopy(src, from, dst, to, count);
        } else if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            for (int k = 0; k < count; k++) {
                d[to + k] = s[from + k * step];
            }
        } else {
            long[] s = (long[]) src;
            long[] d = (long[]) dst;
            for (int k = 0; k < count; k++) {
                d[to + k] = s[from + k * step];
            }
        }
    }
}
