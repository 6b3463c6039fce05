package org.egolens.model.tokenize;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.egolens.model.io.AtomicFiles;

/**
 * Learns a small byte-level BPE merge list from a corpus and writes it in the layout of CLIP's
 * {@code bpe_simple_vocab_16e6.txt.gz}, so that {@link ClipBpeVocabulary} and {@link ClipBpeTokenizer} read it like
 * CLIP's own file (Sennrich et al. 2016, "Neural Machine Translation of Rare Words with Subword Units", Algorithm 1, on
 * GPT-2/CLIP byte-level symbols).
 *
 * <p>Words are the pre-tokens of CLIP's tokenizer ({@link ClipBpeTokenizer#preTokens}: cleaned, lower-cased, split by
 * CLIP's regex), written as byte-level symbols with {@code </w>} on the last byte, exactly as the tokenizer starts its
 * merging. Each step counts every adjacent symbol pair over all words (weighted by word frequency), takes the most
 * frequent pair (ties: the smaller {@code left}, then the smaller {@code right}, by {@link String#compareTo}), and merges
 * its occurrences in every word left to right without overlap — the rule {@code ClipBpeTokenizer} applies — so a
 * training word is tokenised exactly into its learned segmentation. Training stops after {@code maxMerges} merges or
 * when no pair occurs at least {@code minPairCount} times. The result depends only on the multiset of texts, never on
 * their order or on hashing.
 */
public final class BpeTrainer {
    /** First line of the written file (CLIP's starts with the same version tag). */
    public static final String HEADER_PREFIX = "#version: 0.2";

    /**
     * One learned merge: two adjacent byte-level symbols (e.g. {@code "c"}, {@code "up</w>"}) that become one.
     *
     * @param left  left symbol, in {@link ClipBpeVocabulary#symbol} form
     * @param right right symbol
     */
    public record Merge(String left, String right) {
        /** @throws IllegalArgumentException if a symbol is empty or contains a space or line break */
        public Merge {
            for (String s : new String[] {left, right}) {
                if (s == null || s.isEmpty() || s.indexOf(' ') >= 0 || s.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("a merge symbol must be non-empty without spaces, got '" + s
                            + "'");
                }
            }
        }

        /** The merged symbol. */
        public String merged() {
            return left + right;
        }

        /** The merge line as written to the file: {@code "left right"}. */
        public String line() {
            return left + " " + right;
        }
    }

    private BpeTrainer() {}

    /**
     * Learns merges from {@code texts}.
     *
     * @param texts        the corpus, e.g. narrations (none null)
     * @param maxMerges    most merges to learn (at most {@link ClipBpeVocabulary#MERGE_COUNT})
     * @param minPairCount stop when the most frequent pair occurs fewer times than this (at least 1)
     * @return merges in rank order (rank 0 first)
     * @throws IllegalArgumentException if {@code maxMerges} is outside {@code [0, 48894]} or {@code minPairCount < 1}
     */
    public static List<Merge> learn(Collection<String> texts, int maxMerges, int minPairCount) {
        if (maxMerges < 0 || maxMerges > ClipBpeVocabulary.MERGE_COUNT) {
            throw new IllegalArgumentException("maxMerges must be in [0, " + ClipBpeVocabulary.MERGE_COUNT + "], got "
                    + maxMerges);
        }
        if (minPairCount < 1) {
            throw new IllegalArgumentException("minPairCount must be >= 1, got " + minPairCount);
        }
        List<Word> words = words(texts);
        List<Merge> merges = new ArrayList<>();
        while (merges.size() < maxMerges) {
            Map<Merge, Long> counts = new HashMap<>();
            for (Word w : words) {
                for (int i = 0; i + 1 < w.symbols.size(); i++) {
                    counts.merge(new Merge(w.symbols.get(i), w.symbols.get(i + 1)), w.count, Long::sum);
                }
            }
            Merge best = null;
            long bestCount = 0;
            for (Map.Entry<Merge, Long> e : counts.entrySet()) {
                long c = e.getValue();
                if (c > bestCount || (c == bestCount && before(e.getKey(), best))) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best == null || bestCount < minPairCount) {
                break;
            }
            for (Word w : words) {
                w.apply(best);
            }
            merges.add(best);
        }
        return List.copyOf(merges);
    }

    /**
     * The segmentation of every distinct training word after the given merges, as the trainer sees it (word → symbols).
     * For checks: {@link ClipBpeTokenizer} must produce the same symbols for the word.
     */
    public static Map<String, List<String>> segmentations(Collection<String> texts, List<Merge> merges) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Word w : words(texts)) {
            for (Merge m : merges) {
                w.apply(m);
            }
            out.put(w.text, List.copyOf(w.symbols));
        }
        return out;
    }

    /**
     * Writes merges as a gzip'd merge file in CLIP's layout: the header {@code "#version: 0.2 - <note>"}, then one
     * {@code "left right"} line per merge, lines separated by {@code \n} with no line break after the last one (so
     * that OpenAI CLIP's Python reader, which splits on {@code \n}, sees exactly these merges). The bytes depend only on
     * the arguments (the gzip header carries no time). Written to a temporary file and moved into place.
     *
     * @param file   target, e.g. {@code <workspace>/bpe_vocab.txt.gz}
     * @param merges merges in rank order (at most {@link ClipBpeVocabulary#MERGE_COUNT})
     * @param note   what the merges were learned from (one line)
     * @throws IOException if the file cannot be written (names it)
     */
    public static void write(Path file, List<Merge> merges, String note) throws IOException {
        Objects.requireNonNull(merges, "merges");
        if (merges.size() > ClipBpeVocabulary.MERGE_COUNT) {
            throw new IllegalArgumentException("at most " + ClipBpeVocabulary.MERGE_COUNT + " merges, got "
                    + merges.size());
        }
        String header = HEADER_PREFIX + (note == null || note.isBlank() ? "" : " - " + note.replaceAll("[\\r\\n]+",
                " "));
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = AtomicFiles.createTemp(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp));
                    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write(header);
                for (Merge m : merges) {
                    w.write('\n');
                    w.write(m.line());
                }
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("cannot write BPE vocabulary " + abs + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Distinct words with their frequency, sorted by text (so the order of the corpus does not matter). */
    private static List<Word> words(Collection<String> texts) {
        Map<String, Long> freq = new TreeMap<>();
        for (String text : texts) {
            for (String token : ClipBpeTokenizer.preTokens(Objects.requireNonNull(text, "a text is null"))) {
                if (!token.equals(ClipBpeVocabulary.START_OF_TEXT) && !token.equals(ClipBpeVocabulary.END_OF_TEXT)) {
                    freq.merge(token, 1L, Long::sum);
                }
            }
        }
        List<Word> out = new ArrayList<>(freq.size());
        freq.forEach((text, count) -> out.add(new Word(text, count)));
        return out;
    }

    private static boolean before(Merge a, Merge b) {
        if (b == null) {
            return true;
        }
        int c = a.left().compareTo(b.left());
        return c < 0 || (c == 0 && a.right().compareTo(b.right()) < 0);
    }

    /** A distinct word: its byte-level symbols (last with {@code </w>}) and how often it occurs. */
    private static final class Word {
        final String text;
        final long count;
        List<String> symbols;

        Word(String text, long count) {
            this.text = text;
            this.count = count;
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            symbols = new ArrayList<>(utf8.length);
            for (int i = 0; i < utf8.length; i++) {
                String s = String.valueOf(ByteLevelAlphabet.charOf(utf8[i] & 0xFF));
                symbols.add(i == utf8.length - 1 ? s + ClipBpeVocabulary.END_OF_WORD : s);
            }
        }

        /** Merges every occurrence of the pair, left to right, without overlap. */
        void apply(Merge m) {
            if (symbols.size() < 2) {
                return;
            }
            List<String> next = new ArrayList<>(symbols.size());
            for (int i = 0; i < symbols.size(); i++) {
                if (i + 1 < symbols.size() && symbols.get(i).equals(m.left()) && symbols.get(i + 1).equals(m.right())) {
                    next.add(m.merged());
                    i++;
                } else {
                    next.add(symbols.get(i));
                }
            }
            symbols = next;
        }
    }
}
