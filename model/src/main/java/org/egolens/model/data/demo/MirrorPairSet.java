package org.egolens.model.data.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.egolens.model.data.ClipWindow;

/**
 * The mirror-pair test set ({@code mirror_pairs.csv}): clips of mirror verbs, each listed with its correct narration
 * and the narration of the mirror verb ("pick up cup" vs "put down cup"). Every clip's frames played backwards are
 * another clip of the set (its {@code twin_id}), so a model that ignores frame order ranks the two captions the same way
 * for both twins and scores exactly 50 % with {@link MirrorPairScore}.
 *
 * @param pairs the clips, in file order
 */
public record MirrorPairSet(List<MirrorPair> pairs) {
    /** File name inside a demo workspace. */
    public static final String FILE_NAME = "mirror_pairs.csv";
    /** CSV header. */
    public static final List<String> HEADER = List.of("narration_id", "participant_id", "video_id", "start_timestamp",
            "stop_timestamp", "start_frame", "stop_frame", "narration", "mirrored_narration", "verb_class",
            "mirrored_verb_class", "twin_id");

    /**
     * One mirror-test clip.
     *
     * @param narrationId       clip id, e.g. {@code M01_01_0}
     * @param participantId     e.g. {@code M01}
     * @param videoId           e.g. {@code M01_01}; the file is {@code videos/<participant>/<video>.mp4}
     * @param startSec          clip start, seconds
     * @param stopSec           clip end, seconds
     * @param startFrame        first frame, 1-based
     * @param stopFrame         last frame, 1-based inclusive
     * @param narration         the correct caption
     * @param mirroredNarration the caption of the mirror verb with the same nouns
     * @param verbClass         verb class of {@code narration}
     * @param mirroredVerbClass verb class of {@code mirroredNarration}
     * @param twinId            the clip whose frames are this clip's frames reversed
     */
    public record MirrorPair(String narrationId, String participantId, String videoId, double startSec,
            double stopSec, int startFrame, int stopFrame, String narration, String mirroredNarration, int verbClass,
            int mirroredVerbClass, String twinId) {
        List<String> values() {
            return List.of(narrationId, participantId, videoId, Ek100Format.timestamp2(startSec),
                    Ek100Format.timestamp2(stopSec), Integer.toString(startFrame), Integer.toString(stopFrame),
                    narration, mirroredNarration, Integer.toString(verbClass), Integer.toString(mirroredVerbClass),
                    twinId);
        }
    }

    /** Copies the list. */
    public MirrorPairSet {
        pairs = List.copyOf(pairs);
    }

    /** Writes the set as CSV (official EK-100 dialect). */
    public void write(Path file) throws IOException {
        DemoCsvWriter.write(file, HEADER, pairs.stream().map(MirrorPair::values).toList(), true);
    }

    /**
     * Reads a {@code mirror_pairs.csv}.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the file and line if a row is malformed or a twin is missing
     */
    public static MirrorPairSet read(Path file) throws IOException {
        List<MirrorPair> out = new ArrayList<>();
        CSVFormat fmt = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                var parser = fmt.parse(r)) {
            if (!parser.getHeaderNames().equals(HEADER)) {
                throw new IllegalArgumentException(file + ": header " + parser.getHeaderNames() + ", expected " + HEADER);
            }
            for (CSVRecord rec : parser) {
                try {
                    out.add(new MirrorPair(rec.get("narration_id"), rec.get("participant_id"), rec.get("video_id"),
                            Ek100Format.parseTimestamp(rec.get("start_timestamp")),
                            Ek100Format.parseTimestamp(rec.get("stop_timestamp")),
                            Integer.parseInt(rec.get("start_frame")), Integer.parseInt(rec.get("stop_frame")),
                            rec.get("narration"), rec.get("mirrored_narration"),
                            Integer.parseInt(rec.get("verb_class")), Integer.parseInt(rec.get("mirrored_verb_class")),
                            rec.get("twin_id")));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + (rec.getRecordNumber() + 1) + ": "
                            + e.getMessage(), e);
                }
            }
        }
        MirrorPairSet set = new MirrorPairSet(out);
        Map<String, MirrorPair> byId = new LinkedHashMap<>();
        set.pairs.forEach(p -> byId.put(p.narrationId(), p));
        for (MirrorPair p : set.pairs) {
            MirrorPair twin = byId.get(p.twinId());
            if (twin == null || !twin.twinId().equals(p.narrationId())
                    || !twin.narration().equals(p.mirroredNarration())) {
                throw new IllegalArgumentException(file + ": clip " + p.narrationId() + " has no matching twin "
                        + p.twinId());
            }
        }
        return set;
    }

    /** The distinct captions (correct and mirrored), in order of first use: the rows of the text embedding. */
    public List<String> sentences() {
        Map<String, Integer> idx = sentenceIndex();
        return List.copyOf(idx.keySet());
    }

    /** For each clip, the row of its correct caption in {@link #sentences()}. */
    public int[] correctIndex() {
        Map<String, Integer> idx = sentenceIndex();
        return pairs.stream().mapToInt(p -> idx.get(p.narration())).toArray();
    }

    /** For each clip, the row of its mirrored caption in {@link #sentences()}. */
    public int[] mirroredIndex() {
        Map<String, Integer> idx = sentenceIndex();
        return pairs.stream().mapToInt(p -> idx.get(p.mirroredNarration())).toArray();
    }

    /** The clips as windows of the video files under a demo workspace folder. */
    public List<ClipWindow> clipWindows(Path workspace) {
        return pairs.stream().map(p -> new ClipWindow(p.narrationId(),
                DemoDataset.videoFile(workspace, p.participantId(), p.videoId()), p.startSec(), p.stopSec())).toList();
    }

    private Map<String, Integer> sentenceIndex() {
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (MirrorPair p : pairs) {
            idx.putIfAbsent(p.narration(), idx.size());
            idx.putIfAbsent(p.mirroredNarration(), idx.size());
        }
        return idx;
    }
}
