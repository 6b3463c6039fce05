package org.egolens.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frame accuracy of {@link JavaCvVideoSource} on barcode clips: every returned frame must be exactly the frame asked for. */
class JavaCvVideoSourceTest {
    private static final double FPS = 30;
    private static final int LONG_FRAMES = 449; // "15 s at 30 fps" one frame short, as containers often are

    @TempDir
    static Path dir;
    static Path longClip;
    static Path shortClip;
    static final JavaCvVideoSource SOURCE = new JavaCvVideoSource();
    /** Frame-threaded (FFmpeg's choice) and single-threaded decoding must give the same exact frames. */
    static final List<JavaCvVideoSource> BOTH = List.of(SOURCE,
            new JavaCvVideoSource(JavaCvVideoSource.Options.singleThreaded()));

    @BeforeAll
    static void writeClips() throws IOException {
        longClip = BarcodeClips.write(dir.resolve("long.mp4"), LONG_FRAMES, 160, 96, FPS);
        shortClip = BarcodeClips.write(dir.resolve("short.mp4"), 75, 160, 96, FPS);
    }

    /** AVION's get_frame_ids without jitter: average adjacent edges of linspace(a, b, T+1), cast to int. */
    static long[] avionCentres(long a, long b, int t) {
        double[] edges = new double[t + 1];
        double step = (double) (b - a) / t;
        for (int k = 0; k <= t; k++) {
            edges[k] = k == t ? b : a + k * step;
        }
        long[] ids = new long[t];
        for (int k = 0; k < t; k++) {
            ids[k] = (long) ((edges[k] + edges[k + 1]) / 2);
        }
        return ids;
    }

    private static int[] barcodes(FrameBatch batch) {
        int[] out = new int[batch.frames()];
        for (int t = 0; t < out.length; t++) {
            out[t] = BarcodeClips.read(batch, 0, t);
        }
        return out;
    }

    private static int[] asInts(long[] v) {
        return Arrays.stream(v).mapToInt(Math::toIntExact).toArray();
    }

    @Test
    void probeCountsTheDecodableFrames() throws IOException {
        VideoInfo info = SOURCE.probe(longClip);
        assertEquals(LONG_FRAMES, info.frameCount());
        assertEquals(FPS, info.fps(), 1e-9);
        assertEquals(160, info.width());
        assertEquals(96, info.height());
        assertEquals(LONG_FRAMES / FPS, info.durationSec(), 1e-6);
    }

    @Test
    void everyFrameByIndexForwardAndBackward() throws IOException {
        int n = (int) SOURCE.probe(shortClip).frameCount();
        assertEquals(75, n);
        for (JavaCvVideoSource source : BOTH) {
            for (int i = 0; i < n; i++) {
                assertEquals(i, BarcodeClips.read(source.frameByIndex(shortClip, i)), "forward, frame " + i);
            }
            for (int i = n - 1; i >= 0; i--) {
                assertEquals(i, BarcodeClips.read(source.frameByIndex(shortClip, i)), "backward, frame " + i);
            }
        }
    }

    @Test
    void framesByIndexInAnyOrderWithRepeats() throws IOException {
        long[] wanted = {448, 0, 17, 31, 30, 29, 200, 17, 447, 1, 299, 300, 301, 448};
        for (JavaCvVideoSource source : BOTH) {
            List<BufferedImage> images = source.framesByIndex(longClip, wanted);
            assertEquals(wanted.length, images.size());
            for (int k = 0; k < wanted.length; k++) {
                assertEquals(wanted[k], BarcodeClips.read(images.get(k)), "request " + k);
                assertEquals(160, images.get(k).getWidth());
                assertEquals(96, images.get(k).getHeight());
            }
        }
    }

    @Test
    void frameAtTimeIsTheFrameOnScreen() throws IOException {
        for (int i : new int[] {0, 1, 29, 30, 31, 74}) {
            assertEquals(i, BarcodeClips.read(SOURCE.frameAt(shortClip, i / FPS)), "start of frame " + i);
            assertEquals(i, BarcodeClips.read(SOURCE.frameAt(shortClip, (i + 0.99) / FPS)), "end of frame " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> SOURCE.frameAt(shortClip, -0.1));
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                () -> SOURCE.frameAt(shortClip, 75 / FPS + 0.01));
        assertTrue(past.getMessage().contains("short.mp4"), past.getMessage());
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> SOURCE.frameByIndex(shortClip, 75));
        assertTrue(index.getMessage().contains("short.mp4") && index.getMessage().contains("75"), index.getMessage());
    }

    @Test
    void samplingAFullLengthWindowNeverReadsPastTheLastFrame() throws IOException {
        ClipWindow window = new ClipWindow("long", longClip, 0, 15.0);
        for (JavaCvVideoSource source : BOTH) {
            SampledClip clip = source.sampleClip(window, 16, 224, null);
            // round(15 * 30) = 450 > 449 frames: the window is clamped to [0, 449)
            long[] expected = avionCentres(0, LONG_FRAMES, 16);
            assertArrayEquals(expected, clip.plan().indices());
            assertArrayEquals(expected, clip.frameIndices());
            assertTrue(clip.clamped());
            assertTrue(Arrays.stream(clip.frameIndices()).max().getAsLong() <= LONG_FRAMES - 1);
            assertArrayEquals(new long[] {1, 3, 16, 224, 224}, clip.frames().shape());
            assertArrayEquals(asInts(expected), barcodes(clip.frames()));
        }
    }

    @Test
    void samplingAnInnerWindowReadsTheAvionFrames() throws IOException {
        ClipWindow window = new ClipWindow("inner", longClip, 3.3, 7.9);
        SampledClip clip = SOURCE.sampleClip(window, 8, 64, null);
        long a = Math.round(3.3 * FPS); // 99
        long b = Math.round(7.9 * FPS); // 237
        long[] expected = avionCentres(a, b, 8);
        assertArrayEquals(expected, clip.frameIndices());
        assertFalse(clip.clamped());
        assertArrayEquals(asInts(expected), barcodes(clip.frames()));
        // VideoSource.sample returns the same pixels
        assertArrayEquals(clip.frames().data(), SOURCE.sample(window, 8, 64, null).data());
    }

    @Test
    void jitteredSamplesAreTheFramesTheyClaim() throws IOException {
        ClipWindow window = new ClipWindow("jitter", longClip, 1.0, 9.0);
        for (long seed = 1; seed <= 3; seed++) {
            SampledClip clip = SOURCE.sampleClip(window, 8, 48, new Random(seed));
            long[] centres = avionCentres(30, 270, 8);
            assertFalse(Arrays.equals(centres, clip.frameIndices()), "jitter moved no frame (seed " + seed + ")");
            for (int k = 0; k < 8; k++) {
                assertTrue(Math.abs(clip.frameIndices()[k] - centres[k]) <= 15, "seed " + seed + " slot " + k);
            }
            assertArrayEquals(asInts(clip.frameIndices()), barcodes(clip.frames()));
        }
    }

    @Test
    void openEndedWindowCoversTheWholeVideo() throws IOException {
        SampledClip clip = SOURCE.sampleClip(ClipWindow.whole("whole", shortClip), 4, 32, null);
        assertArrayEquals(avionCentres(0, 75, 4), clip.frameIndices());
        assertFalse(clip.clamped());
        assertArrayEquals(asInts(clip.frameIndices()), barcodes(clip.frames()));
    }

    @Test
    void invalidWindowsAreRefusedNamingClipFileAndTimes() {
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> SOURCE.sample(new ClipWindow("P01_01_42", longClip, 15.5, 17.0), 4, 32, null));
        String m = late.getMessage();
        assertTrue(m.contains("P01_01_42") && m.contains("long.mp4") && m.contains("15.500") && m.contains("17.000"), m);

        IllegalArgumentException reversed = assertThrows(IllegalArgumentException.class,
                () -> new ClipWindow("P01_01_43", longClip, 5.0, 4.0));
        m = reversed.getMessage();
        assertTrue(m.contains("P01_01_43") && m.contains("long.mp4") && m.contains("5.0") && m.contains("4.0"), m);
        assertThrows(IllegalArgumentException.class, () -> new ClipWindow("empty", longClip, 5.0, 5.0));
        assertThrows(IllegalArgumentException.class, () -> SOURCE.sample(ClipWindow.whole("x", longClip), 0, 32, null));
    }

    @Test
    void thumbnailShowsTheMiddleFrameAtTheRequestedSize() throws IOException {
        BufferedImage thumb = SOURCE.thumbnail(new ClipWindow("t", longClip, 2.0, 4.0), 80);
        assertEquals(80, thumb.getWidth());
        assertEquals(48, thumb.getHeight());
        assertEquals(90, BarcodeClips.read(thumb)); // frames [60, 120): middle 90
    }

    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
        List<ClipWindow> windows = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            windows.add(new ClipWindow("w" + k, k % 2 == 0 ? longClip : shortClip, 0.2 * k, 0.2 * k + 2.0));
        }
        List<float[]> sequential = new ArrayList<>();
        for (ClipWindow w : windows) {
            sequential.add(SOURCE.sample(w, 4, 32, null).data());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (ClipWindow w : windows) {
                futures.add(pool.submit(() -> new JavaCvVideoSource().sample(w, 4, 32, null).data()));
                futures.add(pool.submit(() -> SOURCE.sample(w, 4, 32, null).data()));
            }
            for (int k = 0; k < futures.size(); k++) {
                assertArrayEquals(sequential.get(k / 2), futures.get(k).get(), "window " + k / 2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRewrittenFileIsReindexed() throws IOException {
        Path p = dir.resolve("rewritten.mp4");
        BarcodeClips.write(p, 20, 64, 48, FPS);
        assertEquals(20, SOURCE.probe(p).frameCount());
        BarcodeClips.write(p, 33, 64, 48, FPS);
        assertEquals(33, SOURCE.probe(p).frameCount());
        assertEquals(32, BarcodeClips.read(SOURCE.frameByIndex(p, 32)));
    }
}
