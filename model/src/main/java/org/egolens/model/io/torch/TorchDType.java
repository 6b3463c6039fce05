package org.egolens.model.io.torch;

import java.util.Arrays;
import java.util.Optional;

/**
 * Element types of PyTorch tensor storages that EgoLens can read, keyed by the legacy storage class that
 * {@code torch.save} names in the pickle ({@code torch.FloatStorage}, {@code torch.HalfStorage}, …).
 *
 * <p>Floating types are delivered as {@code float[]}: {@link #FLOAT16} and {@link #BFLOAT16} are widened exactly,
 * {@link #FLOAT64} is rounded to the nearest float. Integer and boolean types are delivered as {@code long[]}
 * (bool as 0/1). BF16 is never handed to DJL (a BF16 NDArray aborts the JVM on the PyTorch 2.7.1 engine).
 */
public enum TorchDType {
    /** IEEE 754 binary32; {@code torch.FloatStorage}. */
    FLOAT32("FloatStorage", 4, true),
    /** IEEE 754 binary16; {@code torch.HalfStorage}; widened exactly to float32. */
    FLOAT16("HalfStorage", 2, true),
    /** bfloat16 (upper half of a binary32); {@code torch.BFloat16Storage}; widened exactly to float32. */
    BFLOAT16("BFloat16Storage", 2, true),
    /** IEEE 754 binary64; {@code torch.DoubleStorage}; rounded to the nearest float32. */
    FLOAT64("DoubleStorage", 8, true),
    /** Signed 64-bit integer; {@code torch.LongStorage}. */
    INT64("LongStorage", 8, false),
    /** Signed 32-bit integer; {@code torch.IntStorage}. */
    INT32("IntStorage", 4, false),
    /** Signed 16-bit integer; {@code torch.ShortStorage}. */
    INT16("ShortStorage", 2, false),
    /** Signed 8-bit integer; {@code torch.CharStorage}. */
    INT8("CharStorage", 1, false),
    /** Unsigned 8-bit integer; {@code torch.ByteStorage}. */
    UINT8("ByteStorage", 1, false),
    /** Boolean stored as one byte (0 or 1); {@code torch.BoolStorage}. */
    BOOL("BoolStorage", 1, false);

    private final String storageClass;
    private final int byteSize;
    private final boolean floating;

    TorchDType(String storageClass, int byteSize, boolean floating) {
        this.storageClass = storageClass;
        this.byteSize = byteSize;
        this.floating = floating;
    }

    /** The storage class name inside module {@code torch}, e.g. {@code "FloatStorage"}. */
    public String storageClass() {
        return storageClass;
    }

    /** Bytes per element in the checkpoint. */
    public int byteSize() {
        return byteSize;
    }

    /** True for float32/float16/bfloat16/float64 (values come as {@code float[]}), false for integers and bool. */
    public boolean isFloating() {
        return floating;
    }

    /** The dtype whose storage class is {@code torch.<name>}, if EgoLens reads it. */
    public static Optional<TorchDType> forStorageClass(String name) {
        return Arrays.stream(values()).filter(d -> d.storageClass.equals(name)).findFirst();
    }
}
