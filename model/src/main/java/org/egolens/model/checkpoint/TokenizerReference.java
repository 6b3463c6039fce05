package org.egolens.model.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.egolens.model.io.AtomicFiles;
import org.egolens.model.tokenize.ClipBpeTokenizer;
import org.egolens.model.tokenize.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model folder's pointer to its tokenizer, {@code tokenizer.json}: {@code {"type": "clip-bpe", "vocab": PATH,
 * "context_length": 77}}. The CLIP BPE vocabulary ({@value ClipBpeTokenizer#VOCAB_FILE_NAME}) is licensed data that is
 * never copied: the reference records where the user's copy is (a relative path is resolved against the folder).
 *
 * @param type          {@value #TYPE}
 * @param vocab         the vocabulary file
 * @param contextLength tokens per row
 */
public record TokenizerReference(String type, Path vocab, int contextLength) {
    /** File name in a model folder. */
    public static final String FILE = "tokenizer.json";
    /** The only tokenizer type: OpenAI CLIP's byte-level BPE. */
    public static final String TYPE = "clip-bpe";
    private static final Logger LOG = LoggerFactory.getLogger(TokenizerReference.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @throws IllegalArgumentException for another type or a non-positive context length */
    public TokenizerReference {
        Objects.requireNonNull(vocab, "vocab");
        if (!TYPE.equals(type)) {
            throw new IllegalArgumentException("tokenizer type '" + type + "' is not supported (only " + TYPE + ")");
        }
        if (contextLength <= 0) {
            throw new IllegalArgumentException("context_length must be > 0, got " + contextLength);
        }
    }

    /**
     * Writes {@code dir/tokenizer.json} (atomically).
     *
     * @throws IOException on a write error
     */
    public void write(Path dir) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        n.put("vocab", vocab.toString());
        n.put("context_length", contextLength);
        Path tmp = AtomicFiles.createTemp(dir, FILE, ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(n) + "\n");
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads {@code dir/tokenizer.json}.
     *
     * @return empty when the folder has none
     * @throws IOException if it is malformed (names the file and field)
     */
    public static Optional<TokenizerReference> read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        JsonNode n;
        try {
            n = JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new IOException(f + ": malformed JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.hasNonNull("vocab") || !n.get("vocab").isTextual()) {
            throw new IOException(f + ": missing string field 'vocab'");
        }
        try {
            return Optional.of(new TokenizerReference(n.path("type").asText(TYPE), dir.resolve(n.get("vocab").asText()),
                    n.path("context_length").asInt(ClipBpeTokenizer.DEFAULT_CONTEXT_LENGTH)));
        } catch (IllegalArgumentException e) {
            throw new IOException(f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Finds the vocabulary for a conversion: the path the user gave (a file, or a folder holding
     * {@value ClipBpeTokenizer#VOCAB_FILE_NAME}), else that file in one of {@code besides}.
     *
     * @param given   the user's path, or null
     * @param besides folders to look in when nothing was given (e.g. the checkpoint's folder)
     * @return the absolute path, or empty when nothing was given or found
     * @throws NoSuchFileException if a given path does not lead to a file
     */
    public static Optional<Path> findVocab(Path given, List<Path> besides) throws IOException {
        if (given != null) {
            Path f = Files.isDirectory(given) ? given.resolve(ClipBpeTokenizer.VOCAB_FILE_NAME) : given;
            if (!Files.isRegularFile(f)) {
                throw new NoSuchFileException(f.toString(), null, "tokenizer vocabulary not found");
            }
            return Optional.of(f.toAbsolutePath().normalize());
        }
        for (Path d : besides) {
            if (d != null && Files.isRegularFile(d.resolve(ClipBpeTokenizer.VOCAB_FILE_NAME))) {
                return Optional.of(d.resolve(ClipBpeTokenizer.VOCAB_FILE_NAME).toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /**
     * The tokenizer of a model folder: its {@code tokenizer.json} reference, else a vocabulary file in the folder. A
     * reference that cannot be followed is logged and noted, not fatal (token ids still work; texts are refused).
     *
     * @param notes receives one line saying what was used
     * @return the tokenizer, or null when there is none
     */
    public static Tokenizer tokenizerFor(Path dir, List<String> notes) {
        try {
            Optional<TokenizerReference> ref = read(dir);
            if (ref.isPresent()) {
                ClipBpeTokenizer loaded = ClipBpeTokenizer.load(ref.get().vocab());
                ClipBpeTokenizer t = ref.get().contextLength() == loaded.contextLength() ? loaded
                        : new ClipBpeTokenizer(loaded.vocabulary(), ref.get().contextLength());
                notes.add("tokenizer: CLIP BPE from " + ref.get().vocab() + " (" + FILE + ")");
                return t;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: tokenizer reference not usable: {}", dir, e.getMessage());
            notes.add("tokenizer: " + FILE + " not usable (" + e.getMessage() + "); texts cannot be encoded");
            return null;
        }
        return besideOrNull(dir, notes);
    }

    /** A vocabulary file in the checkpoint's folder, if any (see {@link #tokenizerFor}). */
    public static Tokenizer tokenizerBeside(Path checkpoint, List<String> notes) {
        Path dir = checkpoint.toAbsolutePath().getParent();
        return dir == null ? null : besideOrNull(dir, notes);
    }

    private static Tokenizer besideOrNull(Path dir, List<String> notes) {
        Path v = ClipBpeTokenizer.vocabularyFileIn(dir);
        if (!Files.isRegularFile(v)) {
            notes.add("tokenizer: none (no " + FILE + ", " + ClipBpeTokenizer.VOCAB_FILE_NAME + " or "
                    + ClipBpeTokenizer.WORKSPACE_VOCAB_FILE_NAME + " in " + dir + "); token ids only");
            return null;
        }
        try {
            Tokenizer t = ClipBpeTokenizer.load(v);
            notes.add("tokenizer: CLIP BPE from " + v);
            return t;
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: vocabulary not usable: {}", v, e.getMessage());
            notes.add("tokenizer: " + v + " not usable (" + e.getMessage() + ")");
            return null;
        }
    }
}
