package org.egolens.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every real clip in the shared test data (Ego4D, EPIC-KITCHENS tiles, LaViLa) decodes into valid model input. */
class RealClipsTest {
    @Test
    void everyRealClipSamplesFourFramesAt224() throws IOException {
        Path folder = SharedData.require("clips");
        List<ClipWindow> clips = ClipFolder.scan(folder);
        assertTrue(clips.size() >= 31, "clips found: " + clips.size());
        assertTrue(clips.stream().anyMatch(c -> c.video().toString().contains("epic_tiles")));
        JavaCvVideoSource source = new JavaCvVideoSource();
        ClipDecoding.Report report = ClipDecoding.evaluation(source, 4, 224, 1).decodeAll(clips);
        assertEquals(List.of(), report.failures());
        assertEquals(clips.size(), report.decoded().size());
        float lo = Math.min(Math.min(ClipNormalization.normalize(0, 0), ClipNormalization.normalize(1, 0)),
                ClipNormalization.normalize(2, 0));
        float hi = Math.max(Math.max(ClipNormalization.normalize(0, 255), ClipNormalization.normalize(1, 255)),
                ClipNormalization.normalize(2, 255));
        for (SampledClip clip : report.decoded()) {
            assertArrayEquals(new long[] {1, 3, 4, 224, 224}, clip.frames().shape(), clip.clipId());
            double sum = 0;
            double sumSq = 0;
            for (float v : clip.frames().data()) {
                assertTrue(Float.isFinite(v) && v >= lo && v <= hi, clip.clipId() + ": " + v);
                sum += v;
                sumSq += (double) v * v;
            }
            int n = clip.frames().data().length;
            double var = sumSq / n - (sum / n) * (sum / n);
            assertTrue(var > 0.01, clip.clipId() + " looks blank (variance " + var + ")");
            VideoInfo info = source.probe(clip.plan().window().video());
            assertTrue(clip.frameIndices()[3] < info.frameCount());
            // README: 25, 30 or 60 fps
            assertTrue(List.of(25.0, 30.0, 60.0).contains(info.fps()), clip.clipId() + " fps " + info.fps());
        }
    }

    @Test
    void truncatedCopiesOfARealClipFailNamingTheFile(@TempDir Path dir) throws IOException {
        // this clip keeps its index (moov) at the front, so a cut copy still opens: the scan must notice the cut
        byte[] bytes = Files.readAllBytes(SharedData.require("clips/ego4d-site__kaust_1.mp4"));
        for (double keep : new double[] {0.5, 0.9}) {
            Path cut = Files.write(dir.resolve("kaust_cut_" + (int) (keep * 100) + ".mp4"),
                    Arrays.copyOf(bytes, (int) (bytes.length * keep)));
            JavaCvVideoSource source = new JavaCvVideoSource();
            IOException e = assertThrows(IOException.class, () -> source.probe(cut));
            assertTrue(e.getMessage().contains(cut.getFileName().toString()), e.getMessage());
            assertThrows(IOException.class, () -> source.sample(ClipWindow.whole("cut", cut), 4, 64, null));
        }
    }
}
