package org.egolens.model.data.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.egolens.model.tokenize.BpeTrainer;
import org.egolens.model.tokenize.ClipBpeTokenizer;
import org.egolens.model.tokenize.ClipVocabularyLocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's own BPE vocabulary: deterministic, one token per demo word, every narration round-trips. */
class DemoVocabularyTest {
    private static ClipBpeTokenizer tokenizer;
    private static Path file;

    @BeforeAll
    static void write(@TempDir Path dir) throws IOException {
        file = DemoVocabulary.write(dir);
        tokenizer = ClipBpeTokenizer.load(file);
    }

    @Test
    void learningIsDeterministic(@TempDir Path other) throws IOException {
        assertEquals(DemoVocabulary.merges(), DemoVocabulary.merges());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(DemoVocabulary.write(other)));
    }

    @Test
    void everyNarrationRoundTripsAndEveryDemoWordIsOneToken() {
        List<String> narrations = DemoVocabulary.narrations();
        assertEquals(ActionCatalog.all().size(), narrations.size());
        Set<String> words = new LinkedHashSet<>();
        for (String n : narrations) {
            int[] ids = tokenizer.bpeIds(n);
            assertEquals(n + " ", tokenizer.decode(ids), "round trip of '" + n + "'");
            String[] w = n.split(" ");
            assertEquals(w.length, ids.length, "one token per word in '" + n + "'");
            for (int i = 0; i < w.length; i++) {
                assertEquals(w[i] + "</w>", tokenizer.vocabulary().symbol(ids[i]));
            }
            words.addAll(Arrays.asList(w));
            long[] row = tokenizer.encode(n);
            assertEquals(tokenizer.startOfTextId(), row[0]);
            assertEquals(tokenizer.endOfTextId(), row[w.length + 1]);
        }
        // e.g. "anticlockwise", "towards", "sponge" are all in the catalogue's narrations
        assertTrue(words.containsAll(List.of("pick", "up", "anticlockwise", "towards", "me", "sponge", "of")), words
                .toString());
        // merges needed: each distinct word of n bytes takes at most n - 1 merges; shared prefixes save some
        int upperBound = words.stream().mapToInt(w -> w.length() - 1).sum();
        int merges = tokenizer.vocabulary().mergeCount();
        assertTrue(merges <= upperBound && merges <= DemoVocabulary.MAX_MERGES, merges + " merges");
        assertEquals(512 + merges + 2, tokenizer.vocabulary().size());
        assertEquals(tokenizer.vocabulary().size() - 1, tokenizer.endOfTextId());
    }

    @Test
    void tokenizerSegmentsEveryWordAsTheTrainerDid() {
        Map<String, List<String>> seg = BpeTrainer.segmentations(DemoVocabulary.narrations(), DemoVocabulary.merges());
        seg.forEach((word, symbols) -> {
            List<String> got = new ArrayList<>();
            for (int id : tokenizer.bpeIds(word)) {
                got.add(tokenizer.vocabulary().symbol(id));
            }
            assertEquals(symbols, got, word);
        });
    }

    @Test
    void otherTextStillEncodesThroughByteSymbols() {
        String text = "stir the saut\u00e9ed onions, 2 times!";
        int[] ids = tokenizer.bpeIds(text);
        assertEquals("stir the saut\u00e9ed onions , 2 times ! ", tokenizer.decode(ids));
        assertTrue(Arrays.stream(ids).allMatch(id -> id < tokenizer.startOfTextId()));
    }

    @Test
    void generatedWorkspaceCarriesTheVocabularyAndItsNarrationsRoundTrip(@TempDir Path dir) throws IOException {
        Path ws = dir.resolve("ws");
        DemoDataset.generate(new DemoConfig(3, 6, 4, 1, 32, 15, 1.0, 4, 2, 30, 1), ws, ProgressListener.NONE);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(ws.resolve(DemoVocabulary.FILE_NAME)));
        assertEquals(ws.resolve("bpe_vocab.txt.gz"), ClipVocabularyLocator.find(null, ws).orElseThrow());
        List<Ek100Clip> clips = new ArrayList<>(Ek100Csv.readClips(DemoDataset.retrievalCsv(ws, "train", false)));
        clips.addAll(Ek100Csv.readClips(DemoDataset.retrievalCsv(ws, "test", false)));
        assertEquals(10, clips.size());
        for (Ek100Clip c : clips) {
            assertEquals(c.narration() + " ", tokenizer.decode(tokenizer.bpeIds(c.narration())));
            assertEquals(c.narration().split(" ").length, tokenizer.bpeIds(c.narration()).length);
        }
    }
}
