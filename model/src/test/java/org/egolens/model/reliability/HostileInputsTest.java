package org.egolens.model.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.SampledClip;
import org.egolens.model.data.VideoInfo;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile inputs not covered elsewhere (issue 10; the mapping of all cases is in {@code docs/reliability.md}). */
@Tag("reliability")
class HostileInputsTest {
    private static final String HEADER = "narration_id,participant_id,video_id,narration_timestamp,start_timestamp,"
            + "stop_timestamp,start_frame,stop_frame,narration,verb,verb_class,noun,noun_class,all_nouns,all_noun_classes\n";

    @TempDir
    Path tmp;

    @Test
    void ek100RowsOutOfOrderKeepFileOrderAndCount() throws IOException {
        // ids and times descending, windows overlapping, a quoted newline in the middle row, repeated nouns
        Path f = HostileFixtures.text(tmp, "rev.csv", HEADER
                + "P02_03_10,P02,P02_03,00:00:09.999,00:00:09.50,00:00:12.00,570,720,open tap,open,3,tap,8,['tap'],[8]\n"
                + "P02_03_2,P02,P02_03,00:00:05.1,00:00:04.125,00:00:10.00,248,600,\"rinse\n\"\"the\"\" cup, twice\",rinse,"
                + "4,cup,13,\"['cup', 'cup', 'cup:tea']\",\"[13, 13, 13]\"\n"
                + "P01_01_0,P01,P01_01,,00:00:00.00,00:00:00.50,1,30,take,take,0,hand,1,['hand'],[1]\n");
        List<Ek100Clip> clips = Ek100Csv.readClips(f);
        assertEquals(List.of("P02_03_10", "P02_03_2", "P01_01_0"), clips.stream().map(Ek100Clip::narrationId).toList());
        assertEquals(List.of(2L, 3L, 5L), clips.stream().map(Ek100Clip::line).toList()); // row 2 spans lines 3 and 4
        Ek100Clip mid = clips.get(1);
        assertEquals("rinse\n\"the\" cup, twice", mid.narration());
        assertEquals(List.of("cup", "cup", "cup:tea"), mid.allNouns());
        assertEquals(List.of(13, 13, 13), mid.allNounClasses());
        assertEquals(4.125, mid.startSec(), 1e-12);
        assertEquals(5.1, mid.narrationTimestamp().getAsDouble(), 1e-12);
        assertEquals(9.999, clips.get(0).narrationTimestamp().getAsDouble(), 1e-12);
        // overlap: [4.125, 10] and [9.5, 12] share half a second, both kept
        assertTrue(mid.stopSec() > clips.get(0).startSec());
    }

    @Test
    void headerDurationLiesDoNotChangeTheDecodableFrames() throws IOException {
        int n = 12;
        double fps = 30;
        Path real = HostileFixtures.greyRamp(tmp.resolve("ramp.mp4"), n, fps);
        JavaCvVideoSource source = new JavaCvVideoSource(JavaCvVideoSource.Options.singleThreaded());
        for (long lie : new long[] {0L, 0x7fff_ffffL}) {
            Path clip = tmp.resolve("lie" + lie + ".mp4");
            assertEquals(3, HostileFixtures.patchHeaderDurations(real, clip, lie), "mvhd, tkhd and mdhd each once");
            VideoInfo info = source.probe(clip);
            assertEquals(n, info.frameCount(), "header duration " + lie);
            assertEquals(n / fps, info.durationSec(), 1e-6);
            BufferedImage last = source.frameByIndex(clip, n - 1);
            assertEquals(HostileFixtures.grey(n - 1), last.getRGB(32, 32) & 0xff, 6);
            assertThrows(IllegalArgumentException.class, () -> source.frameByIndex(clip, n));
            // the whole video at 4 frames: floor((2k + 1)·12 / 8) = floor(1.5, 4.5, 7.5, 10.5) = 1, 4, 7, 10
            SampledClip s = source.sampleClip(ClipWindow.whole("lie", clip), 4, 32, null);
            assertEquals(List.of(1L, 4L, 7L, 10L), java.util.Arrays.stream(s.frameIndices()).boxed().toList());
            // a window overhanging the real end by a second is clamped, whatever the header claims
            SampledClip over = source.sampleClip(new ClipWindow("over", clip, 0.1, n / fps + 1), 4, 32, null);
            assertTrue(over.clamped());
            assertTrue(java.util.Arrays.stream(over.frameIndices()).allMatch(i -> i >= 0 && i < n));
        }
    }
}
