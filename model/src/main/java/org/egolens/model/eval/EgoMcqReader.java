package org.egolens.model.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.egolens.model.data.ek100.PythonListLiteral;

/**
 * Reads {@code egomcq.json} (docs §5.2): an object keyed {@code "0"}, {@code "1"}, … whose values hold {@code answer},
 * {@code query} (a clip record), {@code choices} (an object keyed {@code "0"}…{@code "4"}) and {@code types}.
 *
 * <p>Questions and choices are returned in numeric key order (the order the reference loaders index them). Clip times
 * may be JSON numbers or numeric strings; {@code tag_verb}/{@code tag_noun} may be JSON arrays or Python list literals
 * such as {@code "[93]"}, or absent.
 */
public final class EgoMcqReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EgoMcqReader() {}

    /**
     * Reads all questions.
     *
     * @throws IOException if the file is unreadable or malformed; the message names the file, the question key and the
     *                     field
     */
    public static List<EgoMcqQuestion> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected a JSON object keyed by question number");
        }
        List<EgoMcqQuestion> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> q : sortedEntries(root)) {
            String where = "question \"" + q.getKey() + "\"";
            try {
                out.add(question(q.getKey(), q.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + where + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    private static EgoMcqQuestion question(String key, JsonNode q) {
        if (!q.isObject()) {
            throw new IllegalArgumentException("expected an object");
        }
        int answer = integer(q, "answer");
        EgoMcqType type = EgoMcqType.fromCode(integer(q, "types"));
        EgoMcqClip query = clip(field(q, "query"), "query", true);
        JsonNode choicesNode = field(q, "choices");
        if (!choicesNode.isObject()) {
            throw new IllegalArgumentException("choices: expected an object keyed \"0\"…");
        }
        List<EgoMcqClip> choices = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> entries = sortedEntries(choicesNode);
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).getKey().equals(Integer.toString(i))) {
                throw new IllegalArgumentException("choices: keys must be \"0\"…\"" + (entries.size() - 1) + "\", found \""
                        + entries.get(i).getKey() + "\"");
            }
            choices.add(clip(entries.get(i).getValue(), "choices." + i, false));
        }
        return new EgoMcqQuestion(key, query, choices, answer, type);
    }

    private static EgoMcqClip clip(JsonNode c, String where, boolean textRequired) {
        if (!c.isObject()) {
            throw new IllegalArgumentException(where + ": expected a clip object");
        }
        JsonNode text = c.get("clip_text");
        if (textRequired && (text == null || !text.isTextual())) {
            throw new IllegalArgumentException(where + ".clip_text: missing");
        }
        JsonNode uid = field(c, "video_uid", where);
        return new EgoMcqClip(uid.asText(), number(c, "clip_start", where), number(c, "clip_end", where),
                text == null || text.isNull() ? "" : text.asText(), ids(c, "tag_verb", where), ids(c, "tag_noun", where));
    }

    /** The object's entries, in numeric key order when every key is a number, else in file order. */
    private static List<Map.Entry<String, JsonNode>> sortedEntries(JsonNode obj) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(obj.properties());
        boolean numeric = entries.stream().allMatch(e -> e.getKey().matches("\\d{1,9}"));
        if (numeric) {
            entries.sort(Comparator.comparingInt(e -> Integer.parseInt(e.getKey())));
        }
        return entries;
    }

    private static JsonNode field(JsonNode n, String name) {
        return field(n, name, null);
    }

    private static JsonNode field(JsonNode n, String name, String where) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException((where == null ? "" : where + ".") + name + ": missing");
        }
        return v;
    }

    private static int integer(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (v.canConvertToExactIntegral() && v.canConvertToInt()) {
            return v.asInt();
        }
        if (v.isTextual() && v.asText().trim().matches("-?\\d{1,9}")) {
            return Integer.parseInt(v.asText().trim());
        }
        throw new IllegalArgumentException(name + ": expected an integer, found " + v);
    }

    private static double number(JsonNode n, String name, String where) {
        JsonNode v = field(n, name, where);
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(where + "." + name + ": expected a number, found " + v);
    }

    private static List<Integer> ids(JsonNode n, String name, String where) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isArray()) {
            List<Integer> out = new ArrayList<>();
            for (JsonNode x : v) {
                if (!x.canConvertToExactIntegral()) {
                    throw new IllegalArgumentException(where + "." + name + ": expected integers, found " + x);
                }
                out.add(x.asInt());
            }
            return out;
        }
        if (v.isTextual()) {
            try {
                return PythonListLiteral.parseInts(v.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "." + name + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException(where + "." + name + ": expected a list of ids, found " + v);
    }
}
