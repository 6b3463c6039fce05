package org.egolens.model.io.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Decides what a weights file is from its first bytes and, for zip files, its entry names; the file extension is never
 * trusted. {@link #explain} turns a mismatch into a message that says what the file is and what to do with it.
 *
 * <p>Signatures: zip {@code PK\3\4} (then by entry names: {@code code/} + {@code constants.pkl} → TorchScript,
 * {@code <archive>/data.pkl} → torch.save, only {@code .npy} entries → npz); {@code DJL@} → DJL {@code Model.save};
 * {@code \x93NUMPY} → npy; a pickle whose first value is the long {@code 0x1950a86a20f9469cfc6c} (as LONG1 after
 * {@code PROTO} and an optional {@code FRAME}, or as text for protocols 0/1) → legacy torch; any other protocol-2+
 * pickle → plain pickle; a little-endian u64 header length that fits the file followed by {@code '{'} → safetensors.
 */
public final class CheckpointSniffer {
    /** The legacy torch magic number 0x1950a86a20f9469cfc6c as the LONG1 payload (10 bytes, little-endian). */
    private static final byte[] LEGACY_MAGIC = {0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a,
        (byte) 0xa8, 0x50, 0x19};
    /** The same number as written by pickle protocols 0 and 1 (text LONG opcode). */
    private static final byte[] LEGACY_MAGIC_TEXT = "L119547037146038801333356L\n".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);
    private static final Pattern TORCH_DATA_PKL = Pattern.compile("[^/]+/data\\.pkl");
    private static final int HEAD = 64;

    private static final Map<CheckpointKind, List<String>> USUAL_EXTENSIONS = Map.of(
            CheckpointKind.SAFETENSORS, List.of("safetensors"),
            CheckpointKind.TORCH_ZIP_STATE_DICT, List.of("pt", "pth", "bin", "ckpt", "tar"),
            CheckpointKind.TORCHSCRIPT_ARCHIVE, List.of("pt", "pth", "ts", "torchscript"),
            CheckpointKind.TORCH_LEGACY_PICKLE, List.of("pt", "pth", "bin", "ckpt", "tar"),
            CheckpointKind.PYTHON_PICKLE, List.of("pkl", "pickle"),
            CheckpointKind.DJL_PARAMS, List.of("params"),
            CheckpointKind.NUMPY_NPZ, List.of("npz"),
            CheckpointKind.NUMPY_NPY, List.of("npy"));

    private CheckpointSniffer() {}

    /**
     * Classifies a file.
     *
     * @param file the file to inspect (only its first bytes, or its zip central directory, are read)
     * @return its kind; {@link CheckpointKind#UNKNOWN} for anything unrecognised, including a broken zip
     * @throws IOException if the file cannot be read
     */
    public static CheckpointKind sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        }
        if (isZip(head)) {
            List<String> names = new ArrayList<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    names.add(e.getName());
                }
            } catch (ZipException e) {
                return CheckpointKind.UNKNOWN;
            }
            return classifyZip(names);
        }
        return classifyHead(head, Files.size(file));
    }

    /**
     * Classifies a zip archive by its entry names.
     *
     * @param entryNames all entry names of the archive
     * @return TORCHSCRIPT_ARCHIVE, TORCH_ZIP_STATE_DICT, NUMPY_NPZ or UNKNOWN
     */
    public static CheckpointKind classifyZip(List<String> entryNames) {
        boolean constants = false;
        boolean code = false;
        boolean dataPkl = false;
        boolean allNpy = !entryNames.isEmpty();
        for (String n : entryNames) {
            constants |= n.equals("constants.pkl") || n.endsWith("/constants.pkl");
            code |= n.startsWith("code/") || n.contains("/code/");
            dataPkl |= TORCH_DATA_PKL.matcher(n).matches();
            allNpy &= n.endsWith(".npy");
        }
        if (constants && code) {
            return CheckpointKind.TORCHSCRIPT_ARCHIVE;
        }
        if (dataPkl) {
            return CheckpointKind.TORCH_ZIP_STATE_DICT;
        }
        return allNpy ? CheckpointKind.NUMPY_NPZ : CheckpointKind.UNKNOWN;
    }

    /**
     * Classifies a non-zip file by its first bytes.
     *
     * @param head the first bytes (at least 25 for the legacy torch magic, 9 for safetensors)
     * @param fileSize the full file size in bytes
     */
    static CheckpointKind classifyHead(byte[] head, long fileSize) {
        if (startsWith(head, new byte[] {'D', 'J', 'L', '@'})) {
            return CheckpointKind.DJL_PARAMS;
        }
        if (startsWith(head, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})) {
            return CheckpointKind.NUMPY_NPY;
        }
        if (startsWith(head, LEGACY_MAGIC_TEXT)) { // protocols 0 and 1 write the long as text
            return CheckpointKind.TORCH_LEGACY_PICKLE;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            int at = 2;
            if (head.length > at && (head[at] & 0xff) == 0x95) { // FRAME + 8-byte length (protocols 4 and 5)
                at += 9;
            }
            // LONG1 (0x8a) of 10 bytes holding torch's legacy magic number
            if (head.length >= at + 12 && (head[at] & 0xff) == 0x8a && head[at + 1] == 10) {
                boolean magic = true;
                for (int i = 0; i < LEGACY_MAGIC.length; i++) {
                    magic &= head[at + 2 + i] == LEGACY_MAGIC[i];
                }
                if (magic) {
                    return CheckpointKind.TORCH_LEGACY_PICKLE;
                }
            }
            return CheckpointKind.PYTHON_PICKLE;
        }
        if (head.length >= 9 && head[8] == '{') {
            long n = 0;
            for (int i = 7; i >= 0; i--) {
                n = (n << 8) | (head[i] & 0xff);
            }
            if (n >= 2 && n <= fileSize - 8) {
                return CheckpointKind.SAFETENSORS;
            }
        }
        return CheckpointKind.UNKNOWN;
    }

    /**
     * A message for a file of kind {@code actual} offered where {@code expected} was wanted, naming the file, what it
     * really is, and how to turn it into something EgoLens reads.
     *
     * @param file the file (only its name is used)
     * @param actual what {@link #sniff} found
     * @param expected what the caller wanted, e.g. {@link CheckpointKind#TORCH_ZIP_STATE_DICT}
     */
    public static String explain(Path file, CheckpointKind actual, CheckpointKind expected) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (actual == expected) {
            return name + " is " + actual.description();
        }
        String renamed = renamedNote(name, actual);
        String wanted = " (expected " + expected.description() + ")";
        return switch (actual) {
            case TORCHSCRIPT_ARCHIVE -> name + " is a TorchScript archive, not a state dict: export its state_dict()"
                    + " with torch.save(torch.jit.load('" + name + "').state_dict(), 'weights.pt') in Python and open"
                    + " that file (it has code/ and constants.pkl, written by torch.jit.save)" + wanted;
            case TORCH_LEGACY_PICKLE -> name + " uses PyTorch's legacy serialization (torch < 1.6 or"
                    + " _use_new_zipfile_serialization=False), which EgoLens does not read" + wanted + ": re-save it"
                    + " with torch >= 1.6 as torch.save(torch.load('" + name + "'), 'converted.pt'); only do this for a"
                    + " file you trust, since loading a legacy pickle in Python can run code";
            case DJL_PARAMS -> name + " is a DJL .params file (DJL Model.save, magic 'DJL@')" + renamed + wanted
                    + "; open it as a DJL model: Model.load(folder, modelName) on a block of the same structure";
            case SAFETENSORS -> name + " is a safetensors file" + renamed + wanted
                    + "; open it with the safetensors reader in org.egolens.model.io";
            case TORCH_ZIP_STATE_DICT -> name + " is a torch.save zip checkpoint" + renamed + wanted
                    + "; open it with org.egolens.model.io.torch.TorchZipReader";
            case NUMPY_NPZ -> name + " is a NumPy .npz archive (np.savez)" + renamed + wanted
                    + "; it is a bag of arrays, not a checkpoint: read its .npy entries with org.egolens.model.io.Npy";
            case NUMPY_NPY -> name + " is a single NumPy .npy array" + renamed + wanted
                    + "; read it with org.egolens.model.io.Npy";
            case PYTHON_PICKLE -> name + " is a plain Python pickle, not a torch.save checkpoint" + wanted
                    + "; EgoLens does not unpickle arbitrary Python objects: save tensors with torch.save(state_dict)"
                    + " or as safetensors";
            case UNKNOWN -> name + " is not a recognised weights file" + wanted + ": it is neither safetensors, a"
                    + " torch.save zip, TorchScript, legacy torch, DJL .params nor NumPy";
        };
    }

    private static String renamedNote(String name, CheckpointKind actual) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        List<String> usual = USUAL_EXTENSIONS.getOrDefault(actual, List.of());
        if (ext.isEmpty() || usual.isEmpty() || usual.contains(ext)) {
            return "";
        }
        return " renamed ." + ext;
    }

    private static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
