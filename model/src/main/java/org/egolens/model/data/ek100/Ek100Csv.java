package org.egolens.model.data.ek100;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.egolens.model.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the EPIC-KITCHENS-100 annotation CSVs (docs/evaluation-and-formats.md §5.1) with commons-csv:
 * RFC 4180 quoting (quoted fields, doubled quotes, embedded newlines), list columns as Python list literals,
 * timestamps {@code HH:MM:SS.ff}/{@code .fff}.
 *
 * <p>Every reader keeps file order, returns one record per data row, and reports bad input as an
 * {@link Ek100FormatException} naming the file, the line where the record starts, and the column. The writers produce
 * the official layout: header, LF line ends, quotes only where needed (as pandas writes), list columns as Python
 * literals, {@code start/stop_timestamp} with 2 and {@code narration_timestamp} with 3 fractional digits.
 */
public final class Ek100Csv {
    private static final Logger LOG = LoggerFactory.getLogger(Ek100Csv.class);

    /** The 15 columns of a clip file, in official order. */
    public static final List<String> CLIP_HEADER = List.of("narration_id", "participant_id", "video_id",
            "narration_timestamp", "start_timestamp", "stop_timestamp", "start_frame", "stop_frame", "narration", "verb",
            "verb_class", "noun", "noun_class", "all_nouns", "all_noun_classes");
    /** Columns of the test sentence file. */
    public static final List<String> TEST_SENTENCE_HEADER = List.of("narration_id", "narration");
    /** Columns of the train sentence file. */
    public static final List<String> TRAIN_SENTENCE_HEADER = List.of("narration_id", "narration", "verb_class",
            "noun_classes", "verb", "nouns");
    /** Columns of the verb and noun class files. */
    public static final List<String> CLASS_HEADER = List.of("id", "key", "instances", "category");

    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(false).get();
    private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private Ek100Csv() {}

    /**
     * Reads a clip file (15 columns, e.g. {@code EPIC_100_retrieval_test.csv}); rows in file order.
     *
     * @throws Ek100FormatException on a missing column, a malformed value or a repeated {@code narration_id}
     * @throws IOException          if the file cannot be read
     */
    public static List<Ek100Clip> readClips(Path file) throws IOException {
        List<Ek100Clip> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        read(file, CLIP_HEADER, row -> {
            String id = row.text("narration_id");
            Long first = seen.putIfAbsent(id, row.line);
            if (first != null) {
                throw row.error("narration_id", "repeats narration_id " + id + " of line " + first, null);
            }
            List<String> nouns = row.strings("all_nouns");
            List<Integer> nounClasses = row.ints("all_noun_classes");
            try {
                out.add(new Ek100Clip(id, row.text("participant_id"), row.text("video_id"),
                        row.optionalTimestamp("narration_timestamp"), row.timestamp("start_timestamp"),
                        row.timestamp("stop_timestamp"), row.integer("start_frame"), row.integer("stop_frame"),
                        row.text("narration"), row.text("verb"), row.integer("verb_class"), row.text("noun"),
                        row.integer("noun_class"), nouns, nounClasses, row.line));
            } catch (IllegalArgumentException e) {
                throw row.error(null, e.getMessage(), e);
            }
        });
        return List.copyOf(out);
    }

    /**
     * Reads a sentence file. A header with {@code verb_class} and {@code noun_classes} (the train file) fills
     * {@link Ek100Sentence#labels()}; otherwise (the test file) labels are {@code null}.
     *
     * @throws Ek100FormatException on a missing column or a malformed value
     * @throws IOException          if the file cannot be read
     */
    public static List<Ek100Sentence> readSentences(Path file) throws IOException {
        List<Ek100Sentence> out = new ArrayList<>();
        read(file, TEST_SENTENCE_HEADER, row -> {
            Ek100Sentence.Labels labels = null;
            if (row.has("verb_class") || row.has("noun_classes")) {
                for (String c : TRAIN_SENTENCE_HEADER) {
                    row.require(c);
                }
                try {
                    labels = new Ek100Sentence.Labels(row.integer("verb_class"), row.ints("noun_classes"),
                            row.text("verb"), row.strings("nouns"));
                } catch (IllegalArgumentException e) {
                    throw row.error(null, e.getMessage(), e);
                }
            }
            try {
                out.add(new Ek100Sentence(row.text("narration_id"), row.text("narration"), labels, row.line));
            } catch (IllegalArgumentException e) {
                throw row.error(null, e.getMessage(), e);
            }
        });
        return List.copyOf(out);
    }

    /**
     * Reads {@code EPIC_100_verb_classes.csv} or {@code EPIC_100_noun_classes.csv}; rows in file order.
     *
     * @throws Ek100FormatException on a missing column, a malformed value or a repeated id
     * @throws IOException          if the file cannot be read
     */
    public static List<Ek100Class> readClasses(Path file) throws IOException {
        List<Ek100Class> out = new ArrayList<>();
        Map<Integer, Long> seen = new HashMap<>();
        read(file, CLASS_HEADER, row -> {
            int id = row.integer("id");
            Long first = seen.putIfAbsent(id, row.line);
            if (first != null) {
                throw row.error("id", "repeats class id " + id + " of line " + first, null);
            }
            out.add(new Ek100Class(id, row.text("key"), row.strings("instances"), row.text("category"), row.line));
        });
        return List.copyOf(out);
    }

    /**
     * Writes a clip file in the official 15-column layout (atomically: temporary file, then rename). Times are written
     * at the official precision, rounded half up: {@code start/stop_timestamp} to 10 ms ({@code HH:MM:SS.ff}),
     * {@code narration_timestamp} to 1 ms ({@code HH:MM:SS.fff}); an absent narration time is an empty field.
     *
     * @throws IOException if the file cannot be written
     */
    public static void writeClips(Path file, List<Ek100Clip> clips) throws IOException {
        write(file, CLIP_HEADER, printer -> {
            for (Ek100Clip c : clips) {
                printer.printRecord(c.narrationId(), c.participantId(), c.videoId(),
                        c.narrationTimestamp().isPresent() ? Ek100Timestamp.format(c.narrationTimestamp().getAsDouble(), 3) : "",
                        Ek100Timestamp.format(c.startSec(), 2), Ek100Timestamp.format(c.stopSec(), 2),
                        c.startFrame(), c.stopFrame(), c.narration(), c.verb(), c.verbClass(), c.noun(), c.nounClass(),
                        PythonListLiteral.formatStrings(c.allNouns()), PythonListLiteral.formatInts(c.allNounClasses()));
            }
        });
    }

    /**
     * Writes a sentence file: the 6-column train layout when every sentence has labels, the 2-column test layout when
     * none has.
     *
     * @throws IllegalArgumentException if only some sentences have labels
     * @throws IOException              if the file cannot be written
     */
    public static void writeSentences(Path file, List<Ek100Sentence> sentences) throws IOException {
        long labelled = sentences.stream().filter(Ek100Sentence::hasLabels).count();
        if (labelled != 0 && labelled != sentences.size()) {
            throw new IllegalArgumentException(labelled + " of " + sentences.size()
                    + " sentences have class labels; a sentence file needs all or none");
        }
        boolean train = labelled > 0;
        write(file, train ? TRAIN_SENTENCE_HEADER : TEST_SENTENCE_HEADER, printer -> {
            for (Ek100Sentence s : sentences) {
                if (train) {
                    Ek100Sentence.Labels l = s.labels();
                    printer.printRecord(s.narrationId(), s.narration(), l.verbClass(),
                            PythonListLiteral.formatInts(l.nounClasses()), l.verb(), PythonListLiteral.formatStrings(l.nouns()));
                } else {
                    printer.printRecord(s.narrationId(), s.narration());
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    private interface RowHandler {
        void accept(Row row) throws Ek100FormatException;
    }

    private interface Body {
        void print(CSVPrinter printer) throws IOException;
    }

    private static void read(Path file, List<String> required, RowHandler handler) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            skipBom(reader);
            CSVParser parser;
            try {
                parser = READ.parse(reader);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new Ek100FormatException(file, 1, "bad header: " + e.getMessage(), e);
            }
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || header.isEmpty()) {
                throw new Ek100FormatException(file, 0, "empty file (no header line)", null);
            }
            List<String> missing = required.stream().filter(c -> !header.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new Ek100FormatException(file, 1, "missing column(s) " + missing + "; header is "
                        + parser.getHeaderNames(), null);
            }
            long previousEnd = parser.getCurrentLineNumber();
            long rows = 0;
            try {
                for (CSVRecord rec : parser) {
                    long start = previousEnd + 1;
                    previousEnd = parser.getCurrentLineNumber();
                    if (rec.size() == 1 && rec.get(0).isEmpty()) {
                        continue; // blank line
                    }
                    if (!rec.isConsistent()) {
                        throw new Ek100FormatException(file, start, "expected " + header.size() + " fields, found "
                                + rec.size(), null);
                    }
                    handler.accept(new Row(file, start, rec, header));
                    rows++;
                }
            } catch (UncheckedIOException e) {
                throw new Ek100FormatException(file, parser.getCurrentLineNumber() + 1,
                        "malformed CSV: " + e.getCause().getMessage(), e);
            }
            List<String> extra = parser.getHeaderNames().stream().filter(c -> !required.contains(c)
                    && !TRAIN_SENTENCE_HEADER.contains(c) && !CLIP_HEADER.contains(c)).toList();
            if (!extra.isEmpty()) {
                LOG.warn("{}: ignored unknown column(s) {}", file, extra);
            }
            LOG.debug("{}: {} rows", file, rows);
        }
    }

    private static void skipBom(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    private static void write(Path file, List<String> header, Body body) throws IOException {
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Path tmp = AtomicFiles.createTemp(abs.getParent(), abs.getFileName().toString(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(w, WRITE)) {
                printer.printRecord(header);
                body.print(printer);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One data record with typed, error-reporting accessors. */
    private static final class Row {
        final Path file;
        final long line;
        final CSVRecord rec;
        final Map<String, Integer> header;

        Row(Path file, long line, CSVRecord rec, Map<String, Integer> header) {
            this.file = file;
            this.line = line;
            this.rec = rec;
            this.header = header;
        }

        boolean has(String column) {
            return header.containsKey(column);
        }

        void require(String column) throws Ek100FormatException {
            if (!has(column)) {
                throw new Ek100FormatException(file, 1, "missing column " + column, null);
            }
        }

        Ek100FormatException error(String column, String detail, Throwable cause) {
            return new Ek100FormatException(file, line, (column == null ? "" : "column " + column + ": ") + detail, cause);
        }

        String text(String column) {
            return rec.get(column);
        }

        int integer(String column) throws Ek100FormatException {
            String v = text(column).trim();
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw error(column, "'" + v + "' is not an integer", e);
            }
        }

        double timestamp(String column) throws Ek100FormatException {
            try {
                return Ek100Timestamp.parseSeconds(text(column));
            } catch (IllegalArgumentException e) {
                throw error(column, e.getMessage(), e);
            }
        }

        OptionalDouble optionalTimestamp(String column) throws Ek100FormatException {
            return text(column).isBlank() ? OptionalDouble.empty() : OptionalDouble.of(timestamp(column));
        }

        List<String> strings(String column) throws Ek100FormatException {
            try {
                return PythonListLiteral.parseStrings(text(column));
            } catch (IllegalArgumentException e) {
                throw error(column, e.getMessage(), e);
            }
        }

        List<Integer> ints(String column) throws Ek100FormatException {
            try {
                return PythonListLiteral.parseInts(text(column));
            } catch (IllegalArgumentException e) {
                throw error(column, e.getMessage(), e);
            }
        }
    }
}
