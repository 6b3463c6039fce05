package org.egolens.app.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.egolens.app.task.TaskContext;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.data.demo.DemoVocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preparing the demo workspace: generate when missing, reuse when ready, repair, refuse foreign folders, cancel. */
class DemoWorkspaceTest {
    /** 3 train / 2 test clips of 1 s at 32 px: enough to exercise the flow. */
    static final DemoConfig TINY = new DemoConfig(11, 3, 2, 0, 32, 15, 1.0, 4, 2, 30, 1);

    @TempDir
    static Path shared;
    static Path ready;
    static Recorder firstRun = new Recorder(false);

    @BeforeAll
    static void generate() throws IOException {
        ready = DemoWorkspace.prepare(shared.resolve("demo-workspace"), TINY, firstRun);
    }

    /** A demo folder given as a workspace opens as its EK-100 test split; any other folder as clips. */
    @Test
    void aChosenDemoFolderOpensAsItsTestSplit(@TempDir Path other) {
        assertEquals(DemoWorkspace.spec(ready, "test"), DemoWorkspace.specForFolder(ready));
        assertEquals(WorkspaceSpec.folder(other), DemoWorkspace.specForFolder(other));
    }

    @Test
    void sizesAreDefaultAndSmall() {
        assertEquals(DemoConfig.defaults(), DemoWorkspace.config(null));
        assertEquals(DemoConfig.defaults(), DemoWorkspace.config(" Default "));
        DemoConfig small = DemoWorkspace.config("small");
        assertEquals(24, small.trainClips());
        assertEquals(12, small.testClips());
        assertEquals(DemoConfig.defaults().frameSize(), small.frameSize());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoWorkspace.config("huge"));
        assertTrue(e.getMessage().contains(DemoWorkspace.SIZE_PROPERTY) && e.getMessage().contains("huge"));
        assertEquals(Path.of("/h/demo-workspace"), DemoWorkspace.folder(Path.of("/h")));
    }

    @Test
    void missingWorkspaceIsGeneratedWithProgressInThousandths() {
        assertTrue(DemoWorkspace.isReady(ready));
        assertTrue(Files.isRegularFile(ready.resolve(DemoVocabulary.FILE_NAME)));
        assertFalse(firstRun.totals.isEmpty());
        assertTrue(firstRun.totals.stream().allMatch(t -> t == 1000), firstRun.totals.toString());
        assertEquals(1000L, firstRun.done.get(firstRun.done.size() - 1));
        for (int i = 1; i < firstRun.done.size(); i++) {
            assertTrue(firstRun.done.get(i) >= firstRun.done.get(i - 1), "progress never goes back");
        }
        WorkspaceSpec test = DemoWorkspace.spec(ready, "test");
        assertEquals(WorkspaceSpec.Kind.ANNOTATIONS, test.kind());
        assertEquals(DemoDataset.retrievalCsv(ready, "test", false), test.path());
        assertEquals(ready.resolve("videos"), test.videoRoot());
        assertEquals(ready, test.root());
        assertEquals("demo-workspace \u00b7 test", test.displayName());
        assertEquals(List.of("test", "train"), test.availableSplits());
    }

    @Test
    void readyWorkspaceIsReusedAndGetsItsVocabularyBack() throws IOException {
        Path marker = ready.resolve(DemoDataset.DONE_MARKER);
        FileTime before = Files.getLastModifiedTime(marker);
        Path vocab = ready.resolve(DemoVocabulary.FILE_NAME);
        byte[] bytes = Files.readAllBytes(vocab);
        Files.delete(vocab);
        Recorder r = new Recorder(false);
        assertEquals(ready, DemoWorkspace.prepare(ready, TINY, r));
        assertEquals(before, Files.getLastModifiedTime(marker), "not generated again");
        assertTrue(r.done.isEmpty(), "no generation progress");
        assertArrayEquals(bytes, Files.readAllBytes(vocab));
    }

    @Test
    void damagedWorkspaceIsGeneratedAgain(@TempDir Path dir) throws IOException {
        Path ws = DemoWorkspace.prepare(dir.resolve("demo"), TINY, new Recorder(false));
        Files.delete(DemoDataset.retrievalCsv(ws, "test", false));
        assertFalse(DemoWorkspace.isReady(ws));
        DemoWorkspace.prepare(ws, TINY, new Recorder(false));
        assertTrue(DemoWorkspace.isReady(ws));
    }

    @Test
    void aFolderWithOtherFilesIsNotTouched(@TempDir Path dir) throws IOException {
        Path ws = Files.createDirectories(dir.resolve("demo-workspace"));
        Files.writeString(ws.resolve("notes.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> DemoWorkspace.prepare(ws, TINY, new Recorder(false)));
        assertTrue(e.getMessage().contains(ws.toString()) && e.getMessage().contains("not a complete demo"),
                e.getMessage());
        assertEquals("mine", Files.readString(ws.resolve("notes.txt")));
    }

    @Test
    void cancellingLeavesNothingBehind(@TempDir Path dir) {
        Path ws = dir.resolve("demo-workspace");
        Recorder cancelled = new Recorder(true);
        assertThrows(CancellationException.class, () -> DemoWorkspace.prepare(ws, TINY, cancelled));
        assertFalse(Files.exists(ws));
        assertFalse(Files.exists(dir.resolve(".demo-workspace.partial")));
    }

    /** Records progress; optionally reports cancellation once the first progress arrived. */
    static final class Recorder implements TaskContext {
        final List<Long> done = new ArrayList<>();
        final List<Long> totals = new ArrayList<>();
        final boolean cancelAfterFirst;

        Recorder(boolean cancelAfterFirst) {
            this.cancelAfterFirst = cancelAfterFirst;
        }

        @Override
        public synchronized void updateProgress(long d, long total) {
            done.add(d);
            totals.add(total);
        }

        @Override
        public synchronized void updateProgress(long d, long total, String message) {
            updateProgress(d, total);
        }

        @Override
        public void updateMessage(String message) {}

        @Override
        public synchronized boolean isCancelled() {
            return cancelAfterFirst && !done.isEmpty();
        }
    }
}
