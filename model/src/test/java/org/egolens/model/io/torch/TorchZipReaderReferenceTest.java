package org.egolens.model.io.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the reader on the real files written by torch 1.13 (shared/data/reference/eva02clip-tiny): every tensor of
 * {@code model.pt} and of the DDP container {@code model_ddp.pt} equals, bit for bit, the same tensor of the
 * hand-written {@code model.safetensors}, which this test parses on its own (Jackson for the JSON header).
 */
class TorchZipReaderReferenceTest {
    private static final String DIR = "reference/eva02clip-tiny/";
    private static Map<String, Reference> safetensors;

    /** One safetensors tensor: shape and raw float32 values. */
    private record Reference(long[] shape, float[] values) {}

    @BeforeAll
    static void readSafetensors() throws IOException {
        safetensors = parseSafetensors(SharedData.require(DIR + "model.safetensors"));
    }

    /** Safetensors layout: u64le header length N, N bytes of JSON, then the data; offsets relative to the data. */
    private static Map<String, Reference> parseSafetensors(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            int headerLen = Math.toIntExact(all.getLong(0));
            byte[] json = new byte[headerLen];
            all.get(8, json);
            JsonNode header = new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
            Map<String, Reference> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                assertEquals("F32", e.getValue().get("dtype").asText(), e.getKey());
                JsonNode shapeNode = e.getValue().get("shape");
                long[] shape = new long[shapeNode.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeNode.get(i).asLong();
                }
                long begin = e.getValue().get("data_offsets").get(0).asLong();
                long end = e.getValue().get("data_offsets").get(1).asLong();
                float[] values = new float[Math.toIntExact((end - begin) / 4)];
                all.slice(Math.toIntExact(8 + headerLen + begin), values.length * 4).order(ByteOrder.LITTLE_ENDIAN)
                        .asFloatBuffer().get(values);
                out.put(e.getKey(), new Reference(shape, values));
            }
            return out;
        }
    }

    private static void assertSameAsSafetensors(StateDict sd) {
        assertEquals(new ArrayList<>(safetensors.keySet()), new ArrayList<>(sd.names()), "keys and their order");
        for (Map.Entry<String, Reference> e : safetensors.entrySet()) {
            TensorData t = sd.require(e.getKey());
            assertEquals(TorchDType.FLOAT32, t.dtype(), e.getKey());
            assertArrayEquals(e.getValue().shape(), t.shape(), e.getKey());
            float[] expected = e.getValue().values();
            float[] actual = t.floats();
            assertEquals(expected.length, actual.length, e.getKey());
            for (int i = 0; i < expected.length; i++) {
                if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                    throw new AssertionError(e.getKey() + "[" + i + "]: expected " + expected[i] + " got "
                            + actual[i]);
                }
            }
        }
    }

    @Test
    void plainStateDictEqualsSafetensorsBitwise() throws IOException {
        StateDict sd = TorchZipReader.readStateDict(SharedData.require(DIR + "model.pt"));
        assertEquals(86, sd.size(), "README lists 86 tensors");
        assertSameAsSafetensors(sd);
        assertEquals("", sd.location());
        assertEquals("", sd.strippedPrefix());
        assertTrue(sd.extras().isEmpty());

        TensorData logitScale = sd.require("logit_scale");
        assertEquals(0, logitScale.shape().length, "logit_scale is 0-d");
        assertEquals(1, logitScale.floats().length);
        // README: logit_scale.exp() = 14.3891315
        assertEquals(14.3891315, Math.exp(logitScale.floats()[0]), 1e-5);
        assertArrayEquals(new long[] {49408, 64}, sd.require("text.token_embedding.weight").shape());
    }

    @Test
    void sharedRopeStorageGivesEqualButIndependentArrays() throws IOException {
        StateDict sd = TorchZipReader.readStateDict(SharedData.require(DIR + "model.pt"));
        float[] tower = sd.require("visual.rope.freqs_cos").floats();
        float[] block1 = sd.require("visual.blocks.1.attn.rope.freqs_cos").floats();
        assertArrayEquals(tower, block1);
        assertNotSame(tower, block1, "views of one storage must not alias each other's arrays");
    }

    @Test
    void ddpContainerUnwrapsToTheSameTensors() throws IOException {
        StateDict sd = TorchZipReader.readStateDict(SharedData.require(DIR + "model_ddp.pt"));
        assertSameAsSafetensors(sd);
        assertEquals("state_dict", sd.location());
        assertEquals("module.", sd.strippedPrefix());
        assertEquals(List.of("epoch", "args"), new ArrayList<>(sd.extras().keySet()));
        assertEquals(3L, sd.extras().get("epoch"));
        assertNull(sd.extras().get("args"));
    }

    /** The values reach DJL as float32 arrays of the same shape (0-d included). */
    @Test
    void tensorsConvertToDjlArrays() throws IOException {
        StateDict sd = TorchZipReader.readStateDict(SharedData.require(DIR + "model.pt"));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray scale = sd.require("logit_scale").toNDArray(manager);
            assertEquals(new Shape(), scale.getShape());
            assertEquals(DataType.FLOAT32, scale.getDataType());
            assertEquals(safetensors.get("logit_scale").values()[0], scale.getFloat());
            NDArray head = sd.require("visual.head.weight").toNDArray(manager);
            assertEquals(new Shape(32, 128), head.getShape());
            assertArrayEquals(safetensors.get("visual.head.weight").values(), head.toFloatArray());
        }
    }

    @Test
    void rootGraphExposesTheContainerWithoutReadingTensors() throws IOException {
        try (TorchCheckpoint c = TorchZipReader.open(SharedData.require(DIR + "model_ddp.pt"))) {
            assertEquals("model_ddp", c.archiveName());
            assertEquals(ByteOrder.LITTLE_ENDIAN, c.byteOrder());
            assertEquals("3", c.formatVersion().orElseThrow());
            Map<?, ?> root = (Map<?, ?>) c.root();
            Map<?, ?> stateDict = (Map<?, ?>) root.get("state_dict");
            TensorRef scale = (TensorRef) stateDict.get("module.logit_scale");
            assertEquals(0, scale.shape().length);
            assertEquals("cpu", scale.storage().location());
            TensorRef tok = (TensorRef) stateDict.get("module.text.token_embedding.weight");
            assertArrayEquals(new long[] {64, 1}, tok.stride());
            assertTrue(tok.isContiguous());
        }
    }
}
