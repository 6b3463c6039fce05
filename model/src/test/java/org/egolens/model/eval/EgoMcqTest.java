package org.egolens.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EgoMcqTest {
    @TempDir
    Path tmp;

    private static String clip(String uid, Object start, Object end, String text, String tags) {
        return "{\"video_uid\": \"" + uid + "\", \"clip_start\": " + start + ", \"clip_end\": " + end
                + ", \"clip_text\": \"" + text + "\"" + tags + "}";
    }

    private static String question(int answer, int type, String uid) {
        StringBuilder choices = new StringBuilder("{");
        for (int c = 0; c < 5; c++) {
            choices.append(c > 0 ? ", " : "").append("\"").append(c).append("\": ")
                    .append(clip(uid + (type == 1 ? c : 0), c * 10.5, "\"" + (c * 10.5 + 1) + "\"", "#C C does " + c, ""));
        }
        choices.append('}');
        return "{\"answer\": " + answer + ", \"types\": " + type + ", \"query\": "
                + clip(uid, "\"3.25\"", 4.5, "#C C picks a bag", ", \"tag_verb\": \"[93]\", \"tag_noun\": [192, 115]")
                + ", \"choices\": " + choices + "}";
    }

    @Test
    void readsTheEgoMcqLayout() throws IOException {
        // keys out of order on purpose: questions come back in numeric key order
        Path f = Files.writeString(tmp.resolve("egomcq.json"),
                "{\"1\": " + question(4, 2, "vidB") + ", \"0\": " + question(2, 1, "vidA") + "}");
        List<EgoMcqQuestion> qs = EgoMcqReader.read(f);
        assertEquals(2, qs.size());
        EgoMcqQuestion q0 = qs.get(0);
        assertEquals("0", q0.key());
        assertEquals(2, q0.answer());
        assertEquals(EgoMcqType.INTER_VIDEO, q0.type());
        assertEquals("#C C picks a bag", q0.query().clipText());
        assertEquals(3.25, q0.query().clipStart(), 0);
        assertEquals(List.of(93), q0.query().tagVerb());
        assertEquals(List.of(192, 115), q0.query().tagNoun());
        assertEquals(5, q0.choices().size());
        assertEquals(42.0, q0.choices().get(4).clipStart(), 0);
        assertEquals(43.0, q0.choices().get(4).clipEnd(), 0);
        assertEquals("vidA3", q0.choices().get(3).videoUid());
        assertEquals(EgoMcqType.INTRA_VIDEO, qs.get(1).type());
    }

    @Test
    void malformedQuestionsAreNamed() throws IOException {
        Path badType = Files.writeString(tmp.resolve("t.json"), "{\"0\": " + question(2, 3, "v") + "}");
        IOException e = assertThrows(IOException.class, () -> EgoMcqReader.read(badType));
        assertTrue(e.getMessage().contains("t.json") && e.getMessage().contains("question \"0\"")
                && e.getMessage().contains("type code 3"), e.getMessage());
        Path badAnswer = Files.writeString(tmp.resolve("a.json"), "{\"7\": " + question(5, 1, "v") + "}");
        e = assertThrows(IOException.class, () -> EgoMcqReader.read(badAnswer));
        assertTrue(e.getMessage().contains("question \"7\"") && e.getMessage().contains("answer 5"), e.getMessage());
        Path noStart = Files.writeString(tmp.resolve("s.json"), "{\"0\": " + question(1, 1, "v").replace("\"clip_start\": 0.0, ", "") + "}");
        e = assertThrows(IOException.class, () -> EgoMcqReader.read(noStart));
        assertTrue(e.getMessage().contains("choices.0.clip_start: missing"), e.getMessage());
        Path notJson = Files.writeString(tmp.resolve("n.json"), "{\"0\": ");
        assertThrows(IOException.class, () -> EgoMcqReader.read(notJson));
    }

    @Test
    void typeCodesMapOnce() {
        assertEquals(EgoMcqType.INTER_VIDEO, EgoMcqType.fromCode(1));
        assertEquals(EgoMcqType.INTRA_VIDEO, EgoMcqType.fromCode(2));
        assertThrows(IllegalArgumentException.class, () -> EgoMcqType.fromCode(0));
    }

    @Test
    void interRightIntraWrong() {
        EgoMcqClip c = new EgoMcqClip("v", 0, 1, "x", List.of(), List.of());
        List<EgoMcqClip> five = List.of(c, c, c, c, c);
        List<EgoMcqQuestion> qs = List.of(new EgoMcqQuestion("0", c, five, 2, EgoMcqType.fromCode(1)),
                new EgoMcqQuestion("1", c, five, 0, EgoMcqType.fromCode(2)));
        // question 0: argmax 2 = answer; question 1: argmax 3 != answer 0
        EgoMcqResult r = EgoMcqMetrics.evaluate(qs, new double[][] {{.1, .2, .9, .3, .0}, {.5, .1, .2, .8, .4}});
        assertEquals(1.0, r.interAccuracy(), 0);
        assertEquals(0.0, r.intraAccuracy(), 0);
        assertEquals(new EgoMcqResult(1, 1, 0, 1), r);
        // equal maxima: the first one is the prediction (0 here, so question 1 becomes right)
        EgoMcqResult tie = EgoMcqMetrics.evaluate(qs, new double[][] {{0, 0, 1, 0, 0}, {.7, .1, .2, .7, .4}});
        assertEquals(1.0, tie.intraAccuracy(), 0);
        assertTrue(Double.isNaN(EgoMcqMetrics.evaluate(qs.subList(0, 1), new double[][] {{0, 0, 1, 0, 0}}).intraAccuracy()));
        assertThrows(IllegalArgumentException.class, () -> EgoMcqMetrics.evaluate(qs, new double[][] {{1, 2}, {1, 2}}));
    }
}
