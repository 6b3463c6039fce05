package org.egolens.app.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ek100ClipsTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheRealMiniAnnotationsAndFindsEveryVideo() throws IOException {
        Path csv = SharedData.require("real_mini/EPIC_100_retrieval_test.csv");
        Path clips = SharedData.require("clips");
        List<Ek100Clips.Row> rows = Ek100Clips.readRows(csv, clips);
        assertEquals(69, rows.size());
        // first two rows of the file: 00:00:00.00–00:00:02.00 and 00:00:00.40–00:00:02.00
        assertEquals("DERIVED_lavila__cf7c12db-1a9e-46d3-96d6-38174bbe373c_from_gif_0", rows.get(0).clip().clipId());
        assertEquals(0.0, rows.get(0).clip().startSec());
        assertEquals(2.0, rows.get(0).clip().endSec());
        assertEquals(0.4, rows.get(1).clip().startSec(), 1e-12);
        assertEquals("wipe counter", rows.get(0).narration());
        // flat layout: <root>/<video_id>.mp4
        assertEquals(clips.resolve("DERIVED_lavila__cf7c12db-1a9e-46d3-96d6-38174bbe373c_from_gif.mp4"),
                rows.get(0).clip().video());
        // tiles live one folder down (clips/epic_tiles/tile_00.mp4): found by walking the root
        Ek100Clips.Row tile = rows.stream().filter(r -> r.clip().clipId().equals("tile_00_1")).findFirst().orElseThrow();
        assertEquals(clips.resolve("epic_tiles/tile_00.mp4"), tile.clip().video());
        assertEquals(5.6, tile.clip().startSec(), 1e-12);
        assertEquals(10.0, tile.clip().endSec(), 1e-12);
        assertTrue(rows.stream().allMatch(r -> Files.isRegularFile(r.clip().video())));
    }

    private static final String HEADER = "narration_id,participant_id,video_id,narration_timestamp,start_timestamp,"
            + "stop_timestamp,start_frame,stop_frame,narration,verb,verb_class,noun,noun_class,all_nouns,all_noun_classes\n";

    private static String row(String id, String start, String stop) {
        return id + ",P01,P01_01,00:00:01.000," + start + "," + stop + ",1,50,take cup,take,0,cup,13,['cup'],[13]\n";
    }

    @Test
    void badFilesNameFileLineAndColumn() throws IOException {
        Path noCol = Files.writeString(tmp.resolve("a.csv"), "narration_id,video_id,start_timestamp,stop_timestamp\n");
        IOException e = assertThrows(IOException.class, () -> Ek100Clips.read(noCol, tmp));
        assertTrue(e.getMessage().contains("a.csv") && e.getMessage().contains("participant_id"), e.getMessage());

        Path badTs = Files.writeString(tmp.resolve("b.csv"), HEADER + row("P01_01_0", "00:00:01.00", "00:00:02.00")
                + row("P01_01_1", "1.5", "00:00:03.00"));
        e = assertThrows(IOException.class, () -> Ek100Clips.read(badTs, tmp));
        assertTrue(e.getMessage().contains("b.csv line 3") && e.getMessage().contains("start_timestamp"), e.getMessage());

        Path reversed = Files.writeString(tmp.resolve("c.csv"), HEADER + row("P01_01_0", "00:00:04.00", "00:00:02.00"));
        e = assertThrows(IOException.class, () -> Ek100Clips.read(reversed, tmp));
        assertTrue(e.getMessage().contains("c.csv line 2") && e.getMessage().contains("P01_01_0"), e.getMessage());

        // a zero-length window is a valid EK-100 row but no clip: refused with file, line and id
        Path empty = Files.writeString(tmp.resolve("d.csv"), HEADER + row("P01_01_0", "00:00:01.00", "00:00:02.00")
                + row("P01_01_7", "00:00:02.00", "00:00:02.00"));
        e = assertThrows(IOException.class, () -> Ek100Clips.read(empty, tmp));
        assertTrue(e.getMessage().contains("d.csv line 3") && e.getMessage().contains("P01_01_7"), e.getMessage());
    }

    @Test
    void keepsTheAnnotationRowOfEveryClip() throws IOException {
        Path csv = Files.writeString(tmp.resolve("e.csv"), HEADER + row("P01_01_0", "00:00:01.00", "00:00:02.50"));
        Path video = Files.createDirectories(tmp.resolve("P01")).resolve("P01_01.mp4");
        Files.writeString(video, "not decoded here");
        Ek100Clips.Row r = Ek100Clips.readRows(csv, tmp).get(0);
        assertEquals(video, r.clip().video());
        assertEquals(1.0, r.clip().startSec());
        assertEquals(2.5, r.clip().endSec());
        assertEquals(13, r.annotation().nounClass());
        assertEquals("take cup", r.narration());
        assertEquals(2, r.annotation().line());
    }
}
