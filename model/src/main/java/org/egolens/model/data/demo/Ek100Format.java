package org.egolens.model.data.demo;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Text conventions of the official EPIC-Kitchens-100 annotation CSVs (docs/evaluation-and-formats.md §5.1): comma
 * separated, LF line ends, quotes only where a value contains a comma, timestamps {@code HH:MM:SS.ff} (start/stop) and
 * {@code HH:MM:SS.fff} (narration), list columns as Python list literals ({@code ['cup', 'plate']}, {@code [0, 1]}).
 */
public final class Ek100Format {
    /** Header of {@code EPIC_100_retrieval_{train,test}.csv}. */
    public static final List<String> RETRIEVAL_HEADER = List.of("narration_id", "participant_id", "video_id",
            "narration_timestamp", "start_timestamp", "stop_timestamp", "start_frame", "stop_frame", "narration", "verb",
            "verb_class", "noun", "noun_class", "all_nouns", "all_noun_classes");
    /** Header of {@code EPIC_100_retrieval_test_sentence.csv}. */
    public static final List<String> TEST_SENTENCE_HEADER = List.of("narration_id", "narration");
    /** Header of {@code EPIC_100_retrieval_train_sentence.csv}. */
    public static final List<String> TRAIN_SENTENCE_HEADER = List.of("narration_id", "narration", "verb_class",
            "noun_classes", "verb", "nouns");
    /** Header of {@code EPIC_100_verb_classes.csv} and {@code EPIC_100_noun_classes.csv}. */
    public static final List<String> CLASS_HEADER = List.of("id", "key", "instances", "category");

    /** CSV dialect of the official files: minimal quoting with {@code "}, LF record separator. */
    public static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
            .setQuoteMode(QuoteMode.MINIMAL).get();

    private Ek100Format() {}

    /** {@code HH:MM:SS.ff}, rounded to the nearest hundredth of a second. @throws IllegalArgumentException if negative */
    public static String timestamp2(double seconds) {
        long cs = Math.round(checkTime(seconds) * 100);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%02d", cs / 360_000, cs / 6000 % 60, cs / 100 % 60, cs % 100);
    }

    /** {@code HH:MM:SS.fff}, rounded to the nearest millisecond. @throws IllegalArgumentException if negative */
    public static String timestamp3(double seconds) {
        long ms = Math.round(checkTime(seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                ms % 1000);
    }

    /**
     * Parses {@code HH:MM:SS.ff} or {@code HH:MM:SS.fff} to seconds.
     *
     * @throws IllegalArgumentException naming the text if it is not a timestamp
     */
    public static double parseTimestamp(String text) {
        String[] p = text.split(":");
        try {
            if (p.length == 3) {
                return Integer.parseInt(p[0]) * 3600.0 + Integer.parseInt(p[1]) * 60.0 + Double.parseDouble(p[2]);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("not an EK-100 timestamp (HH:MM:SS.ff): '" + text + "'");
    }

    /** Python list literal of strings: {@code ['cup', 'plate']}. */
    public static String stringList(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    /** Python list literal of integers: {@code [0, 1]}. */
    public static String intList(int... values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return sb.append(']').toString();
    }

    /**
     * Parses a Python list literal of integers such as {@code [3, 1]}.
     *
     * @throws IllegalArgumentException naming the text if it is not one
     */
    public static int[] parseIntList(String text) {
        String t = text.trim();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            throw new IllegalArgumentException("not a Python list of integers: '" + text + "'");
        }
        String body = t.substring(1, t.length() - 1).trim();
        if (body.isEmpty()) {
            return new int[0];
        }
        String[] parts = body.split(",");
        int[] out = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                out[i] = Integer.parseInt(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Python list of integers: '" + text + "'", e);
        }
        return out;
    }

    private static double checkTime(double s) {
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("timestamp must be a finite time >= 0 s, got " + s);
        }
        return s;
    }
}
