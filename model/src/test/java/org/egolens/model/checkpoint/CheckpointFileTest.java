package org.egolens.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.io.Npy;
import org.egolens.model.io.torch.CheckpointFormatException;
import org.egolens.model.io.torch.ForbiddenGlobalException;
import org.egolens.model.io.torch.TensorData;
import org.egolens.model.io.torch.TorchZipWriter;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.ModelPresets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file side of loading, end to end through {@code ModelFactory.open(file)}: containers are unwrapped, other kinds of
 * file are explained, and unsafe torch files (acceptance 2) are refused before anything is built or run.
 */
class CheckpointFileTest {
    @TempDir
    Path tmp;
    private static Eva02AtClipModel source;
    private static Map<String, FloatTensor> eva;

    @BeforeAll
    static void model() {
        source = TinyCheckpoints.model(21);
        eva = TinyCheckpoints.imageStateDict(source);
    }

    @AfterAll
    static void close() {
        source.close();
    }

    @Test
    void nestedTrainingContainerWithDdpKeysLoadsTheSameModel() throws IOException {
        Map<String, TensorData> sd = new LinkedHashMap<>();
        eva.forEach((k, v) -> sd.put("module." + k, TensorData.ofFloats(v.shape(), v.data())));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("epoch", 7L);
        root.put("model", sd);
        root.put("best_acc1", 0.25);
        Path dir = Files.createDirectories(tmp.resolve("ck"));
        Path file = dir.resolve("checkpoint_best.pth");
        TorchZipWriter.write(file, root);
        Files.writeString(dir.resolve("config.json"), ModelPresets.get("tiny").toJson());
        try (Eva02AtClipModel m = ModelFactory.open(file.toString())) {
            String notes = String.join("\n", m.loadReport().orElseThrow().notes());
            assertTrue(notes.contains("under 'model'") && notes.contains("'module.' stripped")
                    && notes.contains("epoch=7"), notes);
            long[][] ids = {{49406, 320, 49407}};
            assertArrayEquals(Reference.flat(source.encodeTokenIdsRaw(ids)), Reference.flat(m.encodeTokenIdsRaw(ids)));
        }
    }

    @Test
    void forbiddenGlobalIsRefusedThroughTheModelLoaderAndNeverRuns() throws IOException {
        Path marker = tmp.resolve("pwned");
        // pickle protocol 2: GLOBAL posix.system, BINUNICODE 'touch <marker>', TUPLE1, REDUCE, STOP
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(new byte[] {(byte) 0x80, 2});
        p.write("cposix\nsystem\n".getBytes(StandardCharsets.US_ASCII));
        byte[] cmd = ("touch " + marker).getBytes(StandardCharsets.UTF_8);
        p.write('X');
        p.write(new byte[] {(byte) cmd.length, 0, 0, 0});
        p.write(cmd);
        p.write(new byte[] {(byte) 0x85, 'R', '.'});
        Path file = zip(tmp.resolve("evil.pt"), Map.of("archive/data.pkl", p.toByteArray(), "archive/version",
                "3\n".getBytes(StandardCharsets.US_ASCII)));
        ForbiddenGlobalException e = assertThrows(ForbiddenGlobalException.class,
                () -> ModelFactory.open(file.toString()));
        assertEquals("posix.system", e.global());
        assertTrue(e.getMessage().contains("evil.pt"), e.getMessage());
        assertFalse(Files.exists(marker), "the payload must never run");
        Path out = tmp.resolve("converted");
        assertThrows(ForbiddenGlobalException.class,
                () -> ModelConverter.convert(java.util.List.of(file), LoadOptions.defaults(), null, out, false));
        assertFalse(Files.exists(out));
    }

    @Test
    void zipEntryWithDotDotIsRefusedThroughTheModelLoader() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", new byte[] {(byte) 0x80, 2, '}', 'q', 0, '.'}); // an empty dict
        entries.put("archive/../../escape.sh", "rm -rf ~".getBytes(StandardCharsets.US_ASCII));
        entries.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        Path file = zip(tmp.resolve("dotdot.pt"), entries);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> ModelFactory.open(file.toString()));
        assertTrue(e.getMessage().contains("archive/../../escape.sh") && e.getMessage().contains(".."), e.getMessage());
    }

    @Test
    void otherKindsOfFileAreExplained() throws IOException {
        Map<String, byte[]> ts = new LinkedHashMap<>();
        ts.put("model/code/__torch__/model.py", "def forward(self, x): ...".getBytes(StandardCharsets.UTF_8));
        ts.put("model/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
        ts.put("model/data.pkl", new byte[] {(byte) 0x80, 2, '}', '.'});
        assertExplained(zip(tmp.resolve("scripted.pt"), ts), "scripted.pt is a TorchScript archive, not a state dict");
        Path djl = tmp.resolve("eva-0000.params");
        Files.write(djl, new byte[] {'D', 'J', 'L', '@', 0, 0, 0, 4});
        assertExplained(djl, "eva-0000.params is a DJL .params file");
        Path npy = tmp.resolve("weights.pt");
        Npy.writeFloats(npy, new float[] {1, 2}, 2);
        assertExplained(npy, "weights.pt is a single NumPy .npy array renamed .pt");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> CheckpointFile.open(tmp.resolve("absent.pt")));
        assertTrue(e.getMessage().contains("absent.pt"));
    }

    private static void assertExplained(Path file, String start) {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> ModelFactory.open(file.toString()));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertTrue(e.getMessage().contains("EgoLens opens .safetensors files and torch.save zip checkpoints"),
                e.getMessage());
    }

    private static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }
}
