package org.egolens.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reader and writer for NumPy {@code .npy} files (format versions 1.0–3.0, C order, little- or big-endian).
 *
 * <p>Supported dtypes: {@code f4}, {@code f8}, {@code f2}, {@code i8}, {@code i4}, {@code i2}, {@code u1}, {@code i1},
 * {@code b1}. Every numeric array can be read as {@code float[]}, {@code double[]} or {@code long[]}. Writes are atomic
 * (temporary file, then rename). Fortran-ordered arrays are refused with an error naming the file.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** A decoded array: its dtype descriptor (e.g. {@code <f4}), its shape and its raw little-endian-normalised data. */
    public record Array(String descr, long[] shape, ByteBuffer data) {
        /** Number of elements (product of the shape; 1 for a 0-d array). */
        public long size() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        /** Shape as {@code int[]}. @throws IllegalStateException if a dimension exceeds {@code Integer.MAX_VALUE}. */
        public int[] intShape() {
            int[] r = new int[shape.length];
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] > Integer.MAX_VALUE) {
                    throw new IllegalStateException("dimension too large: " + shape[i]);
                }
                r[i] = (int) shape[i];
            }
            return r;
        }

        /** All elements converted to float, in C order. */
        public float[] toFloats() {
            int n = Math.toIntExact(size());
            float[] out = new float[n];
            ByteBuffer b = data.duplicate().order(data.order());
            String t = descr.substring(1);
            for (int i = 0; i < n; i++) {
                out[i] = (float) read(b, t, i);
            }
            return out;
        }

        /** All elements converted to double, in C order. */
        public double[] toDoubles() {
            int n = Math.toIntExact(size());
            double[] out = new double[n];
            ByteBuffer b = data.duplicate().order(data.order());
            String t = descr.substring(1);
            for (int i = 0; i < n; i++) {
                out[i] = read(b, t, i);
            }
            return out;
        }

        /** All elements converted to long (floats are truncated toward zero), in C order. */
        public long[] toLongs() {
            int n = Math.toIntExact(size());
            long[] out = new long[n];
            ByteBuffer b = data.duplicate().order(data.order());
            String t = descr.substring(1);
            for (int i = 0; i < n; i++) {
                out[i] = t.startsWith("i") || t.startsWith("u") || t.startsWith("b") ? readLong(b, t, i) : (long) read(b, t, i);
            }
            return out;
        }

        /** A 2-D array as rows of floats. @throws IllegalStateException if the array is not 2-D. */
        public float[][] toFloatMatrix() {
            if (shape.length != 2) {
                throw new IllegalStateException("expected a 2-D array, got shape " + Arrays.toString(shape));
            }
            int r = (int) shape[0];
            int c = (int) shape[1];
            float[] flat = toFloats();
            float[][] out = new float[r][c];
            for (int i = 0; i < r; i++) {
                System.arraycopy(flat, i * c, out[i], 0, c);
            }
            return out;
        }
    }

    private static double read(ByteBuffer b, String t, int i) {
        return switch (t) {
            case "f4" -> b.getFloat(i * 4);
            case "f8" -> b.getDouble(i * 8);
            case "f2" -> FloatWidening.halfToFloat(b.getShort(i * 2));
            case "i8" -> b.getLong(i * 8);
            case "i4" -> b.getInt(i * 4);
            case "i2" -> b.getShort(i * 2);
            case "u1" -> b.get(i) & 0xff;
            case "i1", "b1" -> b.get(i);
            default -> throw new IllegalStateException("unsupported dtype " + t);
        };
    }

    private static long readLong(ByteBuffer b, String t, int i) {
        return switch (t) {
            case "i8" -> b.getLong(i * 8);
            case "i4" -> b.getInt(i * 4);
            case "i2" -> b.getShort(i * 2);
            case "u1" -> b.get(i) & 0xff;
            case "i1", "b1" -> b.get(i);
            default -> throw new IllegalStateException("unsupported dtype " + t);
        };
    }

    private static int itemSize(String t) {
        return switch (t) {
            case "f8", "i8" -> 8;
            case "f4", "i4" -> 4;
            case "f2", "i2" -> 2;
            case "u1", "i1", "b1" -> 1;
            default -> -1;
        };
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @throws IOException if the file cannot be read or is not a valid, supported {@code .npy} (the message names the file)
     */
    public static Array read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        try {
            return parse(ByteBuffer.wrap(all));
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a {@code .npy} from a stream (fully). */
    public static Array read(InputStream in) throws IOException {
        return parse(ByteBuffer.wrap(in.readAllBytes()));
    }

    private static Array parse(ByteBuffer buf) {
        for (byte m : MAGIC) {
            if (!buf.hasRemaining() || buf.get() != m) {
                throw new IllegalArgumentException("not a .npy file (bad magic)");
            }
        }
        int major = buf.get() & 0xff;
        buf.get();
        buf.order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? (buf.getShort() & 0xffff) : buf.getInt();
        byte[] hb = new byte[headerLen];
        buf.get(hb);
        String header = new String(hb, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IllegalArgumentException("malformed .npy header: " + header.trim());
        }
        if (f.group(1).equals("True")) {
            throw new IllegalArgumentException("Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
        }
        String descr = d.group(1);
        char order = descr.charAt(0);
        String t = descr.substring(1);
        if (itemSize(t) < 0) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        }
        String[] parts = s.group(1).split(",");
        long[] shape = Arrays.stream(parts).map(String::trim).filter(p -> !p.isEmpty()).mapToLong(Long::parseLong).toArray();
        ByteBuffer data = buf.slice().order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long n = 1;
        for (long x : shape) {
            n *= x;
        }
        if (data.remaining() < n * itemSize(t)) {
            throw new IllegalArgumentException("truncated data: expected " + n * itemSize(t) + " bytes, found " + data.remaining());
        }
        return new Array(order == '|' ? "<" + t : descr, shape, data);
    }

    /** Writes a float32 array of the given shape (C order). @throws IllegalArgumentException if sizes disagree. */
    public static void writeFloats(Path file, float[] data, int... shape) throws IOException {
        check(data.length, shape);
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        write(file, "<f4", shape, b.array());
    }

    /** Writes a float32 matrix {@code (rows, cols)}. */
    public static void writeFloats(Path file, float[][] rows) throws IOException {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        float[] flat = new float[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("ragged matrix at row " + i);
            }
            System.arraycopy(rows[i], 0, flat, i * c, c);
        }
        writeFloats(file, flat, r, c);
    }

    /** Writes a float64 array of the given shape (C order). */
    public static void writeDoubles(Path file, double[] data, int... shape) throws IOException {
        check(data.length, shape);
        ByteBuffer b = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(data);
        write(file, "<f8", shape, b.array());
    }

    /** Writes an int64 array of the given shape (C order). */
    public static void writeLongs(Path file, long[] data, int... shape) throws IOException {
        check(data.length, shape);
        ByteBuffer b = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(data);
        write(file, "<i8", shape, b.array());
    }

    private static void check(int n, int[] shape) {
        long p = 1;
        for (int s : shape) {
            p *= s;
        }
        if (p != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + p + " elements, data has " + n);
        }
    }

    /**
     * Writes a float32 array of the given shape (C order) as a whole {@code .npy} file to a stream (left open).
     *
     * @throws IllegalArgumentException if sizes disagree
     */
    public static void writeFloats(OutputStream out, float[] data, int... shape) throws IOException {
        check(data.length, shape);
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        writeTo(out, "<f4", shape, b.array());
    }

    private static void write(Path file, String descr, int[] shape, byte[] payload) throws IOException {
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Path tmp = AtomicFiles.createTemp(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writeTo(out, descr, shape, payload);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeTo(OutputStream out, String descr, int[] shape, byte[] payload) throws IOException {
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sh.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                sh.append(shape.length == 1 ? "," : ", ");
            }
        }
        sh.append(")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + sh + ", }";
        int total = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        out.write(MAGIC);
        out.write(1);
        out.write(0);
        int hl = header.length();
        out.write(hl & 0xff);
        out.write((hl >> 8) & 0xff);
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(payload);
    }
}
