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

    @Test
    void timestampsParseToSeconds() throws IOException {
        Path f = Path.of("x.csv");
        assertEquals(3723.25, Ek100Clips.seconds("01:02:03.25", f, 2, "start_timestamp"), 1e-9);
        assertEquals(59.0, Ek100Clips.seconds("00:00:59", f, 2, "start_timestamp"), 1e-9);
        IOException e = assertThrows(IOException.class, () -> Ek100Clips.seconds("00:61:00.00", f, 7, "stop_timestamp"));
        assertTrue(e.getMessage().contains("x.csv line 7: stop_timestamp '00:61:00.00'"), e.getMessage());
    }

    @Test
    void badFilesNameFileLineAndColumn() throws IOException {
        Path noCol = Files.writeString(tmp.resolve("a.csv"), "narration_id,video_id,start_timestamp,stop_timestamp\n");
        IOException e = assertThrows(IOException.class, () -> Ek100Clips.read(noCol, tmp));
        assertTrue(e.getMessage().contains("a.csv") && e.getMessage().contains("participant_id"), e.getMessage());

        Path badTs = Files.writeString(tmp.resolve("b.csv"),
                "narration_id,participant_id,video_id,start_timestamp,stop_timestamp\n"
                        + "P01_01_0,P01,P01_01,00:00:01.00,00:00:02.00\n" + "P01_01_1,P01,P01_01,1.5,00:00:03.00\n");
        e = assertThrows(IOException.class, () -> Ek100Clips.read(badTs, tmp));
        assertTrue(e.getMessage().contains("b.csv line 3: start_timestamp '1.5'"), e.getMessage());

        Path reversed = Files.writeString(tmp.resolve("c.csv"),
                "narration_id,participant_id,video_id,start_timestamp,stop_timestamp\n"
                        + "P01_01_0,P01,P01_01,00:00:04.00,00:00:02.00\n");
        e = assertThrows(IOException.class, () -> Ek100Clips.read(reversed, tmp));
        assertTrue(e.getMessage().contains("c.csv line 2") && e.getMessage().contains("P01_01_0"), e.getMessage());
    }
}
