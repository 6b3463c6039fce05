package org.egolens.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken inputs fail with errors naming the file, and do not stop a batch of clips. */
class ClipDecodingTest {
    @TempDir
    static Path dir;
    static Path good1;
    static Path good2;
    static Path truncated;
    static Path notVideo;
    static final JavaCvVideoSource SOURCE = new JavaCvVideoSource();

    @BeforeAll
    static void writeClips() throws IOException {
        good1 = BarcodeClips.write(dir.resolve("good1.mp4"), 40, 64, 48, 30);
        good2 = BarcodeClips.write(dir.resolve("good2.mp4"), 50, 64, 48, 25);
        byte[] bytes = Files.readAllBytes(good1);
        truncated = Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
        notVideo = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(50));
    }

    @Test
    void truncatedMp4FailsWithIoExceptionNamingTheFile() {
        for (var call : List.<ThrowingCall>of(() -> SOURCE.probe(truncated),
                () -> SOURCE.sample(ClipWindow.whole("t", truncated), 4, 32, null),
                () -> SOURCE.frameByIndex(truncated, 0))) {
            IOException e = assertThrows(IOException.class, call::run);
            assertTrue(e.getMessage().contains("truncated.mp4"), e.getMessage());
        }
        IOException e = assertThrows(IOException.class, () -> SOURCE.probe(notVideo));
        assertTrue(e.getMessage().contains("notes.mp4"), e.getMessage());
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> SOURCE.probe(dir.resolve("gone.mp4")));
        assertTrue(missing.getMessage().contains("gone.mp4"), missing.getMessage());
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    private static List<ClipWindow> mixedBatch() {
        return List.of(
                ClipWindow.whole("good1", good1),
                ClipWindow.whole("broken", truncated),
                new ClipWindow("late", good2, 30.0, 31.5),
                ClipWindow.whole("missing", dir.resolve("gone.mp4")),
                new ClipWindow("good2", good2, 0.5, 1.5),
                ClipWindow.whole("text", notVideo));
    }

    @Test
    void badClipsAreReportedAndTheOthersStillDecode() throws IOException {
        for (int threads : new int[] {1, 3}) {
            ClipDecoding.Report report = ClipDecoding.evaluation(SOURCE, 4, 32, threads).decodeAll(mixedBatch());
            assertEquals(List.of("good1", "good2"),
                    report.decoded().stream().map(SampledClip::clipId).collect(Collectors.toList()));
            Map<String, String> failures = report.failuresById();
            assertEquals(List.of("broken", "late", "missing", "text"), new ArrayList<>(failures.keySet()));
            assertTrue(failures.get("broken").contains("truncated.mp4"), failures.get("broken"));
            assertTrue(failures.get("late").contains("good2.mp4") && failures.get("late").contains("30.000"),
                    failures.get("late"));
            assertTrue(failures.get("missing").contains("gone.mp4"), failures.get("missing"));
            assertTrue(failures.get("text").contains("notes.mp4"), failures.get("text"));
            // the decoded clips are the right frames: good2 [0.5, 1.5) s at 25 fps = frames [12, 38), 4 centres
            SampledClip g2 = report.decoded().get(1);
            assertArrayEquals(JavaCvVideoSourceTest.avionCentres(12, 38, 4), g2.frameIndices());
            for (int t = 0; t < 4; t++) {
                assertEquals(g2.frameIndices()[t], BarcodeClips.read(g2.frames(), 0, t));
            }
        }
    }

    @Test
    void batchesKeepInputOrderAndStack() throws IOException {
        List<ClipWindow> clips = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            clips.add(new ClipWindow("c" + k, k % 2 == 0 ? good1 : good2, 0.1 * k, 0.1 * k + 1));
        }
        clips.add(2, ClipWindow.whole("broken", truncated));
        List<List<String>> batches = new ArrayList<>();
        List<ClipDecoding.ClipFailure> failures = ClipDecoding.evaluation(SOURCE, 2, 16, 2).decodeInBatches(clips, 2,
                batch -> {
                    batches.add(batch.stream().map(SampledClip::clipId).collect(Collectors.toList()));
                    FrameBatch stacked = ClipDecoding.stack(batch);
                    assertArrayEquals(new long[] {batch.size(), 3, 2, 16, 16}, stacked.shape());
                });
        assertEquals(List.of(List.of("c0", "c1"), List.of("c2", "c3"), List.of("c4")), batches);
        assertEquals(1, failures.size());
        assertEquals("broken", failures.get(0).clipId());
        assertEquals(truncated, failures.get(0).video());
    }
}
