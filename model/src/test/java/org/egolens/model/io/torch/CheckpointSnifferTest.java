package org.egolens.model.io.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of weights file is recognised from tiny examples built here (the DJL file written by DJL itself), always
 * under a misleading {@code .pt} name, and the reader refuses the wrong kinds with the sniffer's explanation.
 */
class CheckpointSnifferTest {
    @TempDir
    Path dir;

    /** Safetensors: u64le header length, JSON header (padded with spaces), F32 data. */
    private Path safetensors() throws IOException {
        String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        while ((json.length() + 8) % 8 != 0) {
            json += " ";
        }
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).putFloat(1f).putFloat(2f);
        return Files.write(dir.resolve("weights_safetensors.pt"), b.array());
    }

    /** An .npy v1.0 file: magic, version, u16le header length, dict header padded to 64 bytes, data. */
    private static byte[] npy(float... values) {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + values.length + ",), }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private Path djlParams() throws IOException {
        Path out = dir.resolve("djl");
        Files.createDirectories(out);
        try (Model m = Model.newInstance("tiny", "PyTorch")) {
            Block block = Linear.builder().setUnits(2).build();
            m.setBlock(block);
            block.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 3));
            m.save(out, "tiny");
        }
        Path params;
        try (Stream<Path> s = Files.list(out)) {
            params = s.filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow();
        }
        return Files.move(params, dir.resolve("renamed_djl.pt"));
    }

    @Test
    void classifiesEachKindRegardlessOfExtension() throws Exception {
        assertEquals(CheckpointKind.SAFETENSORS, CheckpointSniffer.sniff(safetensors()));

        byte[] statePickle = new PickleOps().proto(2).emptyDict().stop().toByteArray();
        Path torch = TorchZips.torch(statePickle, Map.of()).write(dir.resolve("state.bin"));
        assertEquals(CheckpointKind.TORCH_ZIP_STATE_DICT, CheckpointSniffer.sniff(torch));

        Path script = new TorchZips()
                .entry("model/data.pkl", statePickle)
                .entry("model/code/__torch__/model.py", "class Model(Module):\n  pass\n")
                .entry("model/constants.pkl", new PickleOps().proto(2).emptyTuple().stop().toByteArray())
                .entry("model/version", "3\n")
                .write(dir.resolve("model.pt"));
        assertEquals(CheckpointKind.TORCHSCRIPT_ARCHIVE, CheckpointSniffer.sniff(script));

        // legacy torch.save: PROTO 2, LONG1 of 10 bytes = magic 0x1950a86a20f9469cfc6c, STOP, then more pickles
        byte[] legacy = new PickleOps().proto(2).raw(0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8,
                0x50, 0x19).stop().proto(2).integer(1001).stop().toByteArray();
        Path legacyFile = Files.write(dir.resolve("legacy.pt"), legacy);
        assertEquals(CheckpointKind.TORCH_LEGACY_PICKLE, CheckpointSniffer.sniff(legacyFile));
        // the same magic as pickle protocol 4 writes it (FRAME of 13 bytes first) and as protocol 0 text
        byte[] legacy4 = new PickleOps().proto(4).raw(0x95, 13, 0, 0, 0, 0, 0, 0, 0).raw(0x8a, 10, 0x6c, 0xfc, 0x9c,
                0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19).stop().toByteArray();
        assertEquals(CheckpointKind.TORCH_LEGACY_PICKLE, CheckpointSniffer.classifyHead(legacy4, legacy4.length));
        byte[] legacy0 = "L119547037146038801333356L\n.".getBytes(StandardCharsets.US_ASCII);
        assertEquals(CheckpointKind.TORCH_LEGACY_PICKLE, CheckpointSniffer.classifyHead(legacy0, legacy0.length));

        Path plainPickle = Files.write(dir.resolve("relevancy.pt"),
                new PickleOps().proto(2).emptyList().stop().toByteArray());
        assertEquals(CheckpointKind.PYTHON_PICKLE, CheckpointSniffer.sniff(plainPickle));

        Path djl = djlParams();
        assertEquals(CheckpointKind.DJL_PARAMS, CheckpointSniffer.sniff(djl));

        Path npz = new TorchZips().entry("a.npy", npy(1f, 2f)).entry("b.npy", npy(3f)).write(dir.resolve("x.pt"));
        assertEquals(CheckpointKind.NUMPY_NPZ, CheckpointSniffer.sniff(npz));
        assertEquals(CheckpointKind.NUMPY_NPY, CheckpointSniffer.sniff(Files.write(dir.resolve("y.pt"), npy(1f))));

        assertEquals(CheckpointKind.UNKNOWN, CheckpointSniffer.sniff(Files.write(dir.resolve("text.pt"),
                "hello, not weights".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(CheckpointKind.UNKNOWN, CheckpointSniffer.sniff(Files.write(dir.resolve("empty.pt"),
                new byte[0])));
        assertEquals(CheckpointKind.UNKNOWN, CheckpointSniffer.sniff(new TorchZips().entry("readme.txt", "hi")
                .write(dir.resolve("other.zip"))));
    }

    @Test
    void realReferenceFilesAreClassified() throws IOException {
        assertEquals(CheckpointKind.TORCH_ZIP_STATE_DICT,
                CheckpointSniffer.sniff(SharedData.require("reference/eva02clip-tiny/model.pt")));
        assertEquals(CheckpointKind.SAFETENSORS,
                CheckpointSniffer.sniff(SharedData.require("reference/eva02clip-tiny/model.safetensors")));
        assertEquals(CheckpointKind.NUMPY_NPY,
                CheckpointSniffer.sniff(SharedData.require("reference/eva02clip-tiny/image.npy")));
    }

    @Test
    void explanationsSayWhatTheFileIsAndWhatToDo() {
        String script = CheckpointSniffer.explain(Path.of("/m/model.pt"), CheckpointKind.TORCHSCRIPT_ARCHIVE,
                CheckpointKind.TORCH_ZIP_STATE_DICT);
        assertTrue(script.startsWith("model.pt is a TorchScript archive, not a state dict"), script);
        assertTrue(script.contains("torch.save(torch.jit.load('model.pt').state_dict()"), script);

        String djl = CheckpointSniffer.explain(Path.of("x.pt"), CheckpointKind.DJL_PARAMS,
                CheckpointKind.TORCH_ZIP_STATE_DICT);
        assertTrue(djl.startsWith("x.pt is a DJL .params file") && djl.contains("renamed .pt")
                && djl.contains("Model.load"), djl);

        String legacy = CheckpointSniffer.explain(Path.of("old.pth"), CheckpointKind.TORCH_LEGACY_PICKLE,
                CheckpointKind.TORCH_ZIP_STATE_DICT);
        assertTrue(legacy.contains("torch.save(torch.load('old.pth'), 'converted.pt')"), legacy);

        String st = CheckpointSniffer.explain(Path.of("w.safetensors"), CheckpointKind.SAFETENSORS,
                CheckpointKind.TORCH_ZIP_STATE_DICT);
        assertTrue(st.startsWith("w.safetensors is a safetensors file (expected"), st);

        assertEquals("w.pt is a PyTorch torch.save zip checkpoint", CheckpointSniffer.explain(Path.of("w.pt"),
                CheckpointKind.TORCH_ZIP_STATE_DICT, CheckpointKind.TORCH_ZIP_STATE_DICT));
    }

    @Test
    void readerRefusesOtherKindsWithTheExplanation() throws IOException {
        CheckpointFormatException st = assertThrows(CheckpointFormatException.class,
                () -> TorchZipReader.open(safetensors()));
        assertTrue(st.getMessage().contains("weights_safetensors.pt is a safetensors file renamed .pt"),
                st.getMessage());

        byte[] legacy = new PickleOps().proto(2).raw(0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8,
                0x50, 0x19).stop().toByteArray();
        Path legacyFile = Files.write(dir.resolve("old.pt"), legacy);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> TorchZipReader.readStateDict(legacyFile));
        assertTrue(e.getMessage().contains("legacy") && e.getMessage().contains("torch.save(torch.load('old.pt')"),
                e.getMessage());

        Path script = new TorchZips()
                .entry("m/data.pkl", new PickleOps().proto(2).emptyDict().stop().toByteArray())
                .entry("m/code/__torch__/m.py", "x")
                .entry("m/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'})
                .write(dir.resolve("traced.pt"));
        CheckpointFormatException ts = assertThrows(CheckpointFormatException.class,
                () -> TorchZipReader.open(script));
        assertTrue(ts.getMessage().contains("traced.pt is a TorchScript archive, not a state dict"),
                ts.getMessage());
    }

    /** The head check alone: a safetensors length that overruns the file is not safetensors. */
    @Test
    void safetensorsHeaderLengthMustFitTheFile() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        b.writeBytes("{\"a\":1}".getBytes(StandardCharsets.US_ASCII));
        byte[] head = b.toByteArray();
        assertEquals(CheckpointKind.UNKNOWN, CheckpointSniffer.classifyHead(head, head.length));
        assertEquals(CheckpointKind.SAFETENSORS, CheckpointSniffer.classifyHead(head, 1008));
    }
}
