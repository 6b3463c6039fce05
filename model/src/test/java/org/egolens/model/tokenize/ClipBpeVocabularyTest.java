package org.egolens.model.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout of the CLIP vocabulary and the errors for a missing or broken merge file. */
class ClipBpeVocabularyTest {

    @Test
    void byteAlphabetIsPrintableAndGpt2Ordered() {
        Set<Character> seen = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            char c = ByteLevelAlphabet.charOf(b);
            assertTrue(seen.add(c), "distinct character for byte " + b);
            assertEquals(b, ByteLevelAlphabet.byteOf(c));
            assertTrue(!Character.isWhitespace(c) && !Character.isISOControl(c), "printable for byte " + b);
        }
        assertEquals('!', ByteLevelAlphabet.charOf('!'));
        assertEquals(0, ByteLevelAlphabet.positionOf('!'));
        // 94 + 12 + 82 = 188 printable bytes come first; byte 0 is the first moved byte, at U+0100
        assertEquals(188, ByteLevelAlphabet.positionOf(0));
        assertEquals('\u0100', ByteLevelAlphabet.charOf(0));
        assertEquals('\u0120', ByteLevelAlphabet.charOf(' ')); // GPT-2's well-known 'Ġ' for space
        assertEquals(-1, ByteLevelAlphabet.byteOf('\u0144'));
    }

    @Test
    void vocabularyLayoutFollowsClip() throws IOException {
        Path file = SharedData.require("tokenizer/bpe_simple_vocab_16e6.txt.gz");
        ClipBpeVocabulary vocab = ClipBpeVocabulary.load(file);
        assertEquals(49408, vocab.size());
        assertEquals("!", vocab.symbol(0));
        assertEquals("!</w>", vocab.symbol(256));
        assertEquals("<|startoftext|>", vocab.symbol(49406));
        assertEquals("<|endoftext|>", vocab.symbol(49407));
        assertEquals(49406, vocab.id("<|startoftext|>"));
        assertEquals(-1, vocab.id("no such symbol"));

        // merge line k (1-based after the header) becomes id 511 + k and has rank k - 1
        String[] firstMerge;
        String[] lastMerge;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            r.readLine();
            firstMerge = r.readLine().split(" ");
            String line = null;
            for (int k = 2; k <= 48894; k++) {
                line = r.readLine();
            }
            lastMerge = line.split(" ");
        }
        assertEquals(firstMerge[0] + firstMerge[1], vocab.symbol(512));
        assertEquals(0, vocab.mergeRank(vocab.id(firstMerge[0]), vocab.id(firstMerge[1])));
        assertEquals(512, vocab.mergedId(0));
        assertEquals(lastMerge[0] + lastMerge[1], vocab.symbol(49405));
        assertEquals(48893, vocab.mergeRank(vocab.id(lastMerge[0]), vocab.id(lastMerge[1])));
        assertEquals(ClipBpeVocabulary.NO_MERGE, vocab.mergeRank(vocab.id("<|endoftext|>"), 0));
        assertThrows(IllegalArgumentException.class, () -> vocab.symbol(49408));
    }

    @Test
    void clipFileKeepsClipsSpecialIds() throws IOException {
        ClipBpeVocabulary vocab = ClipBpeVocabulary.load(SharedData.require("tokenizer/bpe_simple_vocab_16e6.txt.gz"));
        assertEquals(ClipBpeVocabulary.MERGE_COUNT, vocab.mergeCount());
        assertEquals(ClipBpeVocabulary.START_OF_TEXT_ID, vocab.startOfTextId());
        assertEquals(ClipBpeVocabulary.END_OF_TEXT_ID, vocab.endOfTextId());
        assertEquals(ClipBpeVocabulary.SIZE, vocab.size());
    }

    /**
     * Hand-made merges {@code u g</w>}, {@code h ug</w>}, {@code p u}: ids 0..511 are the byte symbols, 512..514 the
     * merges, 515/516 SOT/EOT. Byte 'p' (0x70) is printable position 0x70 - 0x21 = 79; 'n</w>' is 0x6E - 0x21 + 256 = 333.
     */
    @Test
    void smallMergeFileGivesHandComputedIds(@TempDir Path dir) throws IOException {
        Path file = gzip(dir.resolve("bpe_vocab.txt.gz"), "#version: 0.2 - hand made\nu g</w>\nh ug</w>\np u\n");
        ClipBpeVocabulary vocab = ClipBpeVocabulary.load(file);
        assertEquals(3, vocab.mergeCount());
        assertEquals(517, vocab.size());
        assertEquals(515, vocab.startOfTextId());
        assertEquals(516, vocab.endOfTextId());
        assertEquals("ug</w>", vocab.symbol(512));
        assertEquals("hug</w>", vocab.symbol(513));
        assertEquals("pu", vocab.symbol(514));
        assertEquals("<|startoftext|>", vocab.symbol(515));
        assertEquals("<|endoftext|>", vocab.symbol(516));
        assertEquals(79, vocab.id("p"));
        assertEquals(333, vocab.id("n</w>"));
        assertThrows(IllegalArgumentException.class, () -> vocab.symbol(517));

        ClipBpeTokenizer tok = new ClipBpeTokenizer(vocab, 10);
        assertEquals(515, tok.startOfTextId());
        assertEquals(516, tok.endOfTextId());
        // hug: (u,g</w>) rank 0, then (h,ug</w>) rank 1 -> [513]; pug: rank 0 only -> [p, ug</w>];
        // pun: (p,u) rank 2 -> [pu, n</w>]
        assertArrayEquals(new int[] {513, 79, 512, 514, 333}, tok.bpeIds("Hug  PUG pun"));
        assertArrayEquals(new long[] {515, 513, 79, 512, 514, 333, 516, 0, 0, 0}, tok.encode("hug pug pun"));
        assertArrayEquals(new long[] {515, 513, 79, 512, 514, 333, 79, 512, 514, 516}, tok.encode("hug pug pun pug pun"));
        assertEquals("hug pug pun ", tok.decode(new int[] {513, 79, 512, 514, 333}));
        assertArrayEquals(new int[] {515, 516}, tok.bpeIds("<|startoftext|><|endoftext|>"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tok.decode(new int[] {517}));
        assertTrue(e.getMessage().contains("[0, 517)"), e.getMessage());
    }

    @Test
    void headerOnlyFileIsTheBareByteVocabulary(@TempDir Path dir) throws IOException {
        ClipBpeVocabulary vocab = ClipBpeVocabulary.load(gzip(dir.resolve("bytes.txt.gz"), "#version: 0.2"));
        assertEquals(0, vocab.mergeCount());
        assertEquals(514, vocab.size());
        assertEquals(512, vocab.startOfTextId());
        ClipBpeTokenizer tok = new ClipBpeTokenizer(vocab, 77);
        // '!' alone: byte position 0 with </w> = 256
        assertArrayEquals(new int[] {256}, tok.bpeIds("!"));
        assertEquals("h\u00e9 ", tok.decode(tok.bpeIds("h\u00e9")));
    }

    @Test
    void emptyFileIsReported(@TempDir Path dir) throws IOException {
        Path file = gzip(dir.resolve("empty.txt.gz"), "");
        IOException e = assertThrows(IOException.class, () -> ClipBpeVocabulary.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("bpe_simple_vocab_16e6.txt.gz");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ClipBpeVocabulary.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not bundled"), e.getMessage());
    }

    @Test
    void nonGzipFileIsReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vocab.txt.gz");
        Files.writeString(file, "#version: 0.2\ni n\n");
        IOException e = assertThrows(IOException.class, () -> ClipBpeVocabulary.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReported(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(SharedData.require("tokenizer/bpe_simple_vocab_16e6.txt.gz"));
        Path file = dir.resolve("cut.txt.gz");
        Files.write(file, java.util.Arrays.copyOf(whole, 100_000)); // about 25,000 merge lines of 48,894
        IOException e = assertThrows(IOException.class, () -> ClipBpeVocabulary.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("ends early"), e.getMessage());
    }

    @Test
    void tooFewMergeLinesInAFileNamedLikeClipsAreReported(@TempDir Path dir) throws IOException {
        // a smaller merge file is a valid vocabulary of its own, but under CLIP's name it is a truncated copy
        Path file = gzip(dir.resolve("bpe_simple_vocab_16e6.txt.gz"), "#version: 0.2\ni n\nt h\na n\n");
        IOException e = assertThrows(IOException.class, () -> ClipBpeVocabulary.load(file));
        assertTrue(e.getMessage().contains("48894") && e.getMessage().contains("found only 3"), e.getMessage());
    }

    @Test
    void malformedMergeLineIsReportedWithItsLineNumber(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder("#version: 0.2\n");
        for (int k = 1; k <= 48894; k++) {
            text.append(k == 99 ? "inthe" : "i n").append('\n');
        }
        Path file = gzip(dir.resolve("bad.txt.gz"), text.toString());
        IOException e = assertThrows(IOException.class, () -> ClipBpeVocabulary.load(file));
        assertTrue(e.getMessage().contains("line 100") && e.getMessage().contains("inthe"), e.getMessage());
    }

    @Test
    void invalidUtf8IsReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("#version: 0.2\ni n\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {(byte) 0xE9, ' ', 'a', '\n'});
        }
        IOException e = assertThrows(IOException.class, () -> ClipBpeVocabulary.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("UTF-8"), e.getMessage());
    }

    private static Path gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
