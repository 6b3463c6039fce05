package org.egolens.model.retrieval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.egolens.model.io.AtomicFiles;
import org.egolens.model.io.Npy;

/**
 * The EgoLens index file ({@code .idx}): one ZIP archive, entries stored uncompressed, holding
 * <ul>
 *   <li>{@code index.json}: {@code {"format": "egolens-index", "version": 1, "model_id", "config_hash", "frames",
 *       "image_size", "embed_dim", "created" (ISO-8601 instant), "count"}};</li>
 *   <li>{@code entries.csv}: header {@code clip_id,source,start_sec,end_sec,frame_count}, one row per clip (RFC 4180);</li>
 *   <li>{@code embeddings.npy}: {@code (N, D)} float32 little-endian, C order, rows L2-normalised, row i ↔ CSV row i.</li>
 * </ul>
 * Because it is a ZIP of {@code .npy} files, NumPy reads it directly: {@code np.load("clips.idx")["embeddings"]}.
 * Writes are atomic: the archive is written to a temporary file beside the target and renamed over it; a write
 * first deletes the temporary files of earlier writes that were killed before their rename.
 */
public final class IndexFile {
    /** Value of {@code "format"} in {@code index.json}. */
    public static final String FORMAT = "egolens-index";
    /** Current format version. */
    public static final int VERSION = 1;
    static final String HEADER_ENTRY = "index.json";
    static final String ENTRIES_ENTRY = "entries.csv";
    static final String EMBEDDINGS_ENTRY = "embeddings.npy";
    private static final String[] COLUMNS = {"clip_id", "source", "start_sec", "end_sec", "frame_count"};
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final String TEMP_SUFFIX = ".tmp";

    private IndexFile() {}

    /**
     * Writes {@code index} to {@code file} atomically (parent folders are created).
     *
     * @throws IOException if writing fails; an existing file is then left unchanged
     */
    public static void write(EmbeddingIndex index, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        deleteStaleTemps(abs);
        Path tmp = AtomicFiles.createTemp(abs.getParent(), tempPrefix(abs), TEMP_SUFFIX);
        try {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                stored(zip, HEADER_ENTRY, headerJson(index).getBytes(StandardCharsets.UTF_8));
                stored(zip, ENTRIES_ENTRY, entriesCsv(index.entries()).getBytes(StandardCharsets.UTF_8));
                stored(zip, EMBEDDINGS_ENTRY, npyBytes(index));
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads an index file.
     *
     * @throws IOException if the file is missing, not an EgoLens index, of an unknown version, or inconsistent (the
     *                     message names the file and the entry or CSV line at fault)
     */
    public static EmbeddingIndex read(Path file) throws IOException {
        requireFile(file);
        try (ZipFile zip = openZip(file)) {
            JsonNode h = json(entry(zip, file, HEADER_ENTRY), file);
            IndexHeader header = parseHeader(h, file);
            List<IndexEntry> entries = parseEntries(new String(entry(zip, file, ENTRIES_ENTRY), StandardCharsets.UTF_8),
                    file);
            Npy.Array arr;
            try (InputStream in = zip.getInputStream(zip.getEntry(requireEntry(zip, file, EMBEDDINGS_ENTRY)))) {
                arr = Npy.read(in);
            } catch (RuntimeException e) {
                throw new IOException(file + ": bad " + EMBEDDINGS_ENTRY + ": " + e.getMessage(), e);
            }
            long[] shape = arr.shape();
            if (shape.length != 2 || shape[0] != entries.size() || shape[1] != header.embedDim()) {
                throw new IOException(file + ": " + EMBEDDINGS_ENTRY + " has shape " + Arrays.toString(shape)
                        + ", expected (" + entries.size() + ", " + header.embedDim() + ")");
            }
            if (h.has("count") && h.get("count").asInt() != entries.size()) {
                throw new IOException(file + ": header count " + h.get("count").asInt() + " but " + entries.size()
                        + " rows in " + ENTRIES_ENTRY);
            }
            float[] flat = floats(arr);
            try {
                return EmbeddingIndex.of(header, entries, flat);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private static void requireFile(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder, not an index file; give the .idx file (e.g. " + file.resolve(
                    ".egolens") + "/…idx for a workspace's own index)");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("index file not found: " + file);
        }
    }

    /** Reads only the header ({@code index.json}) of an index file, without loading the embeddings. */
    public static IndexHeader readHeader(Path file) throws IOException {
        requireFile(file);
        try (ZipFile zip = openZip(file)) {
            return parseHeader(json(entry(zip, file, HEADER_ENTRY), file), file);
        }
    }

    private static IndexHeader parseHeader(JsonNode h, Path file) throws IOException {
        if (!FORMAT.equals(h.path("format").asText())) {
            throw new IOException(file + ": " + HEADER_ENTRY + " is not an EgoLens index header (format '"
                    + h.path("format").asText() + "')");
        }
        int version = h.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IOException(file + ": index format version " + version + " is not supported (expected " + VERSION
                    + ")");
        }
        try {
            return new IndexHeader(text(h, "model_id", file), text(h, "config_hash", file), h.path("frames").asInt(),
                    h.path("image_size").asInt(), h.path("embed_dim").asInt(), Instant.parse(text(h, "created", file)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IOException(file + ": bad " + HEADER_ENTRY + ": " + e.getMessage(), e);
        }
    }

    private static ZipFile openZip(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not an EgoLens index (not a ZIP archive): " + e.getMessage(), e);
        }
    }

    private static String requireEntry(ZipFile zip, Path file, String name) throws IOException {
        if (zip.getEntry(name) == null) {
            throw new IOException(file + " is not an EgoLens index: entry '" + name + "' is missing");
        }
        return name;
    }

    private static byte[] entry(ZipFile zip, Path file, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(requireEntry(zip, file, name)))) {
            return in.readAllBytes();
        }
    }

    private static JsonNode json(byte[] bytes, Path file) throws IOException {
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": " + HEADER_ENTRY + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode h, String key, Path file) throws IOException {
        JsonNode v = h.get(key);
        if (v == null || !v.isTextual()) {
            throw new IOException(file + ": " + HEADER_ENTRY + " lacks the text field '" + key + "'");
        }
        return v.asText();
    }

    private static float[] floats(Npy.Array arr) throws IOException {
        if (arr.descr().endsWith("f4")) {
            float[] out = new float[Math.toIntExact(arr.size())];
            arr.data().duplicate().order(arr.data().order()).asFloatBuffer().get(out);
            return out;
        }
        return arr.toFloats();
    }

    static String headerJson(EmbeddingIndex index) throws IOException {
        IndexHeader h = index.header();
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("model_id", h.modelId());
        o.put("config_hash", h.configHash());
        o.put("frames", h.numFrames());
        o.put("image_size", h.imageSize());
        o.put("embed_dim", h.embedDim());
        o.put("created", h.created().toString());
        o.put("count", index.size());
        return JSON.writeValueAsString(o);
    }

    static String entriesCsv(List<IndexEntry> entries) throws IOException {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(COLUMNS).get())) {
            for (IndexEntry e : entries) {
                p.printRecord(e.clipId(), e.source().toString(), Double.toString(e.startSec()),
                        Double.toString(e.endSec()), Long.toString(e.frameCount()));
            }
        }
        return w.toString();
    }

    static List<IndexEntry> parseEntries(String csv, Path file) throws IOException {
        List<IndexEntry> out = new ArrayList<>();
        CSVFormat fmt = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = new StringReader(csv); CSVParser p = CSVParser.builder().setReader(r).setFormat(fmt).get()) {
            for (String c : COLUMNS) {
                if (!p.getHeaderMap().containsKey(c)) {
                    throw new IOException(file + ": " + ENTRIES_ENTRY + " lacks column '" + c + "'");
                }
            }
            for (CSVRecord rec : p) {
                try {
                    out.add(new IndexEntry(rec.get("clip_id"), Path.of(rec.get("source")),
                            Double.parseDouble(rec.get("start_sec")), Double.parseDouble(rec.get("end_sec")),
                            Long.parseLong(rec.get("frame_count"))));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": " + ENTRIES_ENTRY + " line " + (rec.getRecordNumber() + 1) + ": "
                            + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private static byte[] npyBytes(EmbeddingIndex index) throws IOException {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream(index.size() * index.dim() * 4 + 128);
        Npy.writeFloats(bos, index.embeddingsFlat(), index.size(), index.dim());
        return bos.toByteArray();
    }

    private static String tempPrefix(Path abs) {
        return "." + abs.getFileName();
    }

    /**
     * Deletes the temporary files that earlier writes of {@code abs} left when their process was killed before the
     * rename (each one as large as the index). Only one writer of an index file runs at a time.
     */
    private static void deleteStaleTemps(Path abs) throws IOException {
        String prefix = tempPrefix(abs);
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(abs.getParent(), p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX) && Files.isRegularFile(p);
        })) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
