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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CLIP BPE vocabulary and its merge ranks, read from a merge file in the layout of CLIP's
 * {@code bpe_simple_vocab_16e6.txt.gz} (gzip'd UTF-8: a version header line, then one merge {@code "left right"} per
 * line, symbols in the byte-level alphabet, {@code </w>} marking a word end). Ids are laid out exactly as OpenAI CLIP's
 * {@code SimpleTokenizer} builds them (and EVA-CLIP / AVION copy), for a file with {@code M} merge lines:
 *
 * <ol>
 *   <li>ids 0..255: the 256 byte-level symbols ({@link ByteLevelAlphabet});
 *   <li>ids 256..511: the same symbols with the end-of-word marker {@code </w>};
 *   <li>ids 512..511+M: one merged symbol per merge line 1..M of the file (line 0 is the header), in file order; the
 *       merge on line {@code k} has rank {@code k - 1};
 *   <li>id 512+M {@code <|startoftext|>}, id 513+M {@code <|endoftext|>} (always the two largest ids, so CLIP's EOT
 *       pooling at the largest id still finds the end of a text).
 * </ol>
 *
 * <p>CLIP reads the first {@link #MERGE_COUNT} = 48,894 merge lines of its file, giving 49,408 ids with
 * {@code <|startoftext|>} = 49406 and {@code <|endoftext|>} = 49407 (the constants of this class). Smaller files, such
 * as the demo workspace's {@code bpe_vocab.txt.gz} learned by {@link BpeTrainer}, use all their merge lines; a file
 * named {@value ClipBpeTokenizer#VOCAB_FILE_NAME} must hold CLIP's full count, so a truncated copy of CLIP's file is
 * reported instead of silently shifting the special ids.
 *
 * <p>Symbols are handled as ids: a pair of adjacent symbol ids has a merge rank (lower merges first) and merging it
 * yields the id of the concatenated symbol. Immutable and thread-safe.
 */
public final class ClipBpeVocabulary {
    private static final Logger LOG = LoggerFactory.getLogger(ClipBpeVocabulary.class);

    /** Merge lines used by CLIP: {@code 49152 - 256 - 2}; also the most merge lines read from any file. */
    public static final int MERGE_COUNT = 49152 - 256 - 2;
    /** Start-of-text special token. */
    public static final String START_OF_TEXT = "<|startoftext|>";
    /** End-of-text special token. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    /** Id of {@link #START_OF_TEXT} in CLIP's vocabulary (49406); see {@link #startOfTextId()} for any file. */
    public static final int START_OF_TEXT_ID = 2 * ByteLevelAlphabet.SIZE + MERGE_COUNT;
    /** Id of {@link #END_OF_TEXT} in CLIP's vocabulary (49407); see {@link #endOfTextId()} for any file. */
    public static final int END_OF_TEXT_ID = START_OF_TEXT_ID + 1;
    /** Size of CLIP's vocabulary (49408); see {@link #size()} for any file. */
    public static final int SIZE = END_OF_TEXT_ID + 1;
    /** Ids before the first merged symbol: 256 byte symbols and 256 end-of-word byte symbols. */
    public static final int BYTE_SYMBOLS = 2 * ByteLevelAlphabet.SIZE;

    static final String END_OF_WORD = "</w>";
    /** Returned by {@link #mergeRank} for a pair that never merges. */
    static final int NO_MERGE = Integer.MAX_VALUE;

    private final Path source;
    private final String[] symbols;
    private final Map<String, Integer> ids;
    private final PairRankTable ranks;
    /** Id of the symbol produced by the merge of each rank. */
    private final int[] mergedIds;
    private final int mergeCount;

    private ClipBpeVocabulary(Path source, String[] symbols, Map<String, Integer> ids, PairRankTable ranks,
            int[] mergedIds) {
        this.mergeCount = mergedIds.length;
        this.source = source;
        this.symbols = symbols;
        this.ids = ids;
        this.ranks = ranks;
        this.mergedIds = mergedIds;
    }

    /**
     * Reads a gzip'd merge list: the header line, then at most {@link #MERGE_COUNT} merge lines (as CLIP does; later
     * lines are not read). A final empty line is ignored.
     *
     * @param vocabGz path of {@code bpe_simple_vocab_16e6.txt.gz} (never bundled or downloaded) or of another merge
     *     file in its layout, e.g. a demo workspace's {@code bpe_vocab.txt.gz}
     * @return the vocabulary of {@code 514 + M} symbols with {@code M} ranked merges (49408 and 48894 for CLIP's file)
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it is not gzip, not UTF-8, has no header line, a merge line is not two space-separated
     *     symbols, or a file named {@value ClipBpeTokenizer#VOCAB_FILE_NAME} has fewer than {@link #MERGE_COUNT} merge
     *     lines; the message names the file (and the line)
     */
    public static ClipBpeVocabulary load(Path vocabGz) throws IOException {
        if (!Files.isRegularFile(vocabGz)) {
            throw new NoSuchFileException(vocabGz.toString(), null,
                    "CLIP BPE vocabulary file not found (expected " + ClipBpeTokenizer.VOCAB_FILE_NAME
                            + "; it is not bundled with EgoLens, pass the model folder or the file itself)");
        }
        long start = System.nanoTime();
        String[] mergeLines = readMergeLines(vocabGz);
        Path name = vocabGz.getFileName();
        if (name != null && name.toString().equals(ClipBpeTokenizer.VOCAB_FILE_NAME)
                && mergeLines.length < MERGE_COUNT) {
            throw new IOException("Corrupt CLIP BPE vocabulary " + vocabGz + ": expected " + MERGE_COUNT
                    + " merge lines after the header, found only " + mergeLines.length);
        }
        int merges = mergeLines.length;
        int size = BYTE_SYMBOLS + merges + 2;
        int startOfText = BYTE_SYMBOLS + merges;

        String[] symbols = new String[size];
        for (int p = 0; p < ByteLevelAlphabet.SIZE; p++) {
            String c = String.valueOf(ByteLevelAlphabet.charAtPosition(p));
            symbols[p] = c;
            symbols[ByteLevelAlphabet.SIZE + p] = c + END_OF_WORD;
        }
        String[] lefts = new String[merges];
        String[] rights = new String[merges];
        for (int r = 0; r < merges; r++) {
            String line = mergeLines[r];
            int space = line.indexOf(' ');
            if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
                throw new IOException("Corrupt CLIP BPE vocabulary " + vocabGz + ": line " + (r + 2)
                        + " must be two symbols separated by one space, found '" + line + "'");
            }
            lefts[r] = line.substring(0, space);
            rights[r] = line.substring(space + 1);
            symbols[BYTE_SYMBOLS + r] = lefts[r] + rights[r];
        }
        symbols[startOfText] = START_OF_TEXT;
        symbols[startOfText + 1] = END_OF_TEXT;

        // like Python's dict(zip(vocab, range(len(vocab)))): a repeated symbol keeps its last id
        Map<String, Integer> ids = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            ids.put(symbols[i], i);
        }
        PairRankTable ranks = new PairRankTable(merges);
        int[] mergedIds = new int[merges];
        for (int r = 0; r < merges; r++) {
            mergedIds[r] = ids.get(lefts[r] + rights[r]);
            Integer left = ids.get(lefts[r]);
            Integer right = ids.get(rights[r]);
            if (left != null && right != null) {
                // a symbol missing from the vocabulary never occurs in a word, so its merge can never apply
                ranks.put(left, right, r); // a repeated pair keeps its last rank, like dict(zip(merges, ...))
            }
        }
        LOG.debug("Loaded CLIP BPE vocabulary {} ({} symbols, {} merges) in {} ms", vocabGz, size, merges,
                (System.nanoTime() - start) / 1_000_000);
        return new ClipBpeVocabulary(vocabGz, symbols, Map.copyOf(ids), ranks, mergedIds);
    }

    private static String[] readMergeLines(Path vocabGz) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
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
                    break;
                }
                lines.add(line);
                read++;
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
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // a final line break
        }
        return lines.toArray(String[]::new);
    }

    /** The file this vocabulary was read from. */
    public Path source() {
        return source;
    }

    /** Number of token ids: {@code 514 + mergeCount()} (49408 for CLIP's file). */
    public int size() {
        return mergeCount + BYTE_SYMBOLS + 2;
    }

    /** Number of merges read from the file (48894 for CLIP's file). */
    public int mergeCount() {
        return mergeCount;
    }

    /** Id of {@code <|startoftext|>}: {@code 512 + mergeCount()} (49406 for CLIP's file). */
    public int startOfTextId() {
        return BYTE_SYMBOLS + mergeCount;
    }

    /** Id of {@code <|endoftext|>}, the largest id: {@code 513 + mergeCount()} (49407 for CLIP's file). */
    public int endOfTextId() {
        return BYTE_SYMBOLS + mergeCount + 1;
    }

    /**
     * The symbol of a token id, in byte-level form (e.g. {@code "fridge</w>"}).
     *
     * @throws IllegalArgumentException if {@code id} is not in {@code [0, size())}
     */
    public String symbol(int id) {
        if (id < 0 || id >= symbols.length) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + symbols.length
                    + ") of " + source);
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
