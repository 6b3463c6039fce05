package org.egolens.app.workspace;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.egolens.model.data.ClipWindow;

/**
 * Reads clips from an EPIC-KITCHENS-100 annotation CSV (e.g. {@code EPIC_100_retrieval_test.csv}): one clip per row, id
 * {@code narration_id}, window {@code [start_timestamp, stop_timestamp]}, video found under a video root.
 *
 * <p>Columns used: {@code narration_id, participant_id, video_id, start_timestamp, stop_timestamp} (timestamps
 * {@code HH:MM:SS.ss}); {@code narration} is kept when present. The video of a row is the first existing file of
 * {@code <root>/<participant_id>/<video_id>.mp4}, {@code .MP4}, {@code <root>/<video_id>.mp4}, {@code .MP4}, else any
 * file named {@code <video_id>.mp4} (any case) below the root; when none exists the first candidate is used, so that
 * the index build reports it as missing.
 */
public final class Ek100Clips {
    private static final Pattern TIMESTAMP = Pattern.compile("(\\d+):(\\d{1,2}):(\\d{1,2}(?:\\.\\d+)?)");
    private static final String[] REQUIRED = {"narration_id", "participant_id", "video_id", "start_timestamp",
        "stop_timestamp"};

    /** A clip with its narration ({@code null} when the CSV has no {@code narration} column). */
    public record Row(ClipWindow clip, String narration) {}

    private Ek100Clips() {}

    /** The clips of {@code csv} in file order. @throws IOException as {@link #readRows} */
    public static List<ClipWindow> read(Path csv, Path videoRoot) throws IOException {
        return readRows(csv, videoRoot).stream().map(Row::clip).toList();
    }

    /**
     * Reads every row.
     *
     * @throws IOException if the file cannot be read, lacks a required column, or a row has a malformed or empty
     *                     window (the message names the file, line and column)
     */
    public static List<Row> readRows(Path csv, Path videoRoot) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new IOException("annotation file not found: " + csv);
        }
        VideoLocator videos = new VideoLocator(videoRoot);
        List<Row> out = new ArrayList<>();
        CSVFormat fmt = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.builder().setReader(r).setFormat(fmt).get()) {
            for (String c : REQUIRED) {
                if (!p.getHeaderMap().containsKey(c)) {
                    throw new IOException(csv + ": missing column '" + c + "' (header: " + p.getHeaderNames() + ")");
                }
            }
            boolean hasNarration = p.getHeaderMap().containsKey("narration");
            for (CSVRecord rec : p) {
                long line = rec.getRecordNumber() + 1; // header is line 1
                String id = rec.get("narration_id");
                double start = seconds(rec.get("start_timestamp"), csv, line, "start_timestamp");
                double stop = seconds(rec.get("stop_timestamp"), csv, line, "stop_timestamp");
                if (!(stop > start)) {
                    throw new IOException(csv + " line " + line + ": clip " + id + " has stop_timestamp "
                            + rec.get("stop_timestamp") + " not after start_timestamp " + rec.get("start_timestamp"));
                }
                Path video = videos.find(rec.get("participant_id"), rec.get("video_id"));
                out.add(new Row(new ClipWindow(id, video, start, stop), hasNarration ? rec.get("narration") : null));
            }
        }
        return out;
    }

    /**
     * Parses {@code HH:MM:SS} or {@code HH:MM:SS.fff} into seconds.
     *
     * @throws IOException naming file, line and column if malformed
     */
    static double seconds(String s, Path csv, long line, String column) throws IOException {
        Matcher m = TIMESTAMP.matcher(s.trim());
        if (!m.matches() || Integer.parseInt(m.group(2)) > 59 || Double.parseDouble(m.group(3)) >= 60) {
            throw new IOException(csv + " line " + line + ": " + column + " '" + s + "' is not HH:MM:SS.ss");
        }
        return Integer.parseInt(m.group(1)) * 3600.0 + Integer.parseInt(m.group(2)) * 60.0
                + Double.parseDouble(m.group(3));
    }

    /** Finds video files by participant and video id; walks the root at most once. */
    private static final class VideoLocator {
        private final Path root;
        private final Map<String, Path> found = new HashMap<>();
        private Map<String, Path> byStem;

        VideoLocator(Path root) {
            this.root = root;
        }

        Path find(String participant, String videoId) throws IOException {
            String key = participant + "/" + videoId;
            Path hit = found.get(key);
            if (hit != null) {
                return hit;
            }
            Path first = root.resolve(participant).resolve(videoId + ".mp4");
            for (Path c : List.of(first, root.resolve(participant).resolve(videoId + ".MP4"),
                    root.resolve(videoId + ".mp4"), root.resolve(videoId + ".MP4"))) {
                if (Files.isRegularFile(c)) {
                    found.put(key, c);
                    return c;
                }
            }
            Path walked = stems().get(videoId.toLowerCase(Locale.ROOT));
            Path result = walked != null ? walked : first;
            found.put(key, result);
            return result;
        }

        private Map<String, Path> stems() throws IOException {
            if (byStem == null) {
                byStem = new HashMap<>();
                if (Files.isDirectory(root)) {
                    try (Stream<Path> s = Files.walk(root, 4)) {
                        s.filter(Files::isRegularFile).sorted().forEach(p -> {
                            String n = p.getFileName().toString();
                            if (n.toLowerCase(Locale.ROOT).endsWith(".mp4")) {
                                byStem.putIfAbsent(n.substring(0, n.length() - 4).toLowerCase(Locale.ROOT), p);
                            }
                        });
                    }
                }
            }
            return byStem;
        }
    }
}
