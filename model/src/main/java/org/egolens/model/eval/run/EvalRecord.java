package org.egolens.model.eval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.egolens.model.retrieval.SkippedClip;

/**
 * What an evaluation run was made with, written as {@code run.json} beside its {@code metrics.json}:
 * <pre>{@code {"format": "egolens-eval", "version": 1, "task": "ek100-mir", "model_id", "config_hash", "frames",
 *  "image_size", "embed_dim", "annotations", "auxiliary", "video_root", "created" (ISO-8601), "seconds",
 *  "clips", "embedded", "reused", "allow_missing", "templates", "index", "protocol",
 *  "missing": [{"clip_id", "video", "start_sec", "end_sec", "reason"}], "clamped_count", "clamped": [clip_id]}}</pre>
 * {@code clamped_count} and {@code clamped} were added later: a record without them reads as none clamped.
 *
 * @param task          the benchmark
 * @param modelId       preset name or model folder
 * @param configHash    the model's config hash
 * @param frames        T, frames per clip
 * @param imageSize     frame side, pixels
 * @param embedDim      D
 * @param annotations   the main annotation file
 * @param auxiliary     the second annotation file (sentences, classes), or null
 * @param videoRoot     the video folder
 * @param created       when the run finished
 * @param seconds       wall time of the run, seconds
 * @param clips         clips (windows) the task asked for
 * @param embedded      clips embedded by this run
 * @param reused        clips taken from an index file or journal
 * @param missing       clips that could not be embedded (evaluated without them only with {@code allowMissing})
 * @param clamped       ids of the evaluated clips whose window overhangs the end of its video and was clamped to the
 *                      last frame (evaluated, with fewer distinct frames than asked for)
 * @param allowMissing  whether missing clips were allowed
 * @param templates     whether class prompts were template-averaged
 * @param indexFile     the index file holding the clip embeddings, or null
 * @param protocol      one line on how the task was scored (sampling, similarity, deviations from the reference)
 */
public record EvalRecord(EvalTask task, String modelId, String configHash, int frames, int imageSize, int embedDim,
                         Path annotations, Path auxiliary, Path videoRoot, Instant created, double seconds, int clips,
                         int embedded, int reused, List<SkippedClip> missing, List<String> clamped,
                         boolean allowMissing, boolean templates, Path indexFile, String protocol) {
    /** Name of the file in a run folder. */
    public static final String FILE = "run.json";
    /** Value of {@code "format"}. */
    public static final String FORMAT = "egolens-eval";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Validates and copies. */
    public EvalRecord {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(configHash, "configHash");
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(videoRoot, "videoRoot");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(protocol, "protocol");
        missing = List.copyOf(missing);
        clamped = List.copyOf(clamped);
    }

    /** A short label, e.g. {@code ek100-mir · tiny · T=4}. */
    public String label() {
        return task.id() + " \u00b7 " + modelName() + " \u00b7 T=" + frames;
    }

    /** The model's short name: the preset, or the last folder name of a model folder. */
    public String modelName() {
        return modelName(modelId);
    }

    /** The short name of a preset or model folder (its last path segment). */
    static String modelName(String modelId) {
        int slash = Math.max(modelId.lastIndexOf('/'), modelId.lastIndexOf('\\'));
        return slash >= 0 && slash < modelId.length() - 1 ? modelId.substring(slash + 1) : modelId;
    }

    /** Writes {@code run.json} into {@code dir}. */
    public void write(Path dir) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("version", 1);
        o.put("task", task.id());
        o.put("model_id", modelId);
        o.put("config_hash", configHash);
        o.put("frames", frames);
        o.put("image_size", imageSize);
        o.put("embed_dim", embedDim);
        o.put("annotations", annotations.toString());
        if (auxiliary == null) {
            o.putNull("auxiliary");
        } else {
            o.put("auxiliary", auxiliary.toString());
        }
        o.put("video_root", videoRoot.toString());
        o.put("created", created.toString());
        o.put("seconds", seconds);
        o.put("clips", clips);
        o.put("embedded", embedded);
        o.put("reused", reused);
        o.put("allow_missing", allowMissing);
        o.put("templates", templates);
        if (indexFile == null) {
            o.putNull("index");
        } else {
            o.put("index", indexFile.toString());
        }
        o.put("protocol", protocol);
        ArrayNode arr = o.putArray("missing");
        for (SkippedClip s : missing) {
            ObjectNode m = arr.addObject();
            m.put("clip_id", s.clipId());
            m.put("video", s.video().toString());
            m.put("start_sec", s.startSec());
            if (Double.isInfinite(s.endSec())) {
                m.putNull("end_sec");
            } else {
                m.put("end_sec", s.endSec());
            }
            m.put("reason", s.reason());
        }
        o.put("clamped_count", clamped.size());
        ArrayNode cl = o.putArray("clamped");
        clamped.forEach(cl::add);
        Files.writeString(dir.resolve(FILE), JSON.writeValueAsString(o), StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code run.json} of a run folder.
     *
     * @throws IOException if it is missing, not JSON, of another format, or lacks a field (names the file and field)
     */
    public static EvalRecord read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        JsonNode o;
        try {
            o = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (o == null || !FORMAT.equals(o.path("format").asText())) {
            throw new IOException(file + ": not an EgoLens evaluation record (format '" + (o == null ? ""
                    : o.path("format").asText()) + "')");
        }
        try {
            List<SkippedClip> missing = new ArrayList<>();
            for (JsonNode m : o.path("missing")) {
                JsonNode end = m.get("end_sec");
                missing.add(new SkippedClip(text(m, "clip_id", file), Path.of(text(m, "video", file)),
                        m.path("start_sec").asDouble(), end == null || end.isNull() ? Double.POSITIVE_INFINITY
                                : end.asDouble(), text(m, "reason", file)));
            }
            List<String> clamped = new ArrayList<>();
            for (JsonNode c : o.path("clamped")) {
                clamped.add(c.asText());
            }
            JsonNode aux = o.get("auxiliary");
            JsonNode idx = o.get("index");
            return new EvalRecord(EvalTask.fromId(text(o, "task", file)), text(o, "model_id", file),
                    text(o, "config_hash", file), o.path("frames").asInt(), o.path("image_size").asInt(),
                    o.path("embed_dim").asInt(), Path.of(text(o, "annotations", file)),
                    aux == null || aux.isNull() ? null : Path.of(aux.asText()), Path.of(text(o, "video_root", file)),
                    Instant.parse(text(o, "created", file)), o.path("seconds").asDouble(), o.path("clips").asInt(),
                    o.path("embedded").asInt(), o.path("reused").asInt(), missing, clamped,
                    o.path("allow_missing").asBoolean(),
                    o.path("templates").asBoolean(), idx == null || idx.isNull() ? null : Path.of(idx.asText()),
                    o.path("protocol").asText(""));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String key, Path file) throws IOException {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual()) {
            throw new IOException(file + ": missing text field '" + key + "'");
        }
        return v.asText();
    }
}
