package org.egolens.model.data.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class Ek100FormatTest {
    @Test
    void timestampsRoundAndCarryLikeTheOfficialFiles() {
        assertEquals("00:00:00.00", Ek100Format.timestamp2(0));
        assertEquals("00:00:01.89", Ek100Format.timestamp2(1.8899));
        assertEquals("00:01:00.00", Ek100Format.timestamp2(59.996));
        assertEquals("01:02:03.40", Ek100Format.timestamp2(3723.4));
        assertEquals("00:00:00.560", Ek100Format.timestamp3(0.56));
        assertEquals("00:00:02.133", Ek100Format.timestamp3(32 / 15.0));
        assertEquals(3723.4, Ek100Format.parseTimestamp("01:02:03.40"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Ek100Format.timestamp2(-1));
        assertThrows(IllegalArgumentException.class, () -> Ek100Format.parseTimestamp("1.5"));
    }

    @Test
    void listsArePythonLiterals() {
        assertEquals("['cup', 'plate']", Ek100Format.stringList(List.of("cup", "plate")));
        assertEquals("['cup']", Ek100Format.stringList(List.of("cup")));
        assertEquals("[3, 1]", Ek100Format.intList(3, 1));
        assertEquals("[8]", Ek100Format.intList(8));
        assertArrayEquals(new int[] {36, 36}, Ek100Format.parseIntList("[36, 36]"));
        assertArrayEquals(new int[0], Ek100Format.parseIntList("[]"));
        assertThrows(IllegalArgumentException.class, () -> Ek100Format.parseIntList("[a]"));
    }

    @Test
    void rowsAreQuotedOnlyWhereAValueHasAComma() {
        RetrievalRow two = new RetrievalRow("P01_10_1", "P01", "P01_10", 3.4, 2.4, 4.4, 37, 66,
                ClipLabel.of(Action.PUT_ON, Noun.CUP, Noun.PLATE));
        RetrievalRow one = new RetrievalRow("P01_09_0", "P01", "P01_09", 17 / 15.0, 2 / 15.0, 32 / 15.0, 3, 32,
                ClipLabel.of(Action.PUSH_RIGHT, Noun.SPONGE));
        String csv = DemoCsvWriter.toCsv(Ek100Format.RETRIEVAL_HEADER, List.of(two.values(), one.values()));
        assertEquals("narration_id,participant_id,video_id,narration_timestamp,start_timestamp,stop_timestamp,"
                + "start_frame,stop_frame,narration,verb,verb_class,noun,noun_class,all_nouns,all_noun_classes\n"
                + "P01_10_1,P01,P01_10,00:00:03.400,00:00:02.40,00:00:04.40,37,66,put cup on plate,put-on,1,cup,0,"
                + "\"['cup', 'plate']\",\"[0, 1]\"\n"
                + "P01_09_0,P01,P01_09,00:00:01.133,00:00:00.13,00:00:02.13,3,32,push sponge right,push-right,5,"
                + "sponge,8,['sponge'],[8]\n", csv);
    }

    @Test
    void sentencesKeepFirstAppearanceInNarrationIdOrder() {
        ClipLabel a = ClipLabel.of(Action.OPEN, Noun.BOX);
        ClipLabel b = ClipLabel.of(Action.CLOSE, Noun.BOX);
        List<RetrievalRow> rows = List.of(row("P02_01_2", a), row("P02_01_10", b), row("P02_01_1", a),
                row("P02_01_3", b));
        // string order: P02_01_1, P02_01_10, P02_01_2, P02_01_3
        assertEquals(List.of("P02_01_1", "P02_01_10", "P02_01_2", "P02_01_3"),
                DemoCsvWriter.sorted(rows).stream().map(RetrievalRow::narrationId).toList());
        List<RetrievalRow> s = DemoCsvWriter.sentences(rows);
        assertEquals(List.of("P02_01_1", "P02_01_10"), s.stream().map(RetrievalRow::narrationId).toList());
        assertEquals(List.of("open box", "close box"), s.stream().map(r -> r.label().narration()).toList());
    }

    private static RetrievalRow row(String id, ClipLabel l) {
        return new RetrievalRow(id, "P02", "P02_01", 1, 0.5, 1.5, 8, 22, l);
    }
}
