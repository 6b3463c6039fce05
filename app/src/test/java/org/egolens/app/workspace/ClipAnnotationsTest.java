package org.egolens.app.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.egolens.viewer.ClipAnnotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Narration, verb and nouns of EK-100 rows, and what a file without the official columns gives. */
class ClipAnnotationsTest {
    private static final String HEADER = "narration_id,participant_id,video_id,narration_timestamp,start_timestamp,"
            + "stop_timestamp,start_frame,stop_frame,narration,verb,verb_class,noun,noun_class,all_nouns,"
            + "all_noun_classes\n";

    @Test
    void officialColumnsGiveNarrationVerbAndAllNouns(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("EPIC_100_retrieval_test.csv"), HEADER
                + "P01_11_0,P01,P01_11,00:00:01.500,00:00:01.00,00:00:03.00,61,180,put spoon in bowl,put-in,1,spoon,4,"
                + "\"['spoon', 'bowl']\",\"[4, 2]\"\n"
                + "P01_11_1,P01,P01_11,00:00:05.000,00:00:04.00,00:00:06.00,241,360,\"take plate, then cup\",take,0,"
                + "plate,1,\"['plate', 'cup']\",\"[1, 0]\"\n");
        Map<String, ClipAnnotation> a = ClipAnnotations.read(csv);
        assertEquals(new ClipAnnotation("put spoon in bowl", "put-in", List.of("spoon", "bowl")), a.get("P01_11_0"));
        assertEquals(new ClipAnnotation("take plate, then cup", "take", List.of("plate", "cup")), a.get("P01_11_1"));
        assertEquals(2, a.size());
    }

    @Test
    void fileWithoutTheClassColumnsGivesNoAnnotations(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("ann.csv"),
                "narration_id,participant_id,video_id,start_timestamp,stop_timestamp,narration\n"
                        + "P01_01_0,P01,P01_01,00:00:01.00,00:00:03.00,open fridge\n");
        assertEquals(Map.of(), ClipAnnotations.read(csv));
    }

    @Test
    void malformedListIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), HEADER
                + "P01_11_0,P01,P01_11,00:00:01.500,00:00:01.00,00:00:03.00,61,180,cut onion,cut,7,onion,9,"
                + "\"['onion'\",\"[9]\"\n");
        IOException e = assertThrows(IOException.class, () -> ClipAnnotations.read(csv));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("2"), e.getMessage());
    }
}
