package org.egolens.model.data.ek100;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ek100CsvTest {
    private static final String HEADER = String.join(",", Ek100Csv.CLIP_HEADER) + "\n";
    @TempDir
    Path tmp;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void edgeCasesOfTheCsvLayout() throws IOException {
        Path f = write("clips.csv", HEADER
                + "P01_01_0,P01,P01_01,00:00:01.500,00:00:01.25,00:00:02.50,76,150,\"put \"\"big\"\" pan, lid\",put,1,pan,5,"
                + "\"['pan', 'lid']\",\"[5, 6]\"\n"
                + "P01_01_1,P01,P01_01,00:00:03.12,00:00:02.125,00:00:04.00,128,240,\"wash\ncup\",wash,2,cup,13,['cup'],[13]\n"
                + "P01_01_2,P01,P01_01,,00:00:05.00,00:00:06.00,300,360,put bin onto other bin,put-onto,1,bin,36,"
                + "\"['bin', 'bin:other']\",\"[36, 36]\"\n"
                + "P01_01_3,P01,P01_01,00:01:00.000,00:01:00.00,00:01:01.00,3600,3660,cut pizza,cut,7,cutter:pizza,237,"
                + "\"['cutter:pizza', \"\"chef's knife\"\"]\",\"[237, 4]\"\n");
        List<Ek100Clip> clips = Ek100Csv.readClips(f);
        assertEquals(4, clips.size());
        assertEquals(List.of(2L, 3L, 5L, 6L), clips.stream().map(Ek100Clip::line).toList());

        Ek100Clip a = clips.get(0);
        assertEquals("put \"big\" pan, lid", a.narration());
        assertEquals(List.of("pan", "lid"), a.allNouns());
        assertEquals(List.of(5, 6), a.allNounClasses());
        assertEquals(1.5, a.narrationTimestamp().getAsDouble(), 1e-12);
        assertEquals(1.25, a.startSec(), 1e-12);
        assertEquals(2.5, a.stopSec(), 1e-12);
        assertEquals(76, a.startFrame());
        assertEquals(150, a.stopFrame());

        Ek100Clip b = clips.get(1);
        assertEquals("wash\ncup", b.narration());
        assertEquals(3.12, b.narrationTimestamp().getAsDouble(), 1e-12); // 2 digits where 3 are usual
        assertEquals(2.125, b.startSec(), 1e-12); // 3 digits where 2 are usual

        Ek100Clip c = clips.get(2);
        assertFalse(c.narrationTimestamp().isPresent());
        assertEquals(List.of("bin", "bin:other"), c.allNouns());
        assertEquals(List.of(36, 36), c.allNounClasses());
        assertEquals("put-onto", c.verb());

        Ek100Clip d = clips.get(3);
        assertEquals(List.of("cutter:pizza", "chef's knife"), d.allNouns());
        assertEquals("cutter:pizza", d.noun());
        assertEquals(237, d.nounClass());
        assertEquals(60.0, d.startSec(), 0);

        // write and read back: same records and lines, except that times take the official precision (2.125 -> 2.13)
        Path again = tmp.resolve("again.csv");
        Ek100Csv.writeClips(again, clips);
        List<Ek100Clip> back = Ek100Csv.readClips(again);
        assertEquals(clips.get(0), back.get(0));
        assertEquals(clips.subList(2, 4), back.subList(2, 4));
        assertEquals(2.13, back.get(1).startSec(), 0);
        assertEquals("wash\ncup", back.get(1).narration());
        String text = Files.readString(again);
        assertTrue(text.contains(",00:00:03.120,00:00:02.13,"), text); // official digits on write
        assertTrue(text.contains("\"put \"\"big\"\" pan, lid\""), text);
    }

    @Test
    void errorsNameFileLineAndColumn() throws IOException {
        String good = "P01_01_0,P01,P01_01,00:00:01.500,00:00:01.25,00:00:02.50,76,150,\"wash\nplate\",wash,2,plate,2,['plate'],[2]\n";
        Path badInt = write("bad_int.csv", HEADER + good
                + "P01_01_1,P01,P01_01,00:00:01.500,00:00:01.25,00:00:02.50,76,150,wash,wash,two,plate,2,['plate'],[2]\n");
        Ek100FormatException e = assertThrows(Ek100FormatException.class, () -> Ek100Csv.readClips(badInt));
        assertEquals(4, e.line()); // the record after a two-line record starts on line 4
        assertTrue(e.getMessage().contains("bad_int.csv line 4") && e.getMessage().contains("verb_class")
                && e.getMessage().contains("'two'"), e.getMessage());

        Path badList = write("bad_list.csv", HEADER
                + "P01_01_0,P01,P01_01,00:00:01.500,00:00:01.25,00:00:02.50,76,150,wash,wash,2,plate,2,['plate',[2]\n");
        e = assertThrows(Ek100FormatException.class, () -> Ek100Csv.readClips(badList));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("all_nouns"), e.getMessage());

        Path badTime = write("bad_time.csv", HEADER
                + "P01_01_0,P01,P01_01,00:00:01.500,0:0:1.25,00:00:02.50,76,150,wash,wash,2,plate,2,['plate'],[2]\n");
        e = assertThrows(Ek100FormatException.class, () -> Ek100Csv.readClips(badTime));
        assertTrue(e.getMessage().contains("start_timestamp"), e.getMessage());

        Path mismatch = write("mismatch.csv", HEADER
                + "P01_01_0,P01,P01_01,00:00:01.500,00:00:01.25,00:00:02.50,76,150,wash,wash,2,plate,2,\"['plate', 'cup']\",[2]\n");
        e = assertThrows(Ek100FormatException.class, () -> Ek100Csv.readClips(mismatch));
        assertTrue(e.getMessage().contains("all_noun_classes has 1"), e.getMessage());

        Path duplicate = write("dup.csv", HEADER + good + good);
        e = assertThrows(Ek100FormatException.class, () -> Ek100Csv.readClips(duplicate));
        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("of line 2"), e.getMessage());

        Path shortRow = write("short.csv", HEADER + "P01_01_0,P01,P01_01\n");
        e = assertThrows(Ek100FormatException.class, () -> Ek100Csv.readClips(shortRow));
        assertTrue(e.getMessage().contains("expected 15 fields, found 3"), e.getMessage());

        Path missing = write("missing.csv", "narration_id,narration\nP01_01_0,wash\n");
        e = assertThrows(Ek100FormatException.class, () -> Ek100Csv.readClips(missing));
        assertTrue(e.getMessage().contains("missing column(s)") && e.getMessage().contains("verb_class"), e.getMessage());

        Path unterminated = write("open_quote.csv", "narration_id,narration\nP01_01_0,\"wash\n");
        e = assertThrows(Ek100FormatException.class, () -> Ek100Csv.readSentences(unterminated));
        assertTrue(e.getMessage().contains("open_quote.csv"), e.getMessage());

        Path empty = write("empty.csv", "");
        assertThrows(Ek100FormatException.class, () -> Ek100Csv.readSentences(empty));
    }

    @Test
    void sentenceFilesOfBothLayouts() throws IOException {
        Path test = write("test_sentence.csv", "narration_id,narration\nP01_11_0,take plate\nP01_11_1,\"put, down\"\n\n");
        List<Ek100Sentence> s = Ek100Csv.readSentences(test);
        assertEquals(List.of(new Ek100Sentence("P01_11_0", "take plate", null, 2), new Ek100Sentence("P01_11_1", "put, down", null, 3)), s);
        Path train = write("train_sentence.csv", "narration_id,narration,verb_class,noun_classes,verb,nouns\n"
                + "P01_01_0,open door,3,[3],open,['door']\nP01_01_9,wash pan and lid,2,\"[5, 6]\",wash,\"['pan', 'lid']\"\n");
        List<Ek100Sentence> t = Ek100Csv.readSentences(train);
        assertEquals(new Ek100Sentence.Labels(2, List.of(5, 6), "wash", List.of("pan", "lid")), t.get(1).labels());
        Path out = tmp.resolve("out.csv");
        Ek100Csv.writeSentences(out, t);
        assertEquals(Files.readString(train), Files.readString(out));
        assertThrows(IllegalArgumentException.class, () -> Ek100Csv.writeSentences(out, List.of(s.get(0), t.get(0))));
    }

    @Test
    void officialTestFileRoundTripsByteForByte() throws IOException {
        Path official = SharedData.require("ek100/retrieval_annotations/EPIC_100_retrieval_test.csv");
        List<String> lines = Files.readAllLines(official); // the official file has no embedded newlines
        List<Ek100Clip> clips = Ek100Csv.readClips(official);
        assertEquals(lines.size() - 1, clips.size());
        assertEquals(9_668, clips.size());
        long blankNarrationTime = lines.stream().skip(1).filter(l -> l.split(",", -1)[3].isEmpty()).count();
        assertEquals(blankNarrationTime, clips.stream().filter(c -> c.narrationTimestamp().isEmpty()).count());
        assertTrue(blankNarrationTime > 0);
        Ek100Clip first = clips.get(0);
        assertEquals(new Ek100Clip("P01_11_0", "P01", "P01_11", OptionalDouble.of(0.56), 0.0, 1.89, 1, 113, "take plate",
                "take", 0, "plate", 2, List.of("plate"), List.of(2), 2), first);
        assertEquals(9_669L, clips.get(clips.size() - 1).line());

        Path copy = tmp.resolve("copy.csv");
        Ek100Csv.writeClips(copy, clips);
        assertEquals(-1L, Files.mismatch(official, copy), "written file differs from the official one");
    }

    @Test
    void officialSentenceFilesRoundTripByteForByte() throws IOException {
        Path test = SharedData.require("ek100/retrieval_annotations/EPIC_100_retrieval_test_sentence.csv");
        List<Ek100Sentence> s = Ek100Csv.readSentences(test);
        assertEquals(3_842, s.size());
        assertFalse(s.get(0).hasLabels());
        Path copy = tmp.resolve("s.csv");
        Ek100Csv.writeSentences(copy, s);
        assertEquals(-1L, Files.mismatch(test, copy));

        Path train = SharedData.require("ek100/retrieval_annotations/EPIC_100_retrieval_train_sentence.csv");
        List<Ek100Sentence> t = Ek100Csv.readSentences(train);
        assertEquals(15_989, t.size());
        assertEquals(new Ek100Sentence("P01_01_0", "open door", new Ek100Sentence.Labels(3, List.of(3), "open",
                List.of("door")), 2), t.get(0));
        Path copy2 = tmp.resolve("t.csv");
        Ek100Csv.writeSentences(copy2, t);
        assertEquals(-1L, Files.mismatch(train, copy2));
    }

    @Test
    void officialClassFiles() throws IOException {
        List<Ek100Class> verbs = Ek100Csv.readClasses(SharedData.require("ek100/EPIC_100_verb_classes.csv"));
        List<Ek100Class> nouns = Ek100Csv.readClasses(SharedData.require("ek100/EPIC_100_noun_classes.csv"));
        assertEquals(97, verbs.size());
        assertEquals(300, nouns.size());
        assertEquals("take", verbs.get(0).key());
        assertTrue(verbs.get(0).instances().contains("pick-up"));
        assertEquals("retrieve", verbs.get(0).category());
        assertEquals(List.of("tap", "tap:water"), nouns.get(0).instances().subList(0, 2));
        for (int i = 0; i < nouns.size(); i++) {
            assertEquals(i, nouns.get(i).id());
        }
    }
}
