package org.egolens.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.egolens.model.nn.NativeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader and writer on hand-made files with hand-computed values. */
class SafetensorsTest {
    @TempDir
    Path tmp;

    /** Writes a file from a header JSON and a little-endian data section, exactly as given. */
    private Path raw(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path p = tmp.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static byte[] shorts(int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    @Test
    void f16IsWidenedExactly() throws IOException {
        // 1, -2, 1/3 rounded to binary16, largest normal, smallest subnormal 2^-24, -0, +inf
        Path p = raw("f16.safetensors", "{\"h\":{\"dtype\":\"F16\",\"shape\":[7],\"data_offsets\":[0,14]}}",
                shorts(0x3C00, 0xC000, 0x3555, 0x7BFF, 0x0001, 0x8000, 0x7C00));
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            float[] v = f.readFloats("h");
            assertArrayEquals(new float[] {1f, -2f, 0.333251953125f, 65504f, (float) Math.pow(2, -24), -0f,
                Float.POSITIVE_INFINITY}, v);
            assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(v[5]), "sign of zero kept");
        }
    }

    @Test
    void bf16IsWidenedInJavaAndBecomesAFloat32NDArray() throws IOException {
        // 1, -3, 0x3EAB = 0.333984375, 0x7F7F = (2 - 2^-7)·2^127, 0x0001 = 2^-133 (subnormal), -inf
        Path p = raw("bf16.safetensors", "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2,3],\"data_offsets\":[0,12]}}",
                shorts(0x3F80, 0xC040, 0x3EAB, 0x7F7F, 0x0001, 0xFF80));
        float[] want = {1f, -3f, 0.333984375f, (float) ((2 - Math.pow(2, -7)) * Math.pow(2, 127)),
            (float) Math.pow(2, -133), Float.NEGATIVE_INFINITY};
        try (SafetensorsFile f = SafetensorsFile.open(p); NDManager m = NativeEngine.pytorch().newBaseManager()) {
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertArrayEquals(want, f.readFloats("b"));
            NDArray a = f.toNDArray("b", m);
            assertEquals(DataType.FLOAT32, a.getDataType());
            assertEquals(new Shape(2, 3), a.getShape());
            assertEquals("b", a.getName());
            assertArrayEquals(want, a.toFloatArray());
        }
    }

    @Test
    void integerAndDoubleTensors() throws IOException {
        ByteBuffer d = ByteBuffer.allocate(16 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        d.putLong(-5L).putLong(49407L).putInt(7).putInt(-1).putDouble(0.1);
        Path p = raw("ints.safetensors", "{\"i8\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"i4\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[16,24]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[24,32]}}", d.array());
        try (SafetensorsFile f = SafetensorsFile.open(p); NDManager m = NativeEngine.pytorch().newBaseManager()) {
            assertArrayEquals(new long[] {-5, 49407}, f.readLongs("i8"));
            assertArrayEquals(new long[] {7, -1}, f.readLongs("i4"));
            assertEquals(DataType.INT64, f.toNDArray("i8", m).getDataType());
            NDArray i4 = f.toNDArray("i4", m);
            assertEquals(DataType.INT32, i4.getDataType());
            assertArrayEquals(new int[] {7, -1}, i4.toIntArray());
            assertArrayEquals(new float[] {0.1f}, f.readFloats("d"));
            assertEquals(0, f.info("d").shape().length, "scalar");
            IOException e = assertThrows(IOException.class, () -> f.readLongs("d"));
            assertTrue(e.getMessage().contains("'d'"), e.getMessage());
        }
    }

    private void assertRefused(String name, String header, byte[] data, String... fragments) throws IOException {
        Path p = raw(name, header, data);
        IOException e = assertThrows(IOException.class, () -> SafetensorsFile.open(p).close());
        assertTrue(e.getMessage().contains(p.toString()), "names the file: " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
    }

    @Test
    void malformedFilesAreRefusedNamingFileAndKey() throws IOException {
        assertRefused("json.safetensors", "{\"a\":{\"dtype\":\"F32\",", new byte[0], "malformed JSON");
        assertRefused("offsets.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}",
                new byte[8], "'w'", "truncated");
        assertRefused("size.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}",
                new byte[8], "'w'", "needs 12 bytes");
        assertRefused("dtype.safetensors", "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}",
                new byte[1], "'w'", "F8_E4M3");
        assertRefused("nodtype.safetensors", "{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4], "'w'",
                "dtype");
        assertRefused("negdim.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
                new byte[4], "'w'", "dimension");
        assertRefused("array.safetensors", "[1,2]", new byte[0], "not a JSON object");
    }

    @Test
    void truncatedHeaderIsRefused() throws IOException {
        Path p = tmp.resolve("cut.safetensors");
        ByteBuffer b = ByteBuffer.allocate(8 + 10).order(ByteOrder.LITTLE_ENDIAN).putLong(500).put(new byte[10]);
        Files.write(p, b.array());
        IOException e = assertThrows(IOException.class, () -> SafetensorsFile.open(p).close());
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        Path tiny = tmp.resolve("tiny.safetensors");
        Files.write(tiny, new byte[3]);
        IOException e2 = assertThrows(IOException.class, () -> SafetensorsFile.open(tiny).close());
        assertTrue(e2.getMessage().contains(tiny.toString()), e2.getMessage());
    }

    @Test
    void writerRoundTripsAndIsReadableByDjl() throws IOException {
        Map<String, FloatTensor> t = new LinkedHashMap<>();
        t.put("visual.blocks.0.attn.q_proj.weight", new FloatTensor(new long[] {2, 3}, new float[] {1, 2, 3, -4, 5.5f, 6}));
        t.put("logit_scale", new FloatTensor(new long[0], new float[] {2.5f}));
        t.put("b", new FloatTensor(new long[] {3}, new float[] {0.25f, -0f, 1e-30f}));
        Path p = tmp.resolve("out/w.safetensors");
        Safetensors.writeF32(p, t, Map.of("format", "pt"));
        try (Stream<Path> s = Files.list(p.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
        ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, head.getLong(0) % 8, "header padded to a multiple of 8");
        assertEquals(t, Safetensors.readFloats(p));
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertEquals(java.util.List.copyOf(t.keySet()), java.util.List.copyOf(f.tensors().keySet()), "order kept");
        }
        // an independent reader: DJL's own safetensors decoder
        try (NDManager m = NativeEngine.pytorch().newBaseManager(); InputStream in = Files.newInputStream(p)) {
            NDList l = NDList.decode(m, in);
            assertEquals(3, l.size());
            for (NDArray a : l) {
                FloatTensor want = t.get(a.getName());
                assertArrayEquals(want.shape(), a.getShape().getShape(), a.getName());
                assertArrayEquals(want.data(), a.toFloatArray(), a.getName());
            }
        }
    }

    /** DJL's {@code NDList.encode(SAFETENSORS)} writes the arrays' names as keys (checked here; we use our own writer). */
    @Test
    void djlEncodedFileIsReadWithItsNames() throws IOException {
        Path p = tmp.resolve("djl.safetensors");
        try (NDManager m = NativeEngine.pytorch().newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            a.setName("text.ln_final.weight");
            NDArray b = m.create(new float[] {7});
            b.setName("visual.head.bias");
            Files.write(p, new NDList(a, b).encode(NDList.Encoding.SAFETENSORS));
        }
        Map<String, FloatTensor> got = Safetensors.readFloats(p);
        assertEquals(new FloatTensor(new long[] {2, 2}, new float[] {1, 2, 3, 4}), got.get("text.ln_final.weight"));
        assertEquals(new FloatTensor(new long[] {1}, new float[] {7}), got.get("visual.head.bias"));
    }

    @Test
    void writerRefusesAShapeDataMismatchAndKeepsTheTarget() throws IOException {
        Path p = tmp.resolve("keep.safetensors");
        Files.writeString(p, "old");
        Map<String, long[]> shapes = Map.of("w", new long[] {4});
        IOException e = assertThrows(IOException.class,
                () -> Safetensors.writeF32(p, shapes, k -> new float[3], Map.of()));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
        assertEquals("old", Files.readString(p));
    }
}
