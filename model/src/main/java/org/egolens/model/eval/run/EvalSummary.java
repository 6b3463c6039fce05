package org.egolens.model.eval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One finished evaluation as listed for comparison: its folder, its {@code run.json} and the numbers of its
 * {@code metrics.json} flattened to dotted keys in file order, e.g. {@code mAP.v2t}, {@code nDCG.avg},
 * {@code excluded.mAP.t2v} (JSON {@code null} becomes NaN).
 *
 * @param dir     the run folder
 * @param record  what the run was made with
 * @param metrics flattened numbers of {@code metrics.json}
 */
public record EvalSummary(Path dir, EvalRecord record, Map<String, Double> metrics) {
    /** Name of the metrics file in a run folder. */
    public static final String METRICS_FILE = "metrics.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the map, keeping its order. */
    public EvalSummary {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(record, "record");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The value of a dotted key, NaN when absent or null. */
    public double metric(String key) {
        Double v = metrics.get(key);
        return v == null ? Double.NaN : v;
    }

    /**
     * Reads a run folder ({@code run.json} and {@code metrics.json}).
     *
     * @throws IOException if either file is missing or malformed (names the file)
     */
    public static EvalSummary read(Path dir) throws IOException {
        EvalRecord record = EvalRecord.read(dir);
        Path file = dir.resolve(METRICS_FILE);
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected a JSON object");
        }
        Map<String, Double> flat = new LinkedHashMap<>();
        flatten("", root, flat);
        return new EvalSummary(dir, record, flat);
    }

    /** Numeric (and null) leaves of {@code node} under {@code prefix}, depth first in file order. */
    static void flatten(String prefix, JsonNode node, Map<String, Double> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isNumber()) {
            out.put(prefix, node.asDouble());
        } else if (node.isNull()) {
            out.put(prefix, Double.NaN);
        }
    }
}
