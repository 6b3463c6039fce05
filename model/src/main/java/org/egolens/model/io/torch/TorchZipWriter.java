package org.egolens.model.io.torch;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.egolens.model.io.AtomicFiles;

/**
 * Writes a {@code torch.save}-style zip checkpoint (pickle protocol 2, little-endian storages, entries stored
 * uncompressed and 64-byte aligned like torch's own writer), using only the globals {@link TorchZipReader} allows.
 *
 * <p>Content may be nested maps (a map whose values are all tensors is written as {@code collections.OrderedDict},
 * like {@code state_dict()}; other maps as {@code dict}), lists, strings, integers, floats, booleans, {@code null} and
 * {@link TensorData}. Floating tensors are stored as float32 ({@code FloatStorage}; float16/bfloat16 values survive
 * exactly since they were widened exactly) except float64 ({@code DoubleStorage}); integer and bool tensors keep
 * their dtype. The file is written to a temporary file beside the target and then renamed.
 */
public final class TorchZipWriter {
    /** Archive folder name inside the zip (torch >= 2 also uses {@code archive}). */
    public static final String ARCHIVE = "archive";
    private static final int ALIGN = 64;
    private static final int CHUNK = 1 << 20;
    /** Fixed entry timestamp (2020-01-01), inside the DOS date range so no extra timestamp field is added. */
    private static final long ENTRY_TIME = 1_577_836_800_000L;

    private TorchZipWriter() {}

    /**
     * Writes a plain state dict: {@code torch.save(OrderedDict(tensors), file)}.
     *
     * @param file target file (replaced atomically)
     * @param tensors name → tensor, written in iteration order
     */
    public static void writeStateDict(Path file, Map<String, TensorData> tensors) throws IOException {
        write(file, new LinkedHashMap<String, Object>(tensors));
    }

    /**
     * Writes arbitrary plain content, e.g. {@code {"epoch": 3, "state_dict": tensors, "args": null}}.
     *
     * @param file target file (replaced atomically)
     * @param root the top-level map
     * @throws IllegalArgumentException for values of unsupported types
     */
    public static void write(Path file, Map<String, ?> root) throws IOException {
        Pickler p = new Pickler();
        p.value(root);
        p.stop();
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = AtomicFiles.createTemp(dir, file.getFileName().toString(), ".tmp");
        try {
            try (CountingStream counting = new CountingStream(new BufferedOutputStream(Files.newOutputStream(tmp),
                    CHUNK)); ZipOutputStream zip = new ZipOutputStream(counting)) {
                zip.setMethod(ZipOutputStream.STORED);
                putStored(zip, counting, ARCHIVE + "/data.pkl", p.bytes());
                putStored(zip, counting, ARCHIVE + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < p.tensors.size(); i++) {
                    putTensor(zip, counting, ARCHIVE + "/data/" + i, p.tensors.get(i));
                }
                putStored(zip, counting, ARCHIVE + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void putStored(ZipOutputStream zip, CountingStream counting, String name, byte[] data)
            throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        zip.putNextEntry(storedEntry(name, data.length, crc.getValue(), counting.count));
        zip.write(data);
        zip.closeEntry();
    }

    private static void putTensor(ZipOutputStream zip, CountingStream counting, String name, TensorData t)
            throws IOException {
        CRC32 crc = new CRC32();
        long size = encode(t, crc::update);
        zip.putNextEntry(storedEntry(name, size, crc.getValue(), counting.count));
        encode(t, zip::write);
        zip.closeEntry();
    }

    /** A STORED entry whose data starts on a 64-byte boundary (padding in an extra field, id "FB" as torch does). */
    private static ZipEntry storedEntry(String name, long size, long crc, long offset) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        e.setTime(ENTRY_TIME);
        int nameLen = name.getBytes(StandardCharsets.UTF_8).length;
        long headerEnd = offset + 30 + nameLen + 4; // local header + name + extra-field header
        int pad = (int) ((ALIGN - headerEnd % ALIGN) % ALIGN);
        byte[] extra = new byte[4 + pad];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >>> 8);
        for (int i = 4; i < extra.length; i++) {
            extra[i] = 'Z';
        }
        e.setExtra(extra);
        return e;
    }

    private interface Sink {
        void accept(byte[] b, int off, int len) throws IOException;
    }

    /** Streams the storage bytes of {@code t} (little-endian) to {@code sink}; returns the byte count. */
    private static long encode(TensorData t, Sink sink) throws IOException {
        TorchDType d = storageType(t);
        int n = Math.toIntExact(t.numel());
        byte[] buf = new byte[CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        int per = CHUNK / d.byteSize();
        long total = 0;
        for (int start = 0; start < n; start += per) {
            int count = Math.min(per, n - start);
            bb.clear();
            switch (d) {
                case FLOAT32 -> bb.asFloatBuffer().put(t.floats(), start, count);
                case FLOAT64 -> {
                    for (int i = 0; i < count; i++) {
                        bb.putDouble(i * 8, t.floats()[start + i]);
                    }
                }
                case INT64 -> bb.asLongBuffer().put(t.longs(), start, count);
                case INT32 -> {
                    for (int i = 0; i < count; i++) {
                        bb.putInt(i * 4, (int) t.longs()[start + i]);
                    }
                }
                case INT16 -> {
                    for (int i = 0; i < count; i++) {
                        bb.putShort(i * 2, (short) t.longs()[start + i]);
                    }
                }
                case INT8, UINT8, BOOL -> {
                    for (int i = 0; i < count; i++) {
                        buf[i] = (byte) t.longs()[start + i];
                    }
                }
                default -> throw new IllegalStateException("no encoder for " + d);
            }
            sink.accept(buf, 0, count * d.byteSize());
            total += (long) count * d.byteSize();
        }
        return total;
    }

    /** The storage dtype a tensor is written with. */
    private static TorchDType storageType(TensorData t) {
        return switch (t.dtype()) {
            case FLOAT32, FLOAT16, BFLOAT16 -> TorchDType.FLOAT32;
            default -> t.dtype();
        };
    }

    /**
     * Pickle protocol 2 encoder for the supported value types. Each opcode byte below is named in its comment;
     * globals are memoised (LONG_BINPUT / LONG_BINGET) like Python's pickler does.
     */
    private static final class Pickler {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Map<String, Integer> memo = new LinkedHashMap<>();
        /** Storage key → tensor: storage {@code i} holds {@code tensors.get(i)}; a tensor object used twice shares one. */
        final List<TensorData> tensors = new ArrayList<>();
        private final Map<TensorData, String> keys = new IdentityHashMap<>();

        Pickler() {
            out.write(0x80); // PROTO
            out.write(2);
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        void stop() {
            out.write('.'); // STOP
        }

        void value(Object v) {
            if (v == null) {
                out.write('N'); // NONE
            } else if (v instanceof Boolean b) {
                out.write(b ? 0x88 : 0x89); // NEWTRUE / NEWFALSE
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                integer(((Number) v).longValue());
            } else if (v instanceof Double || v instanceof Float) {
                out.write('G'); // BINFLOAT, 8-byte big-endian double
                writeBytes(ByteBuffer.allocate(8).putDouble(((Number) v).doubleValue()).array());
            } else if (v instanceof String s) {
                string(s);
            } else if (v instanceof TensorData t) {
                tensor(t);
            } else if (v instanceof Map<?, ?> m) {
                map(m);
            } else if (v instanceof List<?> l) {
                out.write(']'); // EMPTY_LIST
                if (!l.isEmpty()) {
                    out.write('('); // MARK
                    for (Object x : l) {
                        value(x);
                    }
                    out.write('e'); // APPENDS
                }
            } else {
                throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " to a checkpoint");
            }
        }

        private void map(Map<?, ?> m) {
            boolean stateDict = !m.isEmpty() && m.values().stream().allMatch(x -> x instanceof TensorData);
            if (stateDict) {
                global("collections", "OrderedDict");
                out.write(')'); // EMPTY_TUPLE
                out.write('R'); // REDUCE: OrderedDict()
            } else {
                out.write('}'); // EMPTY_DICT
            }
            int inBatch = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (inBatch == 0) {
                    out.write('('); // MARK
                }
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException("checkpoint keys must be strings, got " + e.getKey());
                }
                string(k);
                value(e.getValue());
                if (++inBatch == 1000) { // Python's pickler batches SETITEMS by 1000
                    out.write('u'); // SETITEMS
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                out.write('u'); // SETITEMS
            }
        }

        /** {@code _rebuild_tensor_v2(('storage', Type, key, 'cpu', numel), 0, size, stride, False, OrderedDict())}. */
        private void tensor(TensorData t) {
            String key = keys.get(t);
            if (key == null) {
                key = Integer.toString(tensors.size());
                keys.put(t, key);
                tensors.add(t);
            }
            global("torch._utils", "_rebuild_tensor_v2");
            out.write('('); // MARK (arguments)
            out.write('('); // MARK (persistent id)
            string("storage");
            global("torch", storageType(t).storageClass());
            string(key);
            string("cpu");
            integer(t.numel());
            out.write('t'); // TUPLE
            out.write('Q'); // BINPERSID
            integer(0); // storage_offset
            long[] shape = t.shape();
            long[] stride = new long[shape.length];
            long s = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                stride[d] = s;
                s *= shape[d];
            }
            tuple(shape);
            tuple(stride);
            out.write(0x89); // NEWFALSE (requires_grad)
            global("collections", "OrderedDict");
            out.write(')'); // EMPTY_TUPLE
            out.write('R'); // REDUCE: OrderedDict() (backward hooks)
            out.write('t'); // TUPLE (arguments)
            out.write('R'); // REDUCE: _rebuild_tensor_v2(*arguments)
        }

        private void tuple(long[] values) {
            out.write('('); // MARK
            for (long v : values) {
                integer(v);
            }
            out.write('t'); // TUPLE
        }

        private void global(String module, String name) {
            String q = module + "\n" + name + "\n";
            Integer id = memo.get(q);
            if (id != null) {
                out.write('j'); // LONG_BINGET
                writeBytes(le32(id));
                return;
            }
            out.write('c'); // GLOBAL
            writeBytes(q.getBytes(StandardCharsets.US_ASCII));
            id = memo.size();
            memo.put(q, id);
            out.write('r'); // LONG_BINPUT
            writeBytes(le32(id));
        }

        private void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X'); // BINUNICODE, 4-byte little-endian length
            writeBytes(le32(b.length));
            writeBytes(b);
        }

        private void integer(long v) {
            if (v >= 0 && v < 256) {
                out.write('K'); // BININT1
                out.write((int) v);
            } else if (v >= 0 && v < 65536) {
                out.write('M'); // BININT2
                out.write((int) v & 0xff);
                out.write((int) (v >>> 8) & 0xff);
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                out.write('J'); // BININT, signed 4-byte little-endian
                writeBytes(le32((int) v));
            } else {
                out.write(0x8a); // LONG1: length byte, then two's complement little-endian
                out.write(8);
                writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
            }
        }

        private static byte[] le32(int v) {
            return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
        }

        private void writeBytes(byte[] b) {
            out.write(b, 0, b.length);
        }
    }

    /** Counts bytes written, to place entry data on 64-byte boundaries. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
