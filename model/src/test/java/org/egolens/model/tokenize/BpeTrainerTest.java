package org.egolens.model.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte-level BPE trainer: hand-computed merges, determinism, and the written file read back by the tokenizer. */
class BpeTrainerTest {
    private static final List<String> CORPUS = List.of("hug hug", "Hug pug", "pun");

    /**
     * Words hug×3, pug×1, pun×1 as symbols [h u g&lt;/w&gt;], [p u g&lt;/w&gt;], [p u n&lt;/w&gt;]. Pair counts
     * (u,g&lt;/w&gt;) 4, (h,u) 3, (p,u) 2, (u,n&lt;/w&gt;) 1 → merge u g&lt;/w&gt;; then (h,ug&lt;/w&gt;) 3 → merge;
     * then three pairs of count 1: (p,u) &lt; (p,ug&lt;/w&gt;) &lt; (u,n&lt;/w&gt;) by left, right → p u; then
     * (p,ug&lt;/w&gt;) before (pu,n&lt;/w&gt;).
     */
    @Test
    void learnsTheHandComputedMergesInOrder() {
        List<BpeTrainer.Merge> all = BpeTrainer.learn(CORPUS, 100, 1);
        assertEquals(List.of(m("u", "g</w>"), m("h", "ug</w>"), m("p", "u"), m("p", "ug</w>"), m("pu", "n</w>")), all);
        assertEquals(all.subList(0, 2), BpeTrainer.learn(CORPUS, 100, 2), "count-1 pairs are not merged");
        assertEquals(all.subList(0, 3), BpeTrainer.learn(CORPUS, 3, 1), "stops at maxMerges");
        assertEquals(List.of(), BpeTrainer.learn(CORPUS, 0, 1));
        assertEquals(Map.of("hug", List.of("hug</w>"), "pug", List.of("p", "ug</w>"), "pun", List.of("pu", "n</w>")),
                BpeTrainer.segmentations(CORPUS, all.subList(0, 3)));
    }

    @Test
    void resultDoesNotDependOnCorpusOrder(@TempDir Path dir) throws IOException {
        List<String> corpus = new ArrayList<>();
        for (String w : new String[] {"open the fridge", "close the fridge", "take knife", "put knife in drawer",
            "wash the knife", "take plate", "put plate in rack", "wash plate", "open drawer", "close drawer"}) {
            corpus.add(w);
        }
        List<BpeTrainer.Merge> a = BpeTrainer.learn(corpus, 500, 2);
        List<String> shuffled = new ArrayList<>(corpus);
        Collections.shuffle(shuffled, new Random(5));
        List<BpeTrainer.Merge> b = BpeTrainer.learn(shuffled, 500, 2);
        assertEquals(a, b);
        BpeTrainer.write(dir.resolve("a.txt.gz"), a, "test");
        BpeTrainer.write(dir.resolve("b.txt.gz"), b, "test");
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.txt.gz")), Files.readAllBytes(dir.resolve("b.txt.gz")));
    }

    @Test
    void writtenFileHasClipsLayoutWithoutAFinalLineBreak(@TempDir Path dir) throws IOException {
        List<BpeTrainer.Merge> merges = BpeTrainer.learn(CORPUS, 100, 1);
        Path file = dir.resolve("sub/bpe_vocab.txt.gz");
        BpeTrainer.write(file, merges, "from a\ntest");
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals("#version: 0.2 - from a test\nu g</w>\nh ug</w>\np u\np ug</w>\npu n</w>", text);

        ClipBpeTokenizer tok = ClipBpeTokenizer.load(file);
        assertEquals(512 + 5 + 2, tok.vocabulary().size());
        for (String word : List.of("hug", "pug", "pun")) {
            int[] ids = tok.bpeIds(word);
            assertEquals(1, ids.length, word + " is one learned symbol");
            assertEquals(word + "</w>", tok.vocabulary().symbol(ids[0]));
        }
        assertEquals(List.of(), readLines(file).stream().filter(String::isEmpty).toList());
    }

    /**
     * "café" twice: symbols c, a, f, U+00C3, U+00A9&lt;/w&gt; (é is the bytes C3 A9). Every pair counts 2, so ties go to
     * the smallest left symbol, and ASCII sorts before U+00C3: a f, then af Ã, then afÃ ©&lt;/w&gt;, then c afÃ©&lt;/w&gt;.
     */
    @Test
    void nonAsciiWordsAreMergedAsUtf8Bytes() throws IOException {
        List<BpeTrainer.Merge> merges = BpeTrainer.learn(List.of("caf\u00e9 CAF\u00c9"), 100, 1);
        assertEquals(List.of(m("a", "f"), m("af", "\u00c3"), m("af\u00c3", "\u00a9</w>"), m("c", "af\u00c3\u00a9</w>")),
                merges);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.learn(CORPUS, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.learn(CORPUS, 48895, 1));
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.learn(CORPUS, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new BpeTrainer.Merge("a b", "c"));
        assertThrows(NullPointerException.class, () -> BpeTrainer.learn(java.util.Arrays.asList("a", null), 10, 1));
    }

    private static List<String> readLines(Path gz) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    private static BpeTrainer.Merge m(String left, String right) {
        return new BpeTrainer.Merge(left, right);
    }
}
