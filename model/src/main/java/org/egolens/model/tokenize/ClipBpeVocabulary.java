package org.egolens.model.tokenize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLIP BPE vocabulary and merge ranks read from {@code bpe_simple_vocab_16e6.txt.gz}, laid out exactly as OpenAI
 * CLIP's {@code SimpleTokenizer} builds them (and EVA-CLIP / AVION copy):
 *
 * <ol>
 *   <li>ids 0..255: the 256 byte-level symbols ({@link ByteLevelAlphabet});
 *   <li>ids 256..511: the same symbols with the end-of-word marker {@code </w>};
 *   <li>ids 512..49405: one merged symbol per merge line 1..48894 of the file (line 0 is a version header), in file
 *       order; the merge on line {@code k} has rank {@code k - 1};
 *   <li>id 49406 {@code <|startoftext|>}, id 49407 {@code <|endoftext|>}.
 * </ol>
 *
 * <p>Symbols are handled as ids: a pair of adjacent symbol ids has a merge rank (lower merges first) and merging it
 * yields the id of the concatenated symbol. Immutable and thread-safe.
 */
public final class ClipBpeVocabulary {
    private static final Logger LOG = LoggerFactory.getLogger(ClipBpeVocabulary.class);

    /** Merge lines used by CLIP: {@code 49152 - 256 - 2}. */
    public static final int MERGE_COUNT = 49152 - 256 - 2;
    /** Start-of-text special token. */
    public static final String START_OF_TEXT = "<|startoftext|>";
    /** End-of-text special token. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    /** Id of {@link #START_OF_TEXT} (49406). */
    public static final int START_OF_TEXT_ID = 2 * ByteLevelAlphabet.SIZE + MERGE_COUNT;
    /** Id of {@link #END_OF_TEXT} (49407). */
    public static final int END_OF_TEXT_ID = START_OF_TEXT_ID + 1;
    /** Vocabulary size (49408). */
    public static final int SIZE = END_OF_TEXT_ID + 1;

    static final String END_OF_WORD = "</w>";
    /** Returned by {@link #mergeRank} for a pair that never merges. */
    static final int NO_MERGE = Integer.MAX_VALUE;

    private final Path source;
    private final String[] symbols;
    private final Map<String, Integer> ids;
    private final PairRankTable ranks;
    /** Id of the symbol produced by the merge of each rank. */
    private final int[] mergedIds;

    private ClipBpeVocabulary(Path source, String[] symbols, Map<String, Integer> ids, PairRankTable ranks,
            int[] mergedIds) {
        this.source = source;
        this.symbols = symbols;
        this.ids = ids;
        this.ranks = ranks;
        this.mergedIds = mergedIds;
    }

    /**
     * Reads the gzip'd merge list. Only the header and the first {@link #MERGE_COUNT} merge lines are read, as CLIP does.
     *
     * @param vocabGz path of {@code bpe_simple_vocab_16e6.txt.gz}; it is never bundled or downloaded
     * @return the vocabulary of 49408 symbols with 48894 ranked merges
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it is not gzip, not UTF-8, has fewer than {@link #MERGE_COUNT} merge lines, or a merge line
     *     is not two space-separated symbols; the message names the file (and the line)
     */
    public static ClipBpeVocabulary load(Path vocabGz) throws IOException {
        if (!Files.isRegularFile(vocabGz)) {
            throw new NoSuchFileException(vocabGz.toString(), null,
                    "CLIP BPE vocabulary file not found (expected " + ClipBpeTokenizer.VOCAB_FILE_NAME
                            + "; it is not bundled with EgoLens, pass the model folder or the file itself)");
        }
        long start = System.nanoTime();
        String[] mergeLines = readMergeLines(vocabGz);

        String[] symbols = new String[SIZE];
        for (int p = 0; p < ByteLevelAlphabet.SIZE; p++) {
            String c = String.valueOf(ByteLevelAlphabet.charAtPosition(p));
            symbols[p] = c;
            symbols[ByteLevelAlphabet.SIZE + p] = c + END_OF_WORD;
        }
        String[] lefts = new String[MERGE_COUNT];
        String[] rights = new String[MERGE_COUNT];
        for (int r = 0; r < MERGE_COUNT; r++) {
            String line = mergeLines[r];
            int space = line.indexOf(' ');
            if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
                throw new IOException("Corrupt CLIP BPE vocabulary " + vocabGz + ": line " + (r + 2)
                        + " must be two symbols separated by one space, found '" + line + "'");
            }
            lefts[r] = line.substring(0, space);
            rights[r] = line.substring(space + 1);
            symbols[2 * ByteLevelAlphabet.SIZE + r] = lefts[r] + rights[r];
        }
        symbols[START_OF_TEXT_ID] = START_OF_TEXT;
        symbols[END_OF_TEXT_ID] = END_OF_TEXT;

        // like Python's dict(zip(vocab, range(len(vocab)))): a repeated symbol keeps its last id
        Map<String, Integer> ids = new HashMap<>(SIZE * 2);
        for (int i = 0; i < SIZE; i++) {
            ids.put(symbols[i], i);
        }
        PairRankTable ranks = new PairRankTable(MERGE_COUNT);
        int[] mergedIds = new int[MERGE_COUNT];
        for (int r = 0; r < MERGE_COUNT; r++) {
            mergedIds[r] = ids.get(lefts[r] + rights[r]);
            Integer left = ids.get(lefts[r]);
            Integer right = ids.get(rights[r]);
            if (left != null && right != null) {
                // a symbol missing from the vocabulary never occurs in a word, so its merge can never apply
                ranks.put(left, right, r); // a repeated pair keeps its last rank, like dict(zip(merges, ...))
            }
        }
        LOG.debug("Loaded CLIP BPE vocabulary {} ({} symbols, {} merges) in {} ms", vocabGz, SIZE, MERGE_COUNT,
                (System.nanoTime() - start) / 1_000_000);
        return new ClipBpeVocabulary(vocabGz, symbols, Map.copyOf(ids), ranks, mergedIds);
    }

    private static String[] readMergeLines(Path vocabGz) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String[] lines = new String[MERGE_COUNT];
        int read = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(vocabGz), 1 << 16);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, utf8), 1 << 16)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IOException("Corrupt CLIP BPE vocabulary " + vocabGz + ": the file is empty");
            }
            LOG.debug("CLIP BPE vocabulary header: {}", header);
            while (read < MERGE_COUNT) {
                String line = reader.readLine();
                if (line == null) {
                    throw new IOException("Corrupt CLIP BPE vocabulary " + vocabGz + ": expected " + MERGE_COUNT
                            + " merge lines after the header, found only " + read);
                }
                lines[read++] = line;
            }
        } catch (ZipException e) {
            throw new IOException("Corrupt CLIP BPE vocabulary " + vocabGz + ": not a valid gzip file ("
                    + e.getMessage() + ")", e);
        } catch (CharacterCodingException e) {
            throw new IOException("Corrupt CLIP BPE vocabulary " + vocabGz + ": not UTF-8 text near merge line "
                    + (read + 2), e);
        } catch (java.io.EOFException e) {
            throw new IOException("Corrupt CLIP BPE vocabulary " + vocabGz + ": gzip data ends early after "
                    + read + " merge lines", e);
        }
        return lines;
    }

    /** The file this vocabulary was read from. */
    public Path source() {
        return source;
    }

    /** Number of token ids (49408). */
    public int size() {
        return SIZE;
    }

    /**
     * The symbol of a token id, in byte-level form (e.g. {@code "fridge</w>"}).
     *
     * @throws IllegalArgumentException if {@code id} is not in {@code [0, 49408)}
     */
    public String symbol(int id) {
        if (id < 0 || id >= SIZE) {
            throw new IllegalArgumentException("token id " + id + " is outside the CLIP vocabulary [0, " + SIZE + ")");
        }
        return symbols[id];
    }

    /** The id of a byte-level symbol, or -1 if it is not in the vocabulary. */
    public int id(String symbol) {
        Integer id = ids.get(symbol);
        return id == null ? -1 : id;
    }

    /** Id of the symbol for byte {@code b} (0..255), with the end-of-word marker if {@code endOfWord}. */
    int byteSymbolId(int b, boolean endOfWord) {
        int p = ByteLevelAlphabet.positionOf(b);
        return endOfWord ? p + ByteLevelAlphabet.SIZE : p;
    }

    /** Merge rank of the adjacent pair ({@code left}, {@code right}); {@link #NO_MERGE} if they never merge. */
    int mergeRank(int left, int right) {
        return ranks.get(left, right);
    }

    /** Id of the symbol made by the merge of rank {@code rank}. */
    int mergedId(int rank) {
        return mergedIds[rank];
    }

    /** Open-addressing map from a pair of symbol ids to its merge rank (avoids boxing in the BPE inner loop). */
    private static final class PairRankTable {
        private final long[] keys;
        private final int[] values;
        private final int mask;

        PairRankTable(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
            keys = new long[capacity];
            values = new int[capacity];
            mask = capacity - 1;
            java.util.Arrays.fill(keys, -1L);
        }

        private static long key(int left, int right) {
            return ((long) left << 32) | (right & 0xFFFFFFFFL);
        }

        private int slot(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 29)) & mask;
        }

        void put(int left, int right, int value) {
            long k = key(left, right);
            int i = slot(k);
            while (keys[i] != -1L && keys[i] != k) {
                i = (i + 1) & mask;
            }
            keys[i] = k;
            values[i] = value;
        }

        int get(int left, int right) {
            long k = key(left, right);
            int i = slot(k);
            while (true) {
                long stored = keys[i];
                if (stored == k) {
                    return values[i];
                }
                if (stored == -1L) {
                    return NO_MERGE;
                }
                i = (i + 1) & mask;
            }
        }
    }
}
