package org.egolens.model.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Readers for the Charades-Ego files (docs §5.3): {@code Charades_v1_classes.txt} and the
 * {@code CharadesEgo_v1_*.csv} video tables (columns by name: {@code id, script, actions, length}; other columns are
 * ignored), and the multi-hot ground truth built from them.
 */
public final class CharadesEgoFiles {
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).get();

    private CharadesEgoFiles() {}

    /**
     * Reads the class list (one {@code cNNN text} per line; blank lines skipped).
     *
     * @throws IOException if unreadable, or a line is malformed or repeats an id (names the file and line)
     */
    public static List<CharadesClass> readClasses(Path file) throws IOException {
        List<CharadesClass> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            String id = space < 0 ? line : line.substring(0, space);
            if (space < 0 || !id.matches("c\\d{3}")) {
                throw new IOException(file + " line " + (i + 1) + ": expected 'cNNN class text', found '" + line + "'");
            }
            if (seen.putIfAbsent(id, i + 1) != null) {
                throw new IOException(file + " line " + (i + 1) + ": repeats class " + id + " of line " + seen.get(id));
            }
            out.add(new CharadesClass(out.size(), id, line.substring(space + 1).strip()));
        }
        return List.copyOf(out);
    }

    /**
     * Reads a Charades-Ego video table in file order.
     *
     * @throws IOException if unreadable, a required column is missing, or an {@code actions} entry or {@code length} is
     *                     malformed (names the file and line)
     */
    public static List<CharadesVideo> readVideos(Path file) throws IOException {
        List<CharadesVideo> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSV.parse(in)) {
            for (String c : List.of("id", "script", "actions", "length")) {
                if (!parser.getHeaderMap().containsKey(c)) {
                    throw new IOException(file + ": missing column " + c + "; header is " + parser.getHeaderNames());
                }
            }
            long previousEnd = parser.getCurrentLineNumber();
            for (CSVRecord rec : parser) {
                long line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                if (!rec.isConsistent()) {
                    throw new IOException(file + " line " + line + ": expected " + parser.getHeaderNames().size()
                            + " fields, found " + rec.size());
                }
                try {
                    out.add(new CharadesVideo(rec.get("id"), rec.get("script"), actions(rec.get("actions")),
                            Double.parseDouble(rec.get("length").trim()), line));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + " line " + line + ": " + e.getMessage(), e);
                }
            }
        } catch (UncheckedIOException e) {
            throw new IOException(file + ": malformed CSV: " + e.getCause().getMessage(), e);
        }
        return List.copyOf(out);
    }

    /** Parses {@code c092 11.90 21.20;c147 0.00 12.60} (empty text = no actions). */
    static List<CharadesAction> actions(String text) {
        List<CharadesAction> out = new ArrayList<>();
        for (String part : text.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            String[] f = p.split("\\s+");
            if (f.length != 3 || !f[0].matches("c\\d{3}")) {
                throw new IllegalArgumentException("actions: expected 'cNNN start end', found '" + p + "'");
            }
            try {
                out.add(new CharadesAction(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("actions: bad time in '" + p + "'", e);
            }
        }
        return out;
    }

    /**
     * Multi-hot ground truth {@code (videos, classes)}: {@code true} where the video has at least one action of the class.
     *
     * @throws IllegalArgumentException if a video names a class id not in {@code classes} (names the video and line)
     */
    public static boolean[][] labels(List<CharadesVideo> videos, List<CharadesClass> classes) {
        Map<String, Integer> column = new HashMap<>();
        for (CharadesClass c : classes) {
            column.put(c.id(), c.index());
        }
        boolean[][] out = new boolean[videos.size()][classes.size()];
        for (int v = 0; v < videos.size(); v++) {
            for (CharadesAction a : videos.get(v).actions()) {
                Integer c = column.get(a.classId());
                if (c == null) {
                    throw new IllegalArgumentException("video " + videos.get(v).id() + " (line " + videos.get(v).line()
                            + ") names unknown class " + a.classId());
                }
                out[v][c] = true;
            }
        }
        return out;
    }
}
