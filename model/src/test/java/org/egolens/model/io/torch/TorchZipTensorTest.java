package org.egolens.model.io.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tensor decoding on hand-built archives: strided views (offset, transposes, stride 0, shared storages), every
 * supported dtype with hand-computed values, byte order, lazy reading, containers with training args.
 */
class TorchZipTensorTest {
    @TempDir
    Path dir;

    private static PickleOps orderedDict() {
        return new PickleOps().proto(2).global("collections", "OrderedDict").emptyTuple().reduce();
    }

    /** Storage "0" holds 0, 1, …, 11; every tensor below is a view into it, element (i…) = offset + Σ i·stride. */
    @Test
    void stridedViewsOfOneStorageReadTheRightValues() throws IOException {
        float[] storage = new float[12];
        for (int i = 0; i < 12; i++) {
            storage[i] = i;
        }
        PickleOps p = orderedDict().mark();
        p.str("transposed").tensor("FloatStorage", "0", 12, 1, new long[] {3, 2}, new long[] {1, 3});
        p.str("rowSlice").tensor("FloatStorage", "0", 12, 8, new long[] {4}, new long[] {1});
        p.str("every5").tensor("FloatStorage", "0", 12, 2, new long[] {2}, new long[] {5});
        p.str("scalar").tensor("FloatStorage", "0", 12, 11, new long[] {}, new long[] {});
        p.str("expanded").tensor("FloatStorage", "0", 12, 0, new long[] {2, 3}, new long[] {0, 1});
        p.str("cube").tensor("FloatStorage", "0", 12, 0, new long[] {2, 2, 2}, new long[] {6, 1, 3});
        p.str("whole").tensor("FloatStorage", "0", 12, 0, new long[] {3, 4}, new long[] {4, 1});
        byte[] pickle = p.setitems().stop().toByteArray();
        Path file = TorchZips.torch(pickle, Map.of("0", TorchZips.f32(storage))).write(dir.resolve("views.pt"));

        StateDict sd = TorchZipReader.readStateDict(file);
        // [[1,4],[2,5],[3,6]]: (i, j) -> 1 + i + 3j
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, sd.require("transposed").floats());
        assertArrayEquals(new long[] {3, 2}, sd.require("transposed").shape());
        assertArrayEquals(new float[] {8, 9, 10, 11}, sd.require("rowSlice").floats());
        assertArrayEquals(new float[] {2, 7}, sd.require("every5").floats());
        assertArrayEquals(new float[] {11}, sd.require("scalar").floats());
        assertEquals(0, sd.require("scalar").shape().length);
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2}, sd.require("expanded").floats());
        // (i, j, k) -> 6i + j + 3k
        assertArrayEquals(new float[] {0, 3, 1, 4, 6, 9, 7, 10}, sd.require("cube").floats());
        assertArrayEquals(storage, sd.require("whole").floats());
    }

    @Test
    void viewBeyondItsStorageIsRefused() throws IOException {
        byte[] pickle = orderedDict().mark()
                .str("w").tensor("FloatStorage", "0", 12, 0, new long[] {4}, new long[] {4})
                .setitems().stop().toByteArray();
        Path file = TorchZips.torch(pickle, Map.of("0", TorchZips.f32(new float[12]))).write(dir.resolve("oob.pt"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TorchZipReader.readStateDict(file));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("12"), e.getMessage());
    }

    @Test
    void storageEntryOfWrongSizeIsRefused() throws IOException {
        byte[] pickle = orderedDict().mark().str("w").contiguousTensor("FloatStorage", "0", 4).setitems().stop()
                .toByteArray();
        Path file = TorchZips.torch(pickle, Map.of("0", TorchZips.f32(1f, 2f, 3f))).write(dir.resolve("short.pt"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TorchZipReader.readStateDict(file));
        assertTrue(e.getMessage().contains("archive/data/0") && e.getMessage().contains("12 bytes"), e.getMessage());
    }

    @Test
    void missingStorageEntryIsNamed() throws IOException {
        byte[] pickle = orderedDict().mark().str("w").contiguousTensor("FloatStorage", "7", 1).setitems().stop()
                .toByteArray();
        Path file = TorchZips.torch(pickle, Map.of()).write(dir.resolve("missing.pt"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TorchZipReader.readStateDict(file));
        assertTrue(e.getMessage().contains("archive/data/7") && e.getMessage().contains("'w'"), e.getMessage());
    }

    /**
     * float16: 0x3C00 = 1; 0xC000 = -2; 0x3555 = 2^(13-15)·(1 + 341/1024) = 0.333251953125; 0x7BFF = 65504 (max);
     * 0x0400 = 2^-14 (smallest normal); 0x03FF = 1023·2^-24 (largest subnormal); 0x0001 = 2^-24; 0x8000 = -0;
     * 0x7C00/0xFC00 = ±inf; 0x7E00 = NaN.
     */
    @Test
    void float16WidensExactly() throws IOException {
        int[] bits = {0x3C00, 0xC000, 0x3555, 0x7BFF, 0x0400, 0x03FF, 0x0001, 0x8000, 0x7C00, 0xFC00, 0x7E00};
        float[] expected = {1f, -2f, 0.333251953125f, 65504f, 0x1p-14f, 1023 * 0x1p-24f, 0x1p-24f, -0f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        TensorData t = readSingle("HalfStorage", TorchZips.u16(bits), bits.length);
        assertEquals(TorchDType.FLOAT16, t.dtype());
        assertArrayEquals(expected, t.floats());
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(t.floats()[7]), "sign of -0 kept");
    }

    /**
     * bfloat16 is the top half of a float32: 0x3F80 = 1; 0xC040 = -3; 0x4049 = 0x40490000 = 3.140625;
     * 0x3E20 = 0.15625; 0x0001 = 0x00010000 = 2^16·2^-149 = 2^-133 (subnormal); 0x8000 = -0; 0x7F80/0xFF80 = ±inf;
     * 0x7FC0 = NaN.
     */
    @Test
    void bfloat16WidensExactly() throws IOException {
        int[] bits = {0x3F80, 0xC040, 0x4049, 0x3E20, 0x0001, 0x8000, 0x7F80, 0xFF80, 0x7FC0};
        float[] expected = {1f, -3f, 3.140625f, 0.15625f, 0x1p-133f, -0f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN};
        TensorData t = readSingle("BFloat16Storage", TorchZips.u16(bits), bits.length);
        assertEquals(TorchDType.BFLOAT16, t.dtype());
        assertArrayEquals(expected, t.floats());
    }

    @Test
    void float64IsRoundedToNearestFloat() throws IOException {
        TensorData t = readSingle("DoubleStorage", TorchZips.f64(0.1, -2.5, 1e300), 3);
        assertEquals(TorchDType.FLOAT64, t.dtype());
        assertArrayEquals(new float[] {0.1f, -2.5f, Float.POSITIVE_INFINITY}, t.floats());
    }

    @Test
    void integerAndBoolDtypesComeAsLongs() throws IOException {
        assertArrayEquals(new long[] {-7, Integer.MAX_VALUE},
                readSingle("IntStorage", TorchZips.i32(-7, Integer.MAX_VALUE), 2).longs());
        assertArrayEquals(new long[] {-3, 32767}, readSingle("ShortStorage", TorchZips.u16(0xFFFD, 0x7FFF), 2)
                .longs());
        assertArrayEquals(new long[] {-128, 127, -1}, readSingle("CharStorage", TorchZips.u8(0x80, 0x7F, 0xFF), 3)
                .longs());
        assertArrayEquals(new long[] {0, 255, 128}, readSingle("ByteStorage", TorchZips.u8(0, 255, 128), 3).longs());
        TensorData b = readSingle("BoolStorage", TorchZips.u8(0, 1, 1, 0), 4);
        assertEquals(TorchDType.BOOL, b.dtype());
        assertArrayEquals(new long[] {0, 1, 1, 0}, b.longs());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 1L << 40},
                readSingle("LongStorage", TorchZips.i64(ByteOrder.LITTLE_ENDIAN, Long.MIN_VALUE, 1L << 40), 2)
                        .longs());
    }

    @Test
    void bigEndianByteorderRecordIsHonoured() throws IOException {
        byte[] pickle = orderedDict().mark()
                .str("ids").contiguousTensor("LongStorage", "0", 3)
                .str("w").contiguousTensor("FloatStorage", "1", 2)
                .setitems().stop().toByteArray();
        Path file = new TorchZips()
                .entry("be/data.pkl", pickle)
                .entry("be/byteorder", "big")
                .entry("be/data/0", TorchZips.i64(ByteOrder.BIG_ENDIAN, 1, -2, 1L << 40))
                .entry("be/data/1", TorchZips.f32(ByteOrder.BIG_ENDIAN, 1.5f, -0.25f))
                .entry("be/version", "3\n")
                .write(dir.resolve("be.pt"));
        try (TorchCheckpoint c = TorchZipReader.open(file)) {
            assertEquals(ByteOrder.BIG_ENDIAN, c.byteOrder());
            StateDict sd = c.stateDict();
            assertArrayEquals(new long[] {1, -2, 1L << 40}, sd.require("ids").longs());
            assertArrayEquals(new float[] {1.5f, -0.25f}, sd.require("w").floats());
        }
    }

    @Test
    void unsupportedStorageTypeIsNamed() throws IOException {
        byte[] pickle = orderedDict().mark().str("c").contiguousTensor("ComplexFloatStorage", "0", 1).setitems()
                .stop().toByteArray();
        Path file = TorchZips.torch(pickle, Map.of("0", new byte[8])).write(dir.resolve("complex.pt"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> TorchZipReader.open(file));
        assertTrue(e.getMessage().contains("torch.ComplexFloatStorage") && e.getMessage().contains("not supported"),
                e.getMessage());
    }

    /** Pyrolite's own SETITEMS goes through a HashMap; the reader must keep the order torch wrote. */
    @Test
    void keyOrderOfLargeStateDictIsKept() throws IOException {
        List<String> keys = new ArrayList<>();
        PickleOps p = orderedDict().mark();
        for (int i = 0; i < 40; i++) {
            String k = "layer." + (i * 7919 % 40) + ".weight";
            keys.add(k);
            p.str(k).tensor("FloatStorage", "0", 1, 0, new long[] {}, new long[] {});
        }
        byte[] pickle = p.setitems().stop().toByteArray();
        Path file = TorchZips.torch(pickle, Map.of("0", TorchZips.f32(3f))).write(dir.resolve("order.pt"));
        StateDict sd = TorchZipReader.readStateDict(file);
        assertEquals(keys, new ArrayList<>(sd.names()));
    }

    /**
     * An AVION-style container: {'epoch': 5, 'state_dict': {'module.w': Parameter(tensor)}, 'optimizer':
     * {'m': tensor}, 'args': Namespace(lr=0.1, model='CLIP_VITB16', flags=[True, None], raw=b'ab\xff', tags={'x'})}.
     * Only the state dict's tensor is read; the optimizer tensor stays a TensorRef.
     */
    @Test
    void trainingContainerWithArgsNamespace() throws IOException {
        PickleOps p = new PickleOps().proto(2).emptyDict().mark();
        p.str("epoch").integer(5);
        p.str("state_dict").emptyDict().mark().str("module.w")
                .global("torch._utils", "_rebuild_parameter").mark()
                .contiguousTensor("FloatStorage", "0", 2).newTrue()
                .global("collections", "OrderedDict").emptyTuple().reduce()
                .tuple().reduce()
                .setitems();
        p.str("optimizer").emptyDict().str("m").contiguousTensor("FloatStorage", "1", 3).setitem();
        p.str("args").global("argparse", "Namespace").emptyTuple().newObj()
                .emptyDict().mark()
                .str("lr").binfloat(0.1)
                .str("model").str("CLIP_VITB16")
                .str("flags").emptyList().mark().newTrue().none().appends()
                .str("raw").global("_codecs", "encode").str("ab\u00ff").str("latin1").tuple2().reduce()
                .str("tags").global("builtins", "set").emptyList().mark().str("x").appends().tuple1().reduce()
                .setitems().build();
        byte[] pickle = p.setitems().stop().toByteArray();
        Path file = TorchZips.torch(pickle, Map.of("0", TorchZips.f32(0.5f, -0.5f), "1", new byte[5]))
                .write(dir.resolve("avion.pt"));

        // storage 1 is 5 bytes instead of 12: never read, so no error
        StateDict sd = TorchZipReader.readStateDict(file);
        assertEquals(List.of("w"), new ArrayList<>(sd.names()));
        assertArrayEquals(new float[] {0.5f, -0.5f}, sd.require("w").floats());
        assertEquals("module.", sd.strippedPrefix());
        assertEquals(5L, sd.extras().get("epoch"));
        Map<?, ?> optimizer = (Map<?, ?>) sd.extras().get("optimizer");
        assertInstanceOf(TensorRef.class, optimizer.get("m"));

        PickledObject args = assertInstanceOf(PickledObject.class, sd.extras().get("args"));
        assertEquals("argparse.Namespace", args.global());
        assertEquals(0.1, args.attributes().get("lr"));
        assertEquals("CLIP_VITB16", args.attributes().get("model"));
        assertEquals(Arrays.asList(true, null), args.attributes().get("flags"));
        assertArrayEquals(new byte[] {'a', 'b', (byte) 0xff}, (byte[]) args.attributes().get("raw"));
        assertEquals(Set.of("x"), args.attributes().get("tags"));
    }

    @Test
    void readOnDemandSharesOneStorageRead() throws IOException {
        byte[] pickle = orderedDict().mark()
                .str("a").tensor("FloatStorage", "0", 4, 0, new long[] {2}, new long[] {1})
                .str("b").tensor("FloatStorage", "0", 4, 2, new long[] {2}, new long[] {1})
                .setitems().stop().toByteArray();
        Path file = TorchZips.torch(pickle, Map.of("0", TorchZips.f32(1, 2, 3, 4))).write(dir.resolve("lazy.pt"));
        try (TorchCheckpoint c = TorchZipReader.open(file)) {
            Map<?, ?> root = (Map<?, ?>) c.root();
            TensorRef b = (TensorRef) root.get("b");
            assertEquals(2, b.storageOffset());
            Map<TensorRef, TensorData> values = c.read(List.of(b));
            assertArrayEquals(new float[] {3, 4}, values.get(b).floats());
        }
    }

    private TensorData readSingle(String storageClass, byte[] data, int numel) throws IOException {
        byte[] pickle = orderedDict().mark().str("t").contiguousTensor(storageClass, "0", numel).setitems().stop()
                .toByteArray();
        Map<String, byte[]> storages = new LinkedHashMap<>();
        storages.put("0", data);
        Path file = TorchZips.torch(pickle, storages).write(dir.resolve(storageClass + ".pt"));
        return TorchZipReader.readStateDict(file).require("t");
    }
}
