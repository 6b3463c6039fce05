package org.egolens.model.io.torch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the raw unpickled graph into the immutable plain-data form that {@link TorchCheckpoint#root()} exposes:
 * tuples become unmodifiable {@code List}s, Python ints become {@code Long} (or {@code BigInteger} beyond 64 bits),
 * dicts stay insertion-ordered, and every container is unmodifiable. Shared references stay shared; reference cycles
 * are kept. Nesting deeper than {@link #MAX_DEPTH} is refused.
 */
final class PickleGraph {
    /** Deepest container nesting accepted (checkpoints nest a handful of levels). */
    static final int MAX_DEPTH = 500;

    private final IdentityHashMap<Object, Object> done = new IdentityHashMap<>();
    private final String label;

    private PickleGraph(String label) {
        this.label = label;
    }

    /**
     * @param root the unpickled object
     * @param label the file, for messages
     * @return the frozen graph
     * @throws CheckpointFormatException if the graph nests deeper than {@link #MAX_DEPTH}
     */
    static Object freeze(Object root, String label) throws CheckpointFormatException {
        return new PickleGraph(label).convert(root, 0);
    }

    private Object convert(Object o, int depth) throws CheckpointFormatException {
        if (o == null || o instanceof String || o instanceof Long || o instanceof Double || o instanceof Boolean
                || o instanceof TensorRef || o instanceof TensorData || o instanceof StorageRef
                || o instanceof java.math.BigInteger) {
            return o;
        }
        if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof byte[] b) {
            return b;
        }
        Object seen = done.get(o);
        if (seen != null) {
            return seen;
        }
        if (depth > MAX_DEPTH) {
            throw new CheckpointFormatException(label + ": pickle nests deeper than " + MAX_DEPTH + " levels");
        }
        if (o instanceof Object[] tuple) {
            List<Object> items = new ArrayList<>(tuple.length);
            List<Object> view = Collections.unmodifiableList(items);
            done.put(o, view);
            for (Object x : tuple) {
                items.add(convert(x, depth + 1));
            }
            return view;
        }
        if (o instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            List<Object> view = Collections.unmodifiableList(items);
            done.put(o, view);
            for (Object x : list) {
                items.add(convert(x, depth + 1));
            }
            return view;
        }
        if (o instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            Map<Object, Object> view = Collections.unmodifiableMap(out);
            done.put(o, view);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(convert(e.getKey(), depth + 1), convert(e.getValue(), depth + 1));
            }
            return view;
        }
        if (o instanceof Set<?> set) {
            Set<Object> out = new LinkedHashSet<>();
            Set<Object> view = Collections.unmodifiableSet(out);
            done.put(o, view);
            for (Object x : (Collection<?>) set) {
                out.add(convert(x, depth + 1));
            }
            return view;
        }
        if (o instanceof PickledObject p) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            PickledObject copy = new PickledObject(p.global(), Collections.unmodifiableMap(attrs));
            done.put(o, copy);
            for (Map.Entry<String, Object> e : p.attributes().entrySet()) {
                attrs.put(e.getKey(), convert(e.getValue(), depth + 1));
            }
            return copy;
        }
        // floats come as Double, complex numbers and the like never pass the allowlist
        throw new CheckpointFormatException(label + ": unexpected value of type " + o.getClass().getName()
                + " in the pickle");
    }
}
