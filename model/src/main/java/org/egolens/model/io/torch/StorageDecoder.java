package org.egolens.model.io.torch;

import org.egolens.model.io.FloatWidening;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes the raw bytes of one tensor storage into Java arrays: floating dtypes to {@code float[]} (float16 and
 * bfloat16 widened exactly, float64 rounded to nearest), integer and bool dtypes to {@code long[]} (uint8 as 0…255,
 * bool as 0/1). Reads in chunks, so peak memory is the result array plus one chunk.
 */
final class StorageDecoder {
    private static final int CHUNK = 1 << 20;

    private StorageDecoder() {}

    /** Largest element count a Java array can hold here. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /**
     * Decodes {@code numel} floating-point elements.
     *
     * @param in the storage bytes, positioned at element 0
     * @param dtype a floating dtype
     * @param order byte order of the file
     * @throws EOFException if the stream ends early
     */
    static float[] readFloats(InputStream in, TorchDType dtype, int numel, ByteOrder order) throws IOException {
        float[] out = new float[numel];
        byte[] buf = new byte[chunkBytes(dtype)];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
        int done = 0;
        while (done < numel) {
            int n = Math.min(numel - done, buf.length / dtype.byteSize());
            readFully(in, buf, n * dtype.byteSize());
            switch (dtype) {
                case FLOAT32 -> bb.clear().asFloatBuffer().get(out, done, n);
                case FLOAT64 -> {
                    bb.clear();
                    for (int i = 0; i < n; i++) {
                        out[done + i] = (float) bb.getDouble(i * 8);
                    }
                }
                case FLOAT16 -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = FloatWidening.halfToFloat(bb.getShort(i * 2));
                    }
                }
                case BFLOAT16 -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = FloatWidening.bfloat16ToFloat(bb.getShort(i * 2));
                    }
                }
                default -> throw new IllegalArgumentException(dtype + " is not a floating dtype");
            }
            done += n;
        }
        return out;
    }

    /**
     * Decodes {@code numel} integer or bool elements.
     *
     * @param in the storage bytes, positioned at element 0
     * @param dtype an integer or bool dtype
     * @param order byte order of the file
     * @throws EOFException if the stream ends early
     */
    static long[] readLongs(InputStream in, TorchDType dtype, int numel, ByteOrder order) throws IOException {
        long[] out = new long[numel];
        byte[] buf = new byte[chunkBytes(dtype)];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
        int done = 0;
        while (done < numel) {
            int n = Math.min(numel - done, buf.length / dtype.byteSize());
            readFully(in, buf, n * dtype.byteSize());
            switch (dtype) {
                case INT64 -> bb.clear().asLongBuffer().get(out, done, n);
                case INT32 -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = bb.getInt(i * 4);
                    }
                }
                case INT16 -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = bb.getShort(i * 2);
                    }
                }
                case INT8 -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = buf[i];
                    }
                }
                case UINT8 -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = buf[i] & 0xff;
                    }
                }
                case BOOL -> {
                    for (int i = 0; i < n; i++) {
                        out[done + i] = buf[i] != 0 ? 1 : 0;
                    }
                }
                default -> throw new IllegalArgumentException(dtype + " is not an integer dtype");
            }
            done += n;
        }
        return out;
    }

    private static int chunkBytes(TorchDType dtype) {
        return CHUNK - CHUNK % dtype.byteSize();
    }

    private static void readFully(InputStream in, byte[] buf, int len) throws IOException {
        int off = 0;
        while (off < len) {
            int r = in.read(buf, off, len - off);
            if (r < 0) {
                throw new EOFException("storage ends after " + off + " of " + len + " bytes of a chunk");
            }
            off += r;
        }
    }
}
