package org.egolens.model.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Static helpers for the {@code .safetensors} format: whole-file reads and atomic float32 writes. For lazy, per-tensor
 * reading use {@link SafetensorsFile}.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {}

    /** Supplies the values of one tensor while a file is written (lets a writer stream tensors one at a time). */
    @FunctionalInterface
    public interface FloatSource {
        /**
         * @return the C-order float32 values of tensor {@code name}
         * @throws IOException if they cannot be produced
         */
        float[] values(String name) throws IOException;
    }

    /**
     * Reads every tensor of a file as float32 (F16/BF16/F64 converted in Java), in header order.
     *
     * @throws IOException if the file is missing, truncated or malformed (message names the file and key)
     */
    public static Map<String, FloatTensor> readFloats(Path file) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return f.readAllFloats();
        }
    }

    /**
     * Writes float32 tensors in map order, atomically (temporary file in the same folder, then rename). The header is
     * compact JSON with {@code __metadata__} first, padded with spaces to a multiple of 8 bytes.
     *
     * @param metadata string pairs for {@code __metadata__}; may be empty
     * @throws IOException on a write error (the target is left untouched)
     */
    public static void writeF32(Path file, Map<String, FloatTensor> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((k, v) -> shapes.put(k, v.shape()));
        writeF32(file, shapes, name -> tensors.get(name).data(), metadata);
    }

    /**
     * Streaming variant of {@link #writeF32(Path, Map, Map)}: the data of each tensor is asked for only when it is written.
     *
     * @param shapes tensor names (in file order) and shapes
     * @param source gives each tensor's values; their count must match the shape
     * @param metadata written sorted by key, so that equal inputs give byte-identical files in every JVM
     * @throws IOException on a write error or if a tensor's value count does not match its shape (names the key)
     */
    public static void writeF32(Path file, Map<String, long[]> shapes, FloatSource source, Map<String, String> metadata)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode m = root.putObject("__metadata__");
            new java.util.TreeMap<>(metadata).forEach(m::put); // Map.of iteration order differs between JVMs
        }
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            if ("__metadata__".equals(e.getKey())) {
                throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
            }
            ObjectNode t = root.putObject(e.getKey());
            t.put("dtype", "F32");
            ArrayNode sh = t.putArray("shape");
            long n = 1;
            for (long d : e.getValue()) {
                sh.add(d);
                n *= d;
            }
            ArrayNode off = t.putArray("data_offsets");
            off.add(offset);
            offset += n * 4;
            off.add(offset);
        }
        byte[] header = JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        byte[] hb = Arrays.copyOf(header, padded);
        Arrays.fill(hb, header.length, padded, (byte) ' ');

        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = AtomicFiles.createTemp(dir, abs.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
                out.write(len.array());
                out.write(hb);
                for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                    float[] v = source.values(e.getKey());
                    long n = 1;
                    for (long d : e.getValue()) {
                        n *= d;
                    }
                    if (v == null || v.length != n) {
                        throw new IOException(file + ": tensor '" + e.getKey() + "' has " + (v == null ? 0 : v.length)
                                + " values but shape " + Arrays.toString(e.getValue()) + " needs " + n);
                    }
                    writeFloats(out, v);
                }
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static void writeFloats(OutputStream out, float[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.min(v.length, 1 << 16) * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.length;) {
            b.clear();
            int n = Math.min(v.length - i, b.capacity() / 4);
            b.asFloatBuffer().put(v, i, n);
            out.write(b.array(), 0, n * 4);
            i += n;
        }
    }
}
