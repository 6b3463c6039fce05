package org.egolens.model.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @TempDir
    Path root;

    @Test
    void readsStatusInfoConfigAndCheckpoints() throws IOException {
        Path dir = Files.createDirectories(root.resolve("demo-sms-20250601-120000"));
        RunFolder run = new RunFolder(dir);
        assertTrue(run.status().isEmpty());
        assertTrue(run.info().isEmpty());
        assertEquals("demo-sms-20250601-120000", run.displayName());
        assertEquals(OptionalLong.empty(), run.latestCheckpointStep());

        Files.writeString(dir.resolve("status.json"),
                "{\"state\":\"running\",\"step\":42,\"message\":\"\",\"updated\":\"2025-06-01T12:00:05Z\",\"pid\":7}");
        Files.writeString(dir.resolve("run.json"), "{\"name\":\"demo-sms\",\"seed\":3407,\"code_version\":\"0.1.0\","
                + "\"java\":\"17\",\"engine\":\"PyTorch 2.7.1\",\"started\":\"2025-06-01T12:00:00Z\",\"config_hash\":\"ab\"}");
        Files.writeString(dir.resolve("config.resolved.yaml"), "name: demo-sms\nloss: {name: sms, gamma: 0.6}\n");
        Files.createDirectories(dir.resolve("checkpoints/step-100"));
        Files.createDirectories(dir.resolve("checkpoints/step-20"));
        Files.createDirectories(dir.resolve("checkpoints/.tmp-step-200"));

        RunStatus st = run.status().orElseThrow();
        assertEquals(RunState.RUNNING, st.state());
        assertEquals(42, st.step());
        assertEquals(Instant.parse("2025-06-01T12:00:05Z"), st.updatedInstant().orElseThrow());
        RunInfo info = run.info().orElseThrow();
        assertEquals(3407L, info.seed());
        assertEquals("PyTorch 2.7.1", info.engine());
        assertEquals("demo-sms", run.displayName());
        assertEquals(0.6, run.resolvedConfig().orElseThrow().path("loss").path("gamma").asDouble());
        assertEquals(List.of(20L, 100L), run.checkpointSteps());
        assertEquals(OptionalLong.of(100), run.latestCheckpointStep());
    }

    @Test
    void malformedStatusNamesTheFile() throws IOException {
        Path dir = Files.createDirectories(root.resolve("r"));
        Files.writeString(dir.resolve("status.json"), "{\"step\":1}");
        IOException e = assertThrows(IOException.class, () -> new RunFolder(dir).status());
        assertTrue(e.getMessage().startsWith(dir.resolve("status.json").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("state"), e.getMessage());
    }

    @Test
    void writeStatusIsReadBackAndLeavesNoTempFile() throws IOException {
        RunFolder run = new RunFolder(root.resolve("new-run"));
        run.writeStatus(RunStatus.now(RunState.STOPPED, 80, "stopped by user"));
        RunStatus st = run.status().orElseThrow();
        assertEquals(RunState.STOPPED, st.state());
        assertEquals(80, st.step());
        assertTrue(st.updatedInstant().isPresent());
        try (var s = Files.list(run.dir())) {
            assertEquals(List.of("status.json"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void listsRunFoldersNewestFirst() throws IOException {
        Path a = Files.createDirectories(root.resolve("a"));
        Path b = Files.createDirectories(root.resolve("b"));
        Files.createDirectories(root.resolve("not-a-run"));
        Files.writeString(root.resolve("stray.txt"), "x");
        Files.writeString(a.resolve("metrics.jsonl"), "");
        Files.writeString(b.resolve("status.json"), "{\"state\":\"finished\",\"step\":9}");
        FileTime old = FileTime.from(Instant.parse("2024-01-01T00:00:00Z"));
        Files.setLastModifiedTime(b.resolve("status.json"), old);
        Files.setLastModifiedTime(b, old);
        assertEquals(List.of(a, b), RunFolder.list(root).stream().map(RunFolder::dir).toList());
        assertTrue(RunFolder.list(root.resolve("absent")).isEmpty());
        assertFalse(RunFolder.looksLikeRun(root.resolve("not-a-run")));
    }
}
