package org.egolens.model.io.torch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The tensors of a checkpoint by parameter name, in checkpoint order, plus the non-tensor content of the container the
 * state dict was found in (for {@code {'epoch': 3, 'state_dict': {…}, 'args': None}}: {@code epoch} and {@code args}).
 */
public final class StateDict {
    private final String source;
    private final Map<String, TensorData> tensors;
    private final Map<String, Object> extras;
    private final String location;
    private final String strippedPrefix;

    /**
     * @param source the file it came from, for messages
     * @param tensors name → tensor, in checkpoint order (copied)
     * @param extras other entries of the enclosing containers, keyed by their path ({@code epoch},
     *     {@code model.step}); values are plain data, tensors there appear as {@link TensorRef} (not read)
     * @param location where the state dict was found, e.g. {@code ""} (top level) or {@code "state_dict"}
     * @param strippedPrefix the prefix removed from every key ({@code "module."} for DDP checkpoints), or {@code ""}
     */
    public StateDict(String source, Map<String, TensorData> tensors, Map<String, Object> extras, String location,
            String strippedPrefix) {
        this.source = Objects.requireNonNull(source, "source");
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
        this.location = Objects.requireNonNull(location, "location");
        this.strippedPrefix = Objects.requireNonNull(strippedPrefix, "strippedPrefix");
    }

    /** The file this state dict came from. */
    public String source() {
        return source;
    }

    /** Name → tensor, unmodifiable, in checkpoint order. */
    public Map<String, TensorData> tensors() {
        return tensors;
    }

    /** The parameter names in checkpoint order. */
    public Set<String> names() {
        return tensors.keySet();
    }

    /** Number of tensors. */
    public int size() {
        return tensors.size();
    }

    /** Total number of elements over all tensors. */
    public long totalElements() {
        return tensors.values().stream().mapToLong(TensorData::numel).sum();
    }

    /** The tensor called {@code name}, or {@code null}. */
    public TensorData get(String name) {
        return tensors.get(name);
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws IllegalArgumentException naming the file and the key when it is absent
     */
    public TensorData require(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(source + ": no tensor '" + name + "' in the state dict ("
                    + tensors.size() + " tensors)");
        }
        return t;
    }

    /** Non-tensor content of the enclosing containers (e.g. {@code epoch}, {@code args}), unmodifiable. */
    public Map<String, Object> extras() {
        return extras;
    }

    /** Where in the checkpoint the state dict was found: {@code ""} for the top level, else a dotted key path. */
    public String location() {
        return location;
    }

    /** The prefix stripped from every key ({@code "module."} for DDP checkpoints), or {@code ""}. */
    public String strippedPrefix() {
        return strippedPrefix;
    }

    @Override
    public String toString() {
        return "StateDict[" + source + ": " + tensors.size() + " tensors, " + totalElements() + " elements"
                + (location.isEmpty() ? "" : ", at '" + location + "'")
                + (strippedPrefix.isEmpty() ? "" : ", stripped '" + strippedPrefix + "'") + "]";
    }
}
