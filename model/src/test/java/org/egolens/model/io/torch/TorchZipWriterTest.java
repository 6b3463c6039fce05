package org.egolens.model.io.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer produces torch's zip layout (stored, 64-byte aligned entries) that the reader reads back exactly. */
class TorchZipWriterTest {
    @TempDir
    Path dir;

    @Test
    void containerRoundTripsThroughTheReader() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("module.logit_scale", TensorData.ofFloats(new long[] {}, new float[] {2.6592f}));
        tensors.put("module.w", TensorData.ofFloats(new long[] {2, 3}, new float[] {1, -2, 3.5f, Float.NaN, -0f,
            Float.MIN_VALUE}));
        tensors.put("module.ids", TensorData.ofLongs(new long[] {3}, new long[] {-1, 0, Long.MAX_VALUE}));
        tensors.put("module.mask", new TensorData(new long[] {2}, TorchDType.BOOL, null, new long[] {1, 0}));
        tensors.put("module.d", new TensorData(new long[] {1}, TorchDType.FLOAT64, new float[] {0.1f}, null));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("epoch", 3);
        root.put("state_dict", tensors);
        root.put("args", null);
        root.put("history", List.of(1.5, "x", true, 70000L, -5L, 1L << 40));
        Path file = dir.resolve("ckpt.pt");
        TorchZipWriter.write(file, root);

        StateDict sd = TorchZipReader.readStateDict(file);
        assertEquals(List.of("logit_scale", "w", "ids", "mask", "d"), new ArrayList<>(sd.names()));
        assertEquals(tensors.get("module.logit_scale"), sd.require("logit_scale"));
        assertEquals(tensors.get("module.w"), sd.require("w"));
        assertEquals(tensors.get("module.ids"), sd.require("ids"));
        assertEquals(tensors.get("module.mask"), sd.require("mask"));
        assertEquals(TorchDType.FLOAT64, sd.require("d").dtype());
        assertArrayEquals(new float[] {0.1f}, sd.require("d").floats());
        assertEquals(3L, sd.extras().get("epoch"));
        assertEquals(Arrays.asList(1.5, "x", true, 70000L, -5L, 1L << 40), sd.extras().get("history"));
    }

    @Test
    void float16ValuesAreStoredAsFloat32Exactly() throws IOException {
        TensorData half = new TensorData(new long[] {2}, TorchDType.FLOAT16, new float[] {0.333251953125f, 65504f},
                null);
        Path file = dir.resolve("h.pt");
        TorchZipWriter.writeStateDict(file, Map.of("h", half));
        TensorData back = TorchZipReader.readStateDict(file).require("h");
        assertEquals(TorchDType.FLOAT32, back.dtype());
        assertArrayEquals(half.floats(), back.floats());
    }

    /**
     * Walks the local file headers (signature PK\3\4; name length at +26, extra length at +28, size at +18) and
     * checks torch's layout: every entry stored under {@code archive/}, data starting on a 64-byte boundary.
     */
    @Test
    void entriesAreStoredAndAligned() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            float[] v = new float[7 + i];
            Arrays.fill(v, i);
            tensors.put("t" + i, TensorData.ofFloats(new long[] {v.length}, v));
        }
        Path file = dir.resolve("aligned.pt");
        TorchZipWriter.writeStateDict(file, tensors);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<String> names = new ArrayList<>();
        int pos = 0;
        while (b.getInt(pos) == 0x04034b50) {
            int method = b.getShort(pos + 8);
            long size = b.getInt(pos + 18) & 0xffffffffL;
            int nameLen = b.getShort(pos + 26) & 0xffff;
            int extraLen = b.getShort(pos + 28) & 0xffff;
            String name = new String(b.array(), pos + 30, nameLen, StandardCharsets.UTF_8);
            int data = pos + 30 + nameLen + extraLen;
            assertEquals(0, method, name + " must be stored");
            assertEquals(0, data % 64, name + " data must start on a 64-byte boundary");
            names.add(name);
            pos = (int) (data + size);
        }
        assertEquals(List.of("archive/data.pkl", "archive/byteorder", "archive/data/0", "archive/data/1",
                "archive/data/2", "archive/data/3", "archive/data/4", "archive/version"), names);
        assertTrue(CheckpointSniffer.sniff(file) == CheckpointKind.TORCH_ZIP_STATE_DICT);
        assertEquals(tensors, TorchZipReader.readStateDict(file).tensors());
    }
}
