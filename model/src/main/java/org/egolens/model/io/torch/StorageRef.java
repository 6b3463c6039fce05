package org.egolens.model.io.torch;

import java.util.Objects;

/**
 * One tensor storage of a {@code torch.save} zip archive, as named by the pickle's persistent id
 * {@code ('storage', torch.<Type>Storage, key, location, numel)}; its bytes are the archive entry
 * {@code <archive>/data/<key>}.
 *
 * @param key the storage key (the entry name below {@code data/}), e.g. {@code "0"}
 * @param dtype element type
 * @param location the device it was saved from, e.g. {@code "cpu"} or {@code "cuda:0"} (informational; always read to
 *     the CPU)
 * @param numel number of elements of the storage
 */
public record StorageRef(String key, TorchDType dtype, String location, long numel) {
    /** @throws IllegalArgumentException if {@code numel} is negative */
    public StorageRef {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(location, "location");
        if (numel < 0) {
            throw new IllegalArgumentException("negative storage size " + numel + " for storage " + key);
        }
    }

    /** Size of the storage in bytes ({@code numel · dtype.byteSize()}). */
    public long byteLength() {
        return Math.multiplyExact(numel, (long) dtype.byteSize());
    }
}
