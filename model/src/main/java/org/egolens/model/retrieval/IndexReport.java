package org.egolens.model.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.egolens.model.io.AtomicFiles;

/**
 * What an index build did, written beside the index as {@code <name>.report.json} (for {@code clips.idx}:
 * {@code clips.report.json}).
 *
 * @param indexFile     the index file written
 * @param modelId       model that embedded the clips
 * @param configHash    its config hash
 * @param numFrames     T, frames per clip
 * @param totalClips    clips requested
 * @param embedded      clips embedded by this run
 * @param resumed       clips taken from the journal of an interrupted run
 * @param reused        clips taken from the previous index file (same model, same window)
 * @param skipped       clips that could not be embedded, with reasons
 * @param seconds       wall time of this run, seconds
 * @param batchSize     B used
 * @param decodeThreads decode threads used
 */
public record IndexReport(Path indexFile, String modelId, String configHash, int numFrames, int totalClips, int embedded,
                          int resumed, int reused, List<SkippedClip> skipped, double seconds, int batchSize,
                          int decodeThreads) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Defensive copy of the skipped list. */
    public IndexReport {
        skipped = List.copyOf(skipped);
    }

    /** Clips in the index: embedded + resumed + reused. */
    public int indexedClips() {
        return embedded + resumed + reused;
    }

    /** Where the report of {@code indexFile} lives: its name without the last extension, plus {@code .report.json}. */
    public static Path fileFor(Path indexFile) {
        String name = indexFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return indexFile.resolveSibling(stem + ".report.json");
    }

    /** The report as JSON (snake_case keys; times in seconds). */
    public String toJson() throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("index_file", indexFile.toString());
        o.put("model_id", modelId);
        o.put("config_hash", configHash);
        o.put("frames", numFrames);
        o.put("total_clips", totalClips);
        o.put("indexed_clips", indexedClips());
        o.put("embedded", embedded);
        o.put("resumed", resumed);
        o.put("reused", reused);
        o.put("skipped_count", skipped.size());
        o.put("seconds", seconds);
        o.put("clips_per_second", seconds > 0 ? embedded / seconds : 0);
        o.put("batch_size", batchSize);
        o.put("decode_threads", decodeThreads);
        ArrayNode arr = o.putArray("skipped");
        for (SkippedClip s : skipped) {
            ObjectNode so = arr.addObject();
            so.put("clip_id", s.clipId());
            so.put("video", s.video().toString());
            so.put("start_sec", s.startSec());
            if (Double.isInfinite(s.endSec())) {
                so.putNull("end_sec");
            } else {
                so.put("end_sec", s.endSec());
            }
            so.put("reason", s.reason());
        }
        return JSON.writeValueAsString(o);
    }

    /** Writes {@link #toJson()} to {@code file} atomically. */
    public void write(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = AtomicFiles.createTemp(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, toJson());
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a report written by {@link #write}.
     *
     * @throws IOException if the file is missing or a field is absent (names the file and field)
     */
    public static IndexReport read(Path file) throws IOException {
        JsonNode o;
        try {
            o = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        List<SkippedClip> skipped = new ArrayList<>();
        for (JsonNode s : req(o, "skipped", file)) {
            JsonNode end = s.get("end_sec");
            skipped.add(new SkippedClip(req(s, "clip_id", file).asText(), Path.of(req(s, "video", file).asText()),
                    req(s, "start_sec", file).asDouble(),
                    end == null || end.isNull() ? Double.POSITIVE_INFINITY : end.asDouble(),
                    req(s, "reason", file).asText()));
        }
        return new IndexReport(Path.of(req(o, "index_file", file).asText()), req(o, "model_id", file).asText(),
                req(o, "config_hash", file).asText(), req(o, "frames", file).asInt(), req(o, "total_clips", file).asInt(),
                req(o, "embedded", file).asInt(), req(o, "resumed", file).asInt(), req(o, "reused", file).asInt(), skipped,
                req(o, "seconds", file).asDouble(), req(o, "batch_size", file).asInt(),
                req(o, "decode_threads", file).asInt());
    }

    private static JsonNode req(JsonNode o, String key, Path file) throws IOException {
        JsonNode v = o.get(key);
        if (v == null) {
            throw new IOException(file + ": index report lacks field '" + key + "'");
        }
        return v;
    }
}
