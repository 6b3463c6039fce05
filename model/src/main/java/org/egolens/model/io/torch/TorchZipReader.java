package org.egolens.model.io.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PyTorch {@code torch.save} zip checkpoints (torch >= 1.6) in pure Java, without running any of the file's
 * pickle: only the globals a state dict needs are accepted ({@link ForbiddenGlobalException} otherwise).
 *
 * <p>Typical use: {@code StateDict sd = TorchZipReader.readStateDict(Path.of("EVA02_CLIP_B_psz16_s8B.pt"));}.
 * Other kinds of file (TorchScript, legacy torch, safetensors, DJL .params, npz) are recognised first
 * ({@link CheckpointSniffer}) and refused with a message saying what they are and how to convert them. Zip entries with
 * absolute paths or {@code ..} segments are refused.
 */
public final class TorchZipReader {
    private static final Logger LOG = LoggerFactory.getLogger(TorchZipReader.class);

    /** Largest {@code data.pkl} accepted (the pickle of a 1000-tensor state dict is about 100 KB). */
    static final long MAX_PICKLE_BYTES = 256L << 20;

    private TorchZipReader() {}

    /**
     * Opens a checkpoint and reads its pickle (tensor values are read later, on demand).
     *
     * @param file a {@code torch.save} zip archive
     * @return the open checkpoint; close it when done
     * @throws ForbiddenGlobalException if the pickle names a global outside the allowlist (nothing is run)
     * @throws CheckpointFormatException if the file is another kind of file, has unsafe entry names, or is malformed
     * @throws IOException if the file cannot be read
     */
    public static TorchCheckpoint open(Path file) throws IOException {
        CheckpointKind kind = CheckpointSniffer.sniff(file);
        if (kind != CheckpointKind.TORCH_ZIP_STATE_DICT) {
            throw new CheckpointFormatException(CheckpointSniffer.explain(file, kind,
                    CheckpointKind.TORCH_ZIP_STATE_DICT) + " [file: " + file + "]");
        }
        ZipFile zip = new ZipFile(file.toFile());
        try {
            List<String> names = new ArrayList<>();
            for (ZipEntry e : Collections.list(zip.entries())) {
                checkEntryName(file, e.getName());
                names.add(e.getName());
            }
            String archive = archiveName(file, names);
            ByteOrder order = byteOrder(file, zip, archive);
            String version = readText(zip, archive + "/version");
            if (version == null) {
                LOG.debug("{}: no version record", file);
            }
            String label = file + " (entry " + archive + "/data.pkl)";
            byte[] pickle = readPickle(file, zip, archive + "/data.pkl");
            RestrictedUnpickler unpickler = new RestrictedUnpickler(label);
            Object root = PickleGraph.freeze(unpickler.unpickle(pickle), label);
            LOG.debug("{}: archive '{}', {} storages, byte order {}, version {}", file, archive,
                    unpickler.storages().size(), order, version);
            return new TorchCheckpoint(file, zip, archive, order, version, root);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /**
     * Opens, locates the state dict ({@link StateDicts#unwrap}: containers {@code state_dict}/{@code model}/
     * {@code module}, {@code module.} stripped), reads its tensors and closes the file.
     *
     * @param file a {@code torch.save} zip archive
     * @return the state dict, with the container's other entries as extras
     * @throws CheckpointFormatException see {@link #open}, or when no state dict is found
     * @throws IOException if the file cannot be read
     */
    public static StateDict readStateDict(Path file) throws IOException {
        try (TorchCheckpoint c = open(file)) {
            return c.stateDict();
        }
    }

    /** Refuses absolute paths, drive letters, backslashes, NUL and {@code ..} segments. */
    static void checkEntryName(Path file, String name) throws CheckpointFormatException {
        boolean absolute = name.startsWith("/") || name.matches("^[A-Za-z]:.*");
        boolean odd = name.isEmpty() || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0;
        boolean parent = false;
        for (String seg : name.split("/", -1)) {
            parent |= seg.equals("..");
        }
        if (absolute || odd || parent) {
            throw new CheckpointFormatException(file + ": refused zip entry '" + name + "' ("
                    + (parent ? "contains a '..' segment" : absolute ? "absolute path" : "invalid name")
                    + "); a torch checkpoint only has entries below its archive folder");
        }
    }

    private static String archiveName(Path file, List<String> names) throws CheckpointFormatException {
        List<String> found = new ArrayList<>();
        for (String n : names) {
            int slash = n.indexOf('/');
            if (slash > 0 && n.substring(slash).equals("/data.pkl")) {
                found.add(n.substring(0, slash));
            }
        }
        if (found.size() != 1) {
            throw new CheckpointFormatException(file + ": expected exactly one <archive>/data.pkl entry, found "
                    + found.size() + " " + found);
        }
        return found.get(0);
    }

    private static ByteOrder byteOrder(Path file, ZipFile zip, String archive) throws IOException {
        String text = readText(zip, archive + "/byteorder");
        if (text == null || text.equals("little")) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (text.equals("big")) {
            return ByteOrder.BIG_ENDIAN;
        }
        throw new CheckpointFormatException(file + ": unknown byteorder record '" + text + "' in " + archive
                + "/byteorder (expected little or big)");
    }

    /** A small text record, trimmed, or null when the entry is absent. */
    private static String readText(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(e)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim();
        }
    }

    private static byte[] readPickle(Path file, ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e.getSize() > MAX_PICKLE_BYTES) {
            throw new CheckpointFormatException(file + ": " + name + " is " + e.getSize() + " bytes, more than the "
                    + MAX_PICKLE_BYTES + " accepted for a state-dict pickle");
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] data = in.readNBytes((int) MAX_PICKLE_BYTES + 1);
            if (data.length > MAX_PICKLE_BYTES) {
                throw new CheckpointFormatException(file + ": " + name + " is larger than " + MAX_PICKLE_BYTES
                        + " bytes");
            }
            return data;
        }
    }
}
