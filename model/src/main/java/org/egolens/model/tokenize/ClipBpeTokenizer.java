package org.egolens.model.tokenize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure-Java CLIP BPE tokenizer, token for token the same as OpenAI CLIP's {@code simple_tokenizer.SimpleTokenizer} and
 * the {@code tokenize()} wrapper EVA-CLIP and AVION use (evaluation-and-formats.md §3.1/§3.5).
 *
 * <p>Pipeline per text: {@link ClipTextCleaner#clean} (ftfy-like fixes, HTML unescape, whitespace collapse,
 * lower-case) → CLIP's pre-tokenising regex ({@code <|startoftext|>}, {@code <|endoftext|>}, the contractions
 * {@code 's 't 're 've 'm 'll 'd}, runs of letters, single digits, runs of other non-space characters) → UTF-8 bytes
 * mapped to the byte-level alphabet, the last one marked {@code </w>} → BPE merges by rank → vocabulary ids. The BPE
 * result of each pre-token is cached (concurrently, so one instance can serve many threads).
 *
 * <p>Rows for the text encoder are {@code [SOT, ids..., EOT, 0, ...]} of length {@link #contextLength()} (77); with
 * CLIP's vocabulary SOT = 49406 and EOT = 49407, with a smaller merge file they are its last two ids
 * ({@link #startOfTextId()}, {@link #endOfTextId()}). Text with more than {@code contextLength - 2} ids is cut and the
 * last slot is forced to EOT (the EVA-CLIP/AVION rule, so the EOT pooling position always exists).
 *
 * <p>The vocabulary file {@value #VOCAB_FILE_NAME} is never bundled nor downloaded: the caller passes its path (the
 * model folder holds it, or the user points to it). A demo workspace carries its own, smaller merge file
 * {@value #WORKSPACE_VOCAB_FILE_NAME} in the same layout (see {@link BpeTrainer}). Known deviation: text whose encoding ftfy would repair (mojibake
 * such as {@code "cafÃ©"}) is tokenised unrepaired; see {@link FtfyLikeFixer}.
 */
public final class ClipBpeTokenizer implements Tokenizer {
    /** File name of CLIP's merge list. */
    public static final String VOCAB_FILE_NAME = "bpe_simple_vocab_16e6.txt.gz";
    /** File name of a merge list learned for one workspace or model (e.g. the demo's), in CLIP's layout. */
    public static final String WORKSPACE_VOCAB_FILE_NAME = "bpe_vocab.txt.gz";
    /** CLIP's text context length. */
    public static final int DEFAULT_CONTEXT_LENGTH = 77;
    /** Id of {@code <|startoftext|>} with CLIP's vocabulary (49406); {@link #startOfTextId()} for this instance. */
    public static final int START_OF_TEXT_ID = ClipBpeVocabulary.START_OF_TEXT_ID;
    /** Id of {@code <|endoftext|>} with CLIP's vocabulary (49407); {@link #endOfTextId()} for this instance. */
    public static final int END_OF_TEXT_ID = ClipBpeVocabulary.END_OF_TEXT_ID;

    /**
     * CLIP's {@code self.pat}, compiled like the {@code regex} module's {@code re.IGNORECASE} pattern ({@code \s} is
     * Unicode White_Space). U+0345 (combining ypogegrammeni, which case-folds to the letter ι) is matched by none of the
     * {@code regex} module's case-insensitive classes, so CLIP drops it; it is excluded here to drop it too.
     */
    private static final Pattern PRE_TOKEN = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}\\u0345]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    /** Cache entries kept at most; beyond it results are computed but not stored (the output is the same). */
    private static final int MAX_CACHE_ENTRIES = 1 << 18;

    private final ClipBpeVocabulary vocabulary;
    private final int contextLength;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * Creates a tokenizer over an already loaded vocabulary (several tokenizers may share one).
     *
     * @param vocabulary the loaded merge list
     * @param contextLength tokens per row (at least 2: room for SOT and EOT)
     * @throws IllegalArgumentException if {@code contextLength < 2}
     */
    public ClipBpeTokenizer(ClipBpeVocabulary vocabulary, int contextLength) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        if (contextLength < 2) {
            throw new IllegalArgumentException("contextLength must be >= 2 (SOT and EOT), got " + contextLength);
        }
        this.contextLength = contextLength;
        cache.put(ClipBpeVocabulary.START_OF_TEXT, new int[] {vocabulary.startOfTextId()});
        cache.put(ClipBpeVocabulary.END_OF_TEXT, new int[] {vocabulary.endOfTextId()});
    }

    /**
     * Loads the tokenizer with context length 77.
     *
     * @param vocabGz path of {@value #VOCAB_FILE_NAME}
     * @return a tokenizer giving rows of 77 ids
     * @throws IOException if the file is missing or corrupt; the message names it (see {@link ClipBpeVocabulary#load})
     */
    public static ClipBpeTokenizer load(Path vocabGz) throws IOException {
        return new ClipBpeTokenizer(ClipBpeVocabulary.load(vocabGz), DEFAULT_CONTEXT_LENGTH);
    }

    /**
     * Loads the tokenizer from a model or workspace folder, or from the vocabulary file itself.
     *
     * @param modelDirOrFile a folder that contains {@value #VOCAB_FILE_NAME} (preferred) or
     *     {@value #WORKSPACE_VOCAB_FILE_NAME}, or the path of such a file
     * @return a tokenizer giving rows of 77 ids
     * @throws IOException if the file is missing or corrupt; the message names it
     */
    public static ClipBpeTokenizer fromModelDirectory(Path modelDirOrFile) throws IOException {
        return load(vocabularyFileIn(modelDirOrFile));
    }

    /**
     * The vocabulary file a folder holds: {@value #VOCAB_FILE_NAME} if present, else {@value #WORKSPACE_VOCAB_FILE_NAME}
     * if present, else (for the error message) the path of {@value #VOCAB_FILE_NAME}. A path that is not a folder is
     * returned as is.
     */
    public static Path vocabularyFileIn(Path folderOrFile) {
        if (!Files.isDirectory(folderOrFile)) {
            return folderOrFile;
        }
        Path clip = folderOrFile.resolve(VOCAB_FILE_NAME);
        Path own = folderOrFile.resolve(WORKSPACE_VOCAB_FILE_NAME);
        return !Files.isRegularFile(clip) && Files.isRegularFile(own) ? own : clip;
    }

    /** The vocabulary this tokenizer uses ({@code vocabulary().size()} token ids). */
    public ClipBpeVocabulary vocabulary() {
        return vocabulary;
    }

    /** Id of {@code <|startoftext|>}, the first id of every row (49406 with CLIP's vocabulary). */
    public int startOfTextId() {
        return vocabulary.startOfTextId();
    }

    /** Id of {@code <|endoftext|>}, the largest id, ending every row (49407 with CLIP's vocabulary). */
    public int endOfTextId() {
        return vocabulary.endOfTextId();
    }

    @Override
    public int tokenCount(String text) {
        return bpeIds(text).length + 2;
    }

    @Override
    public int vocabularySize() {
        return vocabulary.size();
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    /**
     * Encodes narrations into text-encoder rows.
     *
     * @param texts N narrations (none null)
     * @return {@code (N, contextLength)} ids: SOT ({@code 49406} for CLIP), the BPE ids, EOT ({@code 49407}), zero
     *     padding; over-long text is cut with EOT in the last slot
     * @throws NullPointerException if the list or an element is null (the message gives the index)
     */
    @Override
    public long[][] encode(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        long[][] rows = new long[texts.size()][];
        for (int i = 0; i < rows.length; i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new NullPointerException("texts[" + i + "] is null");
            }
            rows[i] = encode(text);
        }
        return rows;
    }

    /**
     * Encodes one narration into a text-encoder row.
     *
     * @param text raw narration
     * @return {@code (contextLength)} ids, as one row of {@link #encode(List)}
     */
    public long[] encode(String text) {
        int[] ids = bpeIds(text);
        long[] row = new long[contextLength];
        int kept = Math.min(ids.length, contextLength - 2);
        row[0] = vocabulary.startOfTextId();
        for (int k = 0; k < kept; k++) {
            row[k + 1] = ids[k];
        }
        row[kept + 1] = vocabulary.endOfTextId();
        return row;
    }

    /**
     * CLIP's {@code SimpleTokenizer.encode(text)}: the BPE ids of the cleaned text, without SOT/EOT, not truncated.
     *
     * @param text raw text
     * @return token ids in {@code [0, vocabulary().size())}; {@code <|startoftext|>} / {@code <|endoftext|>} written in
     *     the text map to their ids (49406 / 49407 for CLIP), as in CLIP
     */
    public int[] bpeIds(String text) {
        String cleaned = ClipTextCleaner.clean(Objects.requireNonNull(text, "text"));
        int[] out = new int[Math.max(8, cleaned.length())];
        int size = 0;
        Matcher m = PRE_TOKEN.matcher(cleaned);
        while (m.find()) {
            int[] ids = bpe(m.group());
            if (size + ids.length > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + ids.length));
            }
            System.arraycopy(ids, 0, out, size, ids.length);
            size += ids.length;
        }
        return Arrays.copyOf(out, size);
    }

    /**
     * CLIP's {@code SimpleTokenizer.decode(ids)}: concatenates the symbols, reads them back as UTF-8 bytes (invalid
     * sequences become U+FFFD) and turns each {@code </w>} into a space. Every id is decoded, so pass BPE ids, or a row
     * with its SOT/EOT/padding removed.
     *
     * @param ids token ids
     * @return the text, e.g. {@code "open fridge "} for the ids of "open fridge"
     * @throws IllegalArgumentException if an id is outside {@code [0, vocabulary().size())} (the message gives its
     *     index)
     */
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * 4);
        int size = vocabulary.size();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= size) {
                throw new IllegalArgumentException("ids[" + i + "] = " + ids[i]
                        + " is outside the vocabulary [0, " + size + ")");
            }
            String symbol = vocabulary.symbol(ids[i]);
            for (int k = 0; k < symbol.length(); k++) {
                bytes.write(ByteLevelAlphabet.byteOf(symbol.charAt(k)));
            }
        }
        return decodeUtf8Replacing(bytes.toByteArray()).replace(ClipBpeVocabulary.END_OF_WORD, " ");
    }

    /**
     * UTF-8 decoding with one U+FFFD per maximal invalid subpart (Unicode §3.9, what Python's {@code errors="replace"}
     * does). Java's own decoder groups some invalid sequences differently (e.g. {@code ED A8}: one U+FFFD, not two).
     */
    static String decodeUtf8Replacing(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                out.append((char) lead);
                i++;
                continue;
            }
            int need;
            int low = 0x80;
            int high = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                need = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                need = 2;
                low = lead == 0xE0 ? 0xA0 : 0x80;
                high = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                need = 3;
                low = lead == 0xF0 ? 0x90 : 0x80;
                high = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                out.append('\uFFFD');
                i++;
                continue;
            }
            int codePoint = lead & (0x3F >> need);
            int k = i + 1;
            boolean complete = true;
            for (int n = 0; n < need; n++, k++) {
                int lo = n == 0 ? low : 0x80;
                int hi = n == 0 ? high : 0xBF;
                if (k >= bytes.length || (bytes[k] & 0xFF) < lo || (bytes[k] & 0xFF) > hi) {
                    complete = false;
                    break;
                }
                codePoint = (codePoint << 6) | (bytes[k] & 0x3F);
            }
            if (complete) {
                out.appendCodePoint(codePoint);
            } else {
                out.append('\uFFFD');
            }
            i = k;
        }
        return out.toString();
    }

    /**
     * CLIP's pre-tokenisation of a text: {@link ClipTextCleaner#clean} then the pre-token regex; each pre-token is one
     * BPE word (its last byte gets {@code </w>}). Shared with {@link BpeTrainer} so that learned merges apply to the
     * same words.
     */
    static List<String> preTokens(String text) {
        Matcher m = PRE_TOKEN.matcher(ClipTextCleaner.clean(Objects.requireNonNull(text, "text")));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Number of pre-tokens whose BPE result is cached. */
    public int cacheSize() {
        return cache.size();
    }

    /** BPE of one pre-token (cached); the returned array is shared and must not be modified. */
    private int[] bpe(String token) {
        int[] cached = cache.get(token);
        if (cached != null) {
            return cached;
        }
        int[] ids = mergeBytes(token.getBytes(StandardCharsets.UTF_8));
        if (cache.size() < MAX_CACHE_ENTRIES) {
            cache.putIfAbsent(token, ids);
        }
        return ids;
    }

    /**
     * CLIP's {@code bpe()}: start from one symbol per byte (the last with {@code </w>}), then repeatedly merge every
     * non-overlapping occurrence, left to right, of the adjacent pair with the lowest rank until no pair has a rank.
     */
    private int[] mergeBytes(byte[] utf8) {
        int length = utf8.length;
        int[] word = new int[length];
        for (int i = 0; i < length; i++) {
            word[i] = vocabulary.byteSymbolId(utf8[i] & 0xFF, i == length - 1);
        }
        while (length > 1) {
            int bestRank = ClipBpeVocabulary.NO_MERGE;
            for (int i = 0; i < length - 1; i++) {
                int rank = vocabulary.mergeRank(word[i], word[i + 1]);
                if (rank < bestRank) {
                    bestRank = rank;
                }
            }
            if (bestRank == ClipBpeVocabulary.NO_MERGE) {
                break;
            }
            int merged = vocabulary.mergedId(bestRank);
            int written = 0;
            for (int i = 0; i < length; i++) {
                if (i < length - 1 && vocabulary.mergeRank(word[i], word[i + 1]) == bestRank) {
                    word[written++] = merged;
                    i++;
                } else {
                    word[written++] = word[i];
                }
            }
            length = written;
        }
        return Arrays.copyOf(word, length);
    }
}
