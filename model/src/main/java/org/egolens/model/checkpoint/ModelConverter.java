package org.egolens.model.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.LoadReport;
import org.egolens.model.nn.ModelConfig;
import org.egolens.model.nn.ModelFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts checkpoint files into a model folder that {@link ModelFactory#open(String, int,
 * org.egolens.model.tokenize.Tokenizer)} (and so every command and the GUI) accepts:
 *
 * <ul>
 *   <li>{@code config.json}: EVA-CLIP format with {@code num_frames}, {@code rope_mode}, {@code embed_dim};</li>
 *   <li>{@code model.safetensors}: every parameter in float32 under EVA-CLIP names, {@code visual.temporal_embed} and
 *       (new) heads included, exactly the values of the loaded model;</li>
 *   <li>{@code tokenizer.json}: a reference to the CLIP BPE vocabulary ({@link TokenizerReference}; the licensed file is
 *       never copied), when one was given or lies beside the checkpoint;</li>
 *   <li>{@code conversion.json}: inputs (size, SHA-256), options and the full load report.</li>
 * </ul>
 * The folder is written under a temporary name beside the target and moved into place at the end, so a failed
 * conversion leaves nothing half-written; an existing non-empty target is refused unless {@code overwrite}.
 */
public final class ModelConverter {
    /** Provenance file in a converted folder. */
    public static final String CONVERSION_FILE = "conversion.json";
    private static final Logger LOG = LoggerFactory.getLogger(ModelConverter.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> OWN_FILES = List.of(ModelFactory.CONFIG_FILE, ModelFactory.MODEL_FILE,
            ModelFactory.VIDEO_MODEL_FILE, TokenizerReference.FILE, CONVERSION_FILE);

    private ModelConverter() {}

    /**
     * What a conversion produced.
     *
     * @param outDir     the model folder
     * @param config     its config
     * @param report     the load report (with notes)
     * @param vocabulary the referenced tokenizer vocabulary, if any
     */
    public record Result(Path outDir, ModelConfig config, LoadReport report, Optional<Path> vocabulary) {}

    /**
     * Converts.
     *
     * @param inputs     checkpoint files, base first (a later file is laid over the earlier ones)
     * @param options    config, T, E, temporal initialisation, seed (its tokenizer is ignored)
     * @param vocabulary the CLIP BPE vocabulary (file or folder) to reference; null: look beside the first input
     * @param outDir     the model folder to write
     * @param overwrite  replace EgoLens' files in an existing non-empty folder (other files are left alone)
     * @throws IOException if the inputs cannot be loaded (see {@link CheckpointLoader#open(List, LoadOptions)}), the
     *                     target exists, or writing fails; nothing is left at {@code outDir} then
     */
    public static Result convert(List<Path> inputs, LoadOptions options, Path vocabulary, Path outDir,
            boolean overwrite) throws IOException {
        Objects.requireNonNull(outDir, "outDir");
        Path target = outDir.toAbsolutePath().normalize();
        if (Files.exists(target) && !(Files.isDirectory(target) && (overwrite || isEmpty(target)))) {
            throw new IOException(target + (Files.isDirectory(target) ? " already holds files; pass --force to"
                    + " replace the model files in it" : " exists and is not a folder"));
        }
        Path firstDir = inputs.get(0).toAbsolutePath().getParent();
        Optional<Path> vocab = TokenizerReference.findVocab(vocabulary, firstDir == null ? List.of()
                : List.of(firstDir));
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".converting-");
        try {
            Result r;
            try (Eva02AtClipModel m = CheckpointLoader.open(inputs, options.withTokenizer(null), false)) {
                ModelFactory.save(m, tmp);
                if (vocab.isPresent()) {
                    new TokenizerReference(TokenizerReference.TYPE, vocab.get(), m.config().text().contextLength())
                            .write(tmp);
                }
                LoadReport report = m.loadReport().orElseThrow();
                List<String> notes = new ArrayList<>();
                notes.add(vocab.map(v -> "tokenizer reference: " + v).orElse("no tokenizer vocabulary given or found"
                        + " beside the checkpoint: the folder encodes token ids only (pass --tokenizer)"));
                report = report.withNotes(notes);
                writeConversion(tmp, inputs, options, m.config(), report, vocab);
                r = new Result(target, m.config(), report, vocab);
            }
            shareable(tmp);
            install(tmp, target);
            LOG.info("converted {} into {}: {}", inputs, target, r.report().summary());
            return r;
        } finally {
            deleteTree(tmp);
        }
    }

    /** Temporary files and folders are private (0600/0700); a model folder is readable by others (0644/0755). */
    private static void shareable(Path dir) throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /** Moves the written folder into place: a rename when the target is absent or empty, else file by file. */
    private static void install(Path tmp, Path target) throws IOException {
        if (Files.isDirectory(target) && isEmpty(target)) {
            Files.delete(target);
        }
        if (!Files.exists(target)) {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        for (String f : OWN_FILES) {
            Path src = tmp.resolve(f);
            if (Files.exists(src)) {
                Files.move(src, target.resolve(f), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                // e.g. a stale video_model.safetensors would otherwise be laid over the new weights
                Files.deleteIfExists(target.resolve(f));
            }
        }
    }

    private static void writeConversion(Path dir, List<Path> inputs, LoadOptions o, ModelConfig c, LoadReport r,
            Optional<Path> vocab) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode in = root.putArray("inputs");
        for (Path p : inputs) {
            ObjectNode n = in.addObject();
            n.put("path", p.toAbsolutePath().normalize().toString());
            n.put("size_bytes", Files.size(p));
            n.put("sha256", sha256(p));
        }
        root.put("config_hash", c.hash());
        root.put("num_frames", c.numFrames());
        root.put("embed_dim", c.embedDim());
        root.put("temporal_init", o.temporalInit().jsonName());
        root.put("seed", o.seed());
        root.put("tokenizer_vocab", vocab.map(Path::toString).orElse(null));
        ObjectNode rep = root.putObject("report");
        rep.put("summary", r.summary());
        rep.put("matched", r.matched().size());
        strings(rep.putArray("missing"), r.missing());
        strings(rep.putArray("unexpected"), r.unexpected());
        strings(rep.putArray("mis_shaped"), r.shapeMismatched());
        strings(rep.putArray("new"), r.kept());
        strings(rep.putArray("interpolated"), r.interpolated());
        strings(rep.putArray("defaulted"), r.defaulted());
        strings(rep.putArray("ignored"), r.ignored());
        strings(rep.putArray("notes"), r.notes());
        Files.writeString(dir.resolve(CONVERSION_FILE), JSON.writeValueAsString(root) + "\n");
    }

    private static void strings(ArrayNode a, List<String> v) {
        v.forEach(a::add);
    }

    static String sha256(Path p) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
