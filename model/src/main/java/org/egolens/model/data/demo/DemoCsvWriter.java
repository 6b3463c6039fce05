package org.egolens.model.data.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the demo annotations in the byte layout of the official EK-100 MIR files (docs/evaluation-and-formats.md §2.5,
 * §5.1): retrieval CSVs sorted by {@code narration_id} as strings (the official order: {@code P01_11_10} before
 * {@code P01_11_2}), sentence CSVs holding every unique narration at its first appearance in that order, and class
 * tables without a final line break (as the official class files).
 */
public final class DemoCsvWriter {
    private DemoCsvWriter() {}

    /** Rows in the official order: {@code narration_id} compared as strings. */
    public static List<RetrievalRow> sorted(List<RetrievalRow> rows) {
        List<RetrievalRow> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(RetrievalRow::narrationId));
        return out;
    }

    /**
     * The sentence set of a split: for each unique narration, in order of first appearance in the sorted rows, the row
     * where it first appears. (The official generator also adds one sentence per action class that no unique narration
     * represents; in the demo a narration determines its classes, so there is none.)
     */
    public static List<RetrievalRow> sentences(List<RetrievalRow> rows) {
        Map<String, RetrievalRow> first = new LinkedHashMap<>();
        for (RetrievalRow r : sorted(rows)) {
            first.putIfAbsent(r.label().narration(), r);
        }
        return List.copyOf(first.values());
    }

    /** Writes {@code EPIC_100_retrieval_{train,test}.csv}. */
    public static void writeRetrieval(Path file, List<RetrievalRow> rows) throws IOException {
        write(file, Ek100Format.RETRIEVAL_HEADER, sorted(rows).stream().map(RetrievalRow::values).toList(), true);
    }

    /** Writes {@code EPIC_100_retrieval_test_sentence.csv}: {@code narration_id,narration}. */
    public static void writeTestSentences(Path file, List<RetrievalRow> rows) throws IOException {
        write(file, Ek100Format.TEST_SENTENCE_HEADER,
                sentences(rows).stream().map(r -> List.of(r.narrationId(), r.label().narration())).toList(), true);
    }

    /** Writes {@code EPIC_100_retrieval_train_sentence.csv}: {@code narration_id,narration,verb_class,noun_classes,verb,nouns}. */
    public static void writeTrainSentences(Path file, List<RetrievalRow> rows) throws IOException {
        write(file, Ek100Format.TRAIN_SENTENCE_HEADER, sentences(rows).stream().map(r -> List.of(r.narrationId(),
                r.label().narration(), Integer.toString(r.label().verbClass()),
                Ek100Format.intList(r.label().allNounClasses()), r.label().verb(),
                Ek100Format.stringList(r.label().nouns().stream().map(Noun::key).toList()))).toList(), true);
    }

    /** Writes the demo {@code EPIC_100_verb_classes.csv}. */
    public static void writeVerbClasses(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (VerbClass v : VerbClass.values()) {
            rows.add(List.of(Integer.toString(v.classId()), v.key(), Ek100Format.stringList(v.instances()),
                    v.category()));
        }
        write(file, Ek100Format.CLASS_HEADER, rows, false);
    }

    /** Writes the demo {@code EPIC_100_noun_classes.csv}. */
    public static void writeNounClasses(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Noun n : Noun.values()) {
            rows.add(List.of(Integer.toString(n.classId()), n.key(), Ek100Format.stringList(n.instances()),
                    n.category()));
        }
        write(file, Ek100Format.CLASS_HEADER, rows, false);
    }

    /** Writes a CSV with the official dialect; {@code finalNewline = false} drops the last line break. */
    static void write(Path file, List<String> header, List<List<String>> rows, boolean finalNewline)
            throws IOException {
        String text = toCsv(header, rows);
        if (!finalNewline && text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The CSV text of a header and rows in the official dialect. */
    static String toCsv(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, Ek100Format.CSV)) {
            p.printRecord(header);
            for (List<String> r : rows) {
                if (r.size() != header.size()) {
                    throw new IllegalArgumentException("row has " + r.size() + " values, header " + header.size()
                            + ": " + r);
                }
                p.printRecord(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }
}
