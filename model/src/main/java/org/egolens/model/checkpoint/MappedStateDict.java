package org.egolens.model.checkpoint;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.egolens.model.nn.StateDict;

/**
 * A state dict seen under EVA-CLIP names: each key is a tensor of the underlying checkpoint, possibly renamed,
 * transposed or reshaped, or a synthesised zero tensor (e.g. the bias of a projection that has none). Values are read
 * lazily from the underlying state dict. Built by {@link KeyMapper}.
 */
public final class MappedStateDict implements StateDict {
    /** How a mapped tensor is produced from its source. */
    public enum Op {
        /** The source tensor as it is (possibly renamed). */
        COPY,
        /** A 2-D source transposed: {@code (a, b)} → {@code (b, a)} (projection matrices applied as {@code x @ P}). */
        TRANSPOSE,
        /** The source values with another shape of the same size (e.g. {@code (T, D)} → {@code (1, T, D)}). */
        RESHAPE,
        /** Zeros of the given shape; no source. */
        ZEROS
    }

    /**
     * One mapped tensor.
     *
     * @param sourceKey key in the underlying state dict (null for {@link Op#ZEROS})
     * @param op        how the values are produced
     * @param shape     the mapped shape
     */
    public record Source(String sourceKey, Op op, long[] shape) {
        /** @throws IllegalArgumentException if a non-ZEROS source has no key */
        public Source {
            if (op != Op.ZEROS && sourceKey == null) {
                throw new IllegalArgumentException(op + " needs a source key");
            }
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    private final StateDict source;
    private final Map<String, Source> entries;
    private final CheckpointLayout layout;
    private final List<String> notes;

    MappedStateDict(StateDict source, Map<String, Source> entries, CheckpointLayout layout, List<String> notes) {
        this.source = source;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.layout = layout;
        this.notes = List.copyOf(notes);
    }

    /** The recognised layout of the underlying checkpoint. */
    public CheckpointLayout layout() {
        return layout;
    }

    /** What the mapping did (layout, stripped prefixes, renamed groups, synthesised tensors), for the load report. */
    public List<String> notes() {
        return notes;
    }

    /** Mapped key → how it is produced, in checkpoint order. */
    public Map<String, Source> entries() {
        return entries;
    }

    /** The underlying (unmapped) state dict. */
    public StateDict underlying() {
        return source;
    }

    @Override
    public String source() {
        return source.source();
    }

    @Override
    public Set<String> keys() {
        return entries.keySet();
    }

    @Override
    public long[] shape(String key) {
        return entry(key).shape();
    }

    @Override
    public float[] values(String key) throws IOException {
        Source s = entry(key);
        long[] shape = s.shape();
        return switch (s.op()) {
            case COPY, RESHAPE -> source.values(s.sourceKey());
            case ZEROS -> new float[Math.toIntExact(numel(shape))];
            case TRANSPOSE -> transpose(source.values(s.sourceKey()), (int) shape[1], (int) shape[0]);
        };
    }

    private Source entry(String key) {
        Source s = entries.get(key);
        if (s == null) {
            throw new IllegalArgumentException(source.source() + ": no tensor '" + key + "' (after key mapping)");
        }
        return s;
    }

    /** {@code rows × cols} row-major → {@code cols × rows} row-major. */
    static float[] transpose(float[] v, int rows, int cols) {
        float[] out = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = v[r * cols + c];
            }
        }
        return out;
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
