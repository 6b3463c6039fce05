package org.egolens.model.io.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * An open {@code torch.save} zip archive whose pickle has been read safely: the object graph ({@link #root()}) is
 * available at once, tensor values are read on demand ({@link #read}, {@link #stateDict()}). Close it to release the
 * file.
 *
 * <p>Layout: {@code <archive>/data.pkl} (the pickle), {@code <archive>/data/<key>} (raw storage bytes, one entry per
 * storage), {@code <archive>/byteorder} ({@code little}/{@code big}; absent means little), {@code <archive>/version}.
 * Obtain instances from {@link TorchZipReader#open(Path)}.
 */
public final class TorchCheckpoint implements AutoCloseable {
    private final Path file;
    private final ZipFile zip;
    private final String archive;
    private final ByteOrder byteOrder;
    private final String formatVersion;
    private final Object root;

    TorchCheckpoint(Path file, ZipFile zip, String archive, ByteOrder byteOrder, String formatVersion, Object root) {
        this.file = file;
        this.zip = zip;
        this.archive = archive;
        this.byteOrder = byteOrder;
        this.formatVersion = formatVersion;
        this.root = root;
    }

    /** The checkpoint file. */
    public Path file() {
        return file;
    }

    /** The archive folder name inside the zip (torch uses the file stem, or {@code archive}). */
    public String archiveName() {
        return archive;
    }

    /** Byte order of the storages (from the {@code byteorder} record; little-endian when absent). */
    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** The {@code version} record (torch writes {@code 3}), if present. */
    public Optional<String> formatVersion() {
        return Optional.ofNullable(formatVersion);
    }

    /**
     * The unpickled content as immutable plain data: {@code Map} (insertion-ordered, for dict and OrderedDict),
     * {@code List} (lists and tuples), {@code Long}/{@code BigInteger}, {@code Double}, {@code String},
     * {@code Boolean}, {@code byte[]}, {@code Set}, {@code null}, {@link PickledObject} (argparse.Namespace) and
     * {@link TensorRef} for every tensor (values not read yet).
     */
    public Object root() {
        return root;
    }

    /**
     * Finds the state dict ({@link StateDicts#unwrap}) and reads its tensors. Tensors elsewhere (e.g. optimizer state)
     * are not read; they stay {@link TensorRef}s in {@link StateDict#extras()}.
     *
     * @throws CheckpointFormatException if there is no state dict or a storage is missing, short or out of bounds
     * @throws IOException if the file cannot be read
     */
    public StateDict stateDict() throws IOException {
        StateDicts.Unwrapped u = StateDicts.unwrap(root, file.toString());
        List<TensorRef> refs = new ArrayList<>();
        Map<TensorRef, String> names = new IdentityHashMap<>();
        for (Map.Entry<String, Object> e : u.tensors().entrySet()) {
            if (e.getValue() instanceof TensorRef r) {
                refs.add(r);
                names.putIfAbsent(r, e.getKey());
            }
        }
        Map<TensorRef, TensorData> values = read(refs, names);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : u.tensors().entrySet()) {
            Object v = e.getValue();
            tensors.put(e.getKey(), v instanceof TensorRef r ? values.get(r) : (TensorData) v);
        }
        return new StateDict(file.toString(), tensors, u.extras(), u.location(), u.strippedPrefix());
    }

    /**
     * Reads the values of some tensors of this checkpoint. Each storage is read once; a tensor that is the only view
     * of its whole storage gets the decoded array without a copy, other views (shared storages, slices, transposes)
     * get their own contiguous copy.
     *
     * @param tensors tensors from {@link #root()}
     * @return tensor → values (identity map), for every distinct tensor given
     * @throws CheckpointFormatException if a storage entry is missing, has the wrong size, or a view exceeds it
     */
    public Map<TensorRef, TensorData> read(Collection<TensorRef> tensors) throws IOException {
        return read(tensors, Map.of());
    }

    private Map<TensorRef, TensorData> read(Collection<TensorRef> tensors, Map<TensorRef, String> names)
            throws IOException {
        Set<TensorRef> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, List<TensorRef>> byStorage = new LinkedHashMap<>();
        for (TensorRef t : tensors) {
            if (seen.add(t)) {
                byStorage.computeIfAbsent(t.storage().key(), k -> new ArrayList<>()).add(t);
            }
        }
        Map<TensorRef, TensorData> out = new IdentityHashMap<>();
        for (List<TensorRef> views : byStorage.values()) {
            readStorage(views, names, out);
        }
        return out;
    }

    private void readStorage(List<TensorRef> views, Map<TensorRef, String> names, Map<TensorRef, TensorData> out)
            throws IOException {
        StorageRef storage = views.get(0).storage();
        for (TensorRef v : views) {
            if (!v.storage().equals(storage)) {
                throw new CheckpointFormatException(file + ": storage " + storage.key() + " is used with two"
                        + " declarations: " + storage + " and " + v.storage());
            }
            long max;
            try {
                max = v.maxStorageIndex();
            } catch (ArithmeticException e) {
                max = Long.MAX_VALUE;
            }
            if (max >= storage.numel()) {
                throw new CheckpointFormatException(file + ": tensor " + label(v, names) + " reads storage element "
                        + max + " but storage " + storage.key() + " has " + storage.numel() + " elements");
            }
        }
        if (storage.numel() > StorageDecoder.MAX_ELEMENTS) {
            throw new CheckpointFormatException(file + ": storage " + storage.key() + " has " + storage.numel()
                    + " elements, more than a Java array holds (" + StorageDecoder.MAX_ELEMENTS + ")");
        }
        String entryName = archive + "/data/" + storage.key();
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
            throw new CheckpointFormatException(file + ": storage entry " + entryName + " is missing (needed by "
                    + label(views.get(0), names) + ")");
        }
        long bytes = storage.byteLength();
        if (entry.getSize() >= 0 && entry.getSize() != bytes) {
            throw new CheckpointFormatException(file + ": storage entry " + entryName + " has " + entry.getSize()
                    + " bytes but the pickle declares " + storage.numel() + " " + storage.dtype() + " elements ("
                    + bytes + " bytes)");
        }
        int numel = (int) storage.numel();
        Object decoded;
        try (InputStream in = zip.getInputStream(entry)) {
            decoded = storage.dtype().isFloating()
                    ? StorageDecoder.readFloats(in, storage.dtype(), numel, byteOrder)
                    : StorageDecoder.readLongs(in, storage.dtype(), numel, byteOrder);
        } catch (java.io.EOFException e) {
            throw new CheckpointFormatException(file + ": storage entry " + entryName + " is shorter than " + bytes
                    + " bytes", e);
        }
        boolean soleFullView = views.size() == 1 && views.get(0).storageOffset() == 0
                && views.get(0).numel() == storage.numel() && views.get(0).isContiguous();
        for (TensorRef v : views) {
            Object values = soleFullView ? decoded : StridedCopy.gather(decoded, v);
            out.put(v, values instanceof float[] f
                    ? new TensorData(v.shape(), storage.dtype(), f, null)
                    : new TensorData(v.shape(), storage.dtype(), null, (long[]) values));
        }
    }

    private static String label(TensorRef v, Map<TensorRef, String> names) {
        String n = names.get(v);
        return n != null ? "'" + n + "'" : v.toString();
    }

    /** Closes the zip file. */
    @Override
    public void close() throws IOException {
        zip.close();
    }
}
