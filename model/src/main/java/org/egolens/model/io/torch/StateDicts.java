package org.egolens.model.io.torch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the state dict inside a checkpoint's object graph and normalises its keys, the way EVA-CLIP's
 * {@code load_checkpoint} and AVION do: a state dict may sit at the top level or inside (possibly nested) containers
 * under {@code state_dict}, {@code model} or {@code module}; a leading {@code module.} (DistributedDataParallel) is
 * stripped when every key has it.
 */
public final class StateDicts {
    private static final Logger LOG = LoggerFactory.getLogger(StateDicts.class);

    /** Container keys searched, in this order. */
    public static final List<String> CONTAINER_KEYS = List.of("state_dict", "model", "module");

    /** The DistributedDataParallel key prefix. */
    public static final String DDP_PREFIX = "module.";

    private StateDicts() {}

    /**
     * A located state dict before its tensors are read.
     *
     * @param tensors key → tensor ({@link TensorRef} or {@link TensorData}), prefix stripped, in checkpoint order
     * @param extras the other entries of every container on the way, keyed by dotted path (e.g. {@code epoch})
     * @param location the dotted path of the state dict ({@code ""} at the top level)
     * @param strippedPrefix what was stripped from every key ({@code "module."}, repeated for nested wrappers), or
     *     {@code ""}
     */
    public record Unwrapped(Map<String, Object> tensors, Map<String, Object> extras, String location,
            String strippedPrefix) {}

    /**
     * Locates the state dict in {@code root}: while the current map has a key from {@link #CONTAINER_KEYS} whose value
     * is a map, descends into it (other entries become extras); the map reached must hold tensors (or be empty). Its
     * non-tensor values (e.g. {@code _extra_state}) move to the extras. Then {@code module.} is stripped while every
     * key starts with it.
     *
     * @param root the checkpoint object graph ({@link TorchCheckpoint#root()})
     * @param source the file, for messages
     * @return the located state dict
     * @throws CheckpointFormatException naming the file and the keys found when there is no state dict
     */
    public static Unwrapped unwrap(Object root, String source) throws CheckpointFormatException {
        Map<String, Object> extras = new LinkedHashMap<>();
        Object node = root;
        String path = "";
        while (true) {
            if (!(node instanceof Map<?, ?> map)) {
                throw new CheckpointFormatException(source + ": no state dict" + at(path) + ": found "
                        + describe(node) + " instead of a dict of tensors");
            }
            String container = null;
            for (String k : CONTAINER_KEYS) {
                if (map.get(k) instanceof Map<?, ?>) {
                    container = k;
                    break;
                }
            }
            if (container != null) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!container.equals(e.getKey())) {
                        extras.put(path + e.getKey(), e.getValue());
                    }
                }
                node = map.get(container);
                path = path + container + ".";
                continue;
            }
            Map<String, Object> tensors = new LinkedHashMap<>();
            boolean anyTensor = false;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new CheckpointFormatException(source + ": state dict" + at(path) + " has a non-string key "
                            + describe(e.getKey()));
                }
                if (isTensor(e.getValue())) {
                    tensors.put(key, e.getValue());
                    anyTensor = true;
                } else {
                    extras.put(path + key, e.getValue());
                }
            }
            if (!anyTensor && !map.isEmpty()) {
                throw new CheckpointFormatException(source + ": no state dict" + at(path) + ": keys "
                        + firstKeys(map) + " hold no tensors and none of " + CONTAINER_KEYS + " holds a dict");
            }
            if (anyTensor && tensors.size() < map.size()) {
                LOG.warn("{}: state dict{} has {} non-tensor entries, kept as extras", source, at(path),
                        map.size() - tensors.size());
            }
            String location = path.isEmpty() ? "" : path.substring(0, path.length() - 1);
            StringBuilder stripped = new StringBuilder();
            while (!tensors.isEmpty() && allStartWith(tensors, DDP_PREFIX)) {
                tensors = stripPrefix(tensors, DDP_PREFIX);
                stripped.append(DDP_PREFIX);
            }
            return new Unwrapped(tensors, extras, location, stripped.toString());
        }
    }

    /**
     * A copy of {@code map} with {@code prefix} removed from every key that has it (other keys unchanged), order kept.
     *
     * @throws IllegalArgumentException if stripping makes two keys equal
     */
    public static <V> Map<String, V> stripPrefix(Map<String, V> map, String prefix) {
        Map<String, V> out = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : map.entrySet()) {
            String k = e.getKey().startsWith(prefix) ? e.getKey().substring(prefix.length()) : e.getKey();
            if (out.put(k, e.getValue()) != null) {
                throw new IllegalArgumentException("stripping '" + prefix + "' makes key '" + k + "' ambiguous");
            }
        }
        return out;
    }

    private static boolean allStartWith(Map<String, ?> map, String prefix) {
        for (String k : map.keySet()) {
            if (!k.startsWith(prefix) || k.length() == prefix.length()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTensor(Object v) {
        return v instanceof TensorRef || v instanceof TensorData;
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : " at '" + path.substring(0, path.length() - 1) + "'";
    }

    private static String firstKeys(Map<?, ?> map) {
        List<String> keys = new ArrayList<>();
        for (Object k : map.keySet()) {
            if (keys.size() == 20) {
                keys.add("…");
                break;
            }
            keys.add(String.valueOf(k));
        }
        return keys.toString();
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof List<?> l) {
            return "a list of " + l.size();
        }
        return "a " + o.getClass().getSimpleName();
    }
}
