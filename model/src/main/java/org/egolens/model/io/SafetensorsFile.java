package org.egolens.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reader for one {@code .safetensors} file: an 8-byte little-endian header length, a JSON header mapping tensor names to
 * {@code dtype}, {@code shape} and {@code data_offsets} (relative to the end of the header), then the raw little-endian data.
 *
 * <p>The header is parsed and validated when the file is opened; tensor data is read lazily, one tensor at a time, so a
 * large checkpoint never needs to be in the Java heap at once. Floating-point tensors ({@code F32}, {@code F16},
 * {@code BF16}, {@code F64}) are always delivered as float32; integer tensors as {@code long}. Malformed or truncated files
 * raise an {@link IOException} whose message names the file and, where it applies, the tensor key.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Largest header accepted (the format's reference implementation uses the same bound). */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors,
            Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /**
     * Opens a file and validates its header (lengths, JSON, dtypes, shapes, offsets inside the data section).
     *
     * @throws IOException if the file cannot be read or is malformed; the message names the file (and key)
     */
    public static SafetensorsFile open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 8) {
                throw new IOException(file + ": too short for a safetensors file (" + size + " bytes, need at least 8)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            long headerLen = lenBuf.getLong(0);
            if (headerLen < 2 || headerLen > MAX_HEADER_BYTES) {
                throw new IOException(file + ": implausible header length " + Long.toUnsignedString(headerLen)
                        + " (not a safetensors file?)");
            }
            if (headerLen > size - 8) {
                throw new IOException(file + ": header length " + headerLen + " exceeds the file size " + size
                        + " (truncated file?)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, 8, file);
            String header = new String(hb.array(), StandardCharsets.UTF_8);
            long dataLen = size - 8 - headerLen;
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            Map<String, String> meta = new LinkedHashMap<>();
            parseHeader(file, header, dataLen, tensors, meta);
            return new SafetensorsFile(file, ch, 8 + headerLen, tensors, meta);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static void parseHeader(Path file, String header, long dataLen, Map<String, TensorInfo> tensors,
            Map<String, String> meta) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": malformed JSON header: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": header is not a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (METADATA.equals(key)) {
                if (!v.isObject()) {
                    throw new IOException(file + ": __metadata__ must be an object of strings");
                }
                v.fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            tensors.put(key, parseEntry(file, key, v, dataLen));
        }
    }

    private static TensorInfo parseEntry(Path file, String key, JsonNode v, long dataLen) throws IOException {
        String where = file + ": tensor '" + key + "'";
        if (!v.isObject()) {
            throw new IOException(where + ": entry is not a JSON object");
        }
        JsonNode dt = v.get("dtype");
        JsonNode sh = v.get("shape");
        JsonNode off = v.get("data_offsets");
        if (dt == null || !dt.isTextual()) {
            throw new IOException(where + ": missing or non-string 'dtype'");
        }
        if (sh == null || !sh.isArray()) {
            throw new IOException(where + ": missing or non-array 'shape'");
        }
        if (off == null || !off.isArray() || off.size() != 2) {
            throw new IOException(where + ": 'data_offsets' must be an array [begin, end]");
        }
        SafetensorsDType dtype;
        try {
            dtype = SafetensorsDType.parse(dt.asText());
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
        long[] shape = new long[sh.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw new IOException(where + ": bad dimension " + d + " in shape " + sh);
            }
            shape[i] = d.asLong();
            numel = Math.multiplyExact(numel, shape[i]);
        }
        for (JsonNode o : off) {
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.asLong() < 0) {
                throw new IOException(where + ": bad data_offsets " + off);
            }
        }
        long begin = off.get(0).asLong();
        long end = off.get(1).asLong();
        if (begin > end) {
            throw new IOException(where + ": data_offsets " + off + " end before they begin");
        }
        if (end > dataLen) {
            throw new IOException(where + ": data_offsets " + off + " exceed the " + dataLen
                    + " data bytes of the file (truncated file?)");
        }
        long expect = numel * dtype.itemSize();
        if (end - begin != expect) {
            throw new IOException(where + ": " + dtype + " " + Arrays.toString(shape) + " needs " + expect
                    + " bytes but data_offsets " + off + " span " + (end - begin));
        }
        return new TensorInfo(key, dtype, shape, begin, end);
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long pos, Path file) throws IOException {
        long p = pos;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, p);
            if (n < 0) {
                throw new EOFException(file + ": unexpected end of file at byte " + p);
            }
            p += n;
        }
        dst.flip();
    }

    /** The file this reader reads. */
    public Path path() {
        return path;
    }

    /** Tensor entries in header order (unmodifiable). */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} string map (empty if absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Header entry of one tensor.
     *
     * @throws IllegalArgumentException if the file has no such tensor (message names file and key)
     */
    public TensorInfo info(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(path + ": no tensor named '" + name + "'");
        }
        return t;
    }

    private ByteBuffer bytes(TensorInfo t) throws IOException {
        if (t.byteLength() > Integer.MAX_VALUE - 16) {
            throw new IOException(path + ": tensor '" + t.name() + "' is larger than 2 GiB; not supported");
        }
        ByteBuffer b = ByteBuffer.allocate((int) t.byteLength());
        readFully(channel, b, dataStart + t.begin(), path);
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads a tensor as float32 values in C order. Floating types are converted exactly (F16, BF16 widened; F64 rounded);
     * integer types are converted with the usual int → float rounding.
     *
     * @throws IOException on a read error (message names file and key)
     */
    public float[] readFloats(String name) throws IOException {
        TensorInfo t = info(name);
        ByteBuffer b = bytes(t);
        int n = Math.toIntExact(t.numel());
        float[] out = new float[n];
        switch (t.dtype()) {
            case F32 -> b.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = FloatWidening.halfToFloat(b.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = FloatWidening.bfloat16ToFloat(b.getShort(2 * i));
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(8 * i);
                }
            }
            default -> {
                long[] l = toLongs(t, b);
                for (int i = 0; i < n; i++) {
                    out[i] = l[i];
                }
            }
        }
        return out;
    }

    /**
     * Reads an integer (or bool) tensor as {@code long} values in C order.
     *
     * @throws IOException if the tensor is floating point or cannot be read (message names file and key)
     */
    public long[] readLongs(String name) throws IOException {
        TensorInfo t = info(name);
        if (t.dtype().isFloating()) {
            throw new IOException(path + ": tensor '" + name + "' is " + t.dtype() + ", not an integer tensor");
        }
        return toLongs(t, bytes(t));
    }

    private static long[] toLongs(TensorInfo t, ByteBuffer b) {
        int n = Math.toIntExact(t.numel());
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (t.dtype()) {
                case I64 -> b.getLong(8 * i);
                case I32 -> b.getInt(4 * i);
                case I16 -> b.getShort(2 * i);
                case I8, BOOL -> b.get(i);
                case U8 -> b.get(i) & 0xff;
                default -> throw new IllegalStateException("not an integer dtype: " + t.dtype());
            };
        }
        return out;
    }

    /** Reads a tensor as a {@link FloatTensor} (see {@link #readFloats(String)}). */
    public FloatTensor readFloatTensor(String name) throws IOException {
        return new FloatTensor(info(name).shape(), readFloats(name));
    }

    /**
     * Reads every tensor as float32, in header order. Needs Java heap for the whole file (in float32).
     *
     * @throws IOException on a read error
     */
    public Map<String, FloatTensor> readAllFloats() throws IOException {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (String k : tensors.keySet()) {
            out.put(k, readFloatTensor(k));
        }
        return out;
    }

    /**
     * Creates a tensor in {@code manager}: floating types as FLOAT32 (BF16/F16 widened in Java first), {@code I64} as
     * INT64, {@code I32} as INT32, other integer types as INT64. The array is named after the tensor.
     *
     * @throws IOException on a read error (message names file and key)
     */
    public NDArray toNDArray(String name, NDManager manager) throws IOException {
        TensorInfo t = info(name);
        Shape shape = new Shape(t.shape());
        NDArray a;
        if (t.dtype().isFloating()) {
            a = manager.create(readFloats(name), shape);
        } else if (t.dtype() == SafetensorsDType.I32) {
            long[] l = readLongs(name);
            int[] v = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                v[i] = (int) l[i];
            }
            a = manager.create(v, shape);
        } else {
            a = manager.create(readLongs(name), shape);
        }
        a.setName(name);
        return a;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
