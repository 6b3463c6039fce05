package org.egolens.model.nn;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.io.SafetensorsFile;
import org.egolens.model.io.TensorInfo;

/**
 * A checkpoint seen as named float32 tensors (PyTorch state-dict keys), read lazily so large files are never fully in
 * the Java heap.
 */
public interface StateDict {
    /** Where the tensors come from (file name or description), for messages. */
    String source();

    /** Keys in checkpoint order. */
    Set<String> keys();

    /** Shape of one tensor (empty for a scalar). */
    long[] shape(String key);

    /**
     * The tensor's values as float32, C order.
     *
     * @throws IOException if they cannot be read (message names the source and key)
     */
    float[] values(String key) throws IOException;

    /** A state dict backed by Java arrays. */
    static StateDict of(Map<String, FloatTensor> tensors, String source) {
        Map<String, FloatTensor> copy = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        return new StateDict() {
            @Override
            public String source() {
                return source;
            }

            @Override
            public Set<String> keys() {
                return copy.keySet();
            }

            @Override
            public long[] shape(String key) {
                return copy.get(key).shape();
            }

            @Override
            public float[] values(String key) {
                return copy.get(key).data();
            }
        };
    }

    /** A state dict read from a safetensors file (F16/BF16 widened in Java); the file must stay open while it is used. */
    static StateDict of(SafetensorsFile file) {
        return new StateDict() {
            @Override
            public String source() {
                return file.path().toString();
            }

            @Override
            public Set<String> keys() {
                return file.tensors().keySet();
            }

            @Override
            public long[] shape(String key) {
                TensorInfo t = file.info(key);
                return t.shape();
            }

            @Override
            public float[] values(String key) throws IOException {
                return file.readFloats(key);
            }
        };
    }

    /**
     * {@code top} laid over {@code base}: a key present in both is taken from {@code top} (e.g. a video checkpoint holding
     * {@code visual.*} and {@code visual.temporal_embed} over the image-text checkpoint it was made from).
     */
    static StateDict overlay(StateDict base, StateDict top) {
        Set<String> keys = new LinkedHashSet<>(base.keys());
        keys.addAll(top.keys());
        Set<String> view = Collections.unmodifiableSet(keys);
        String src = base.source() + " + " + top.source();
        return new StateDict() {
            @Override
            public String source() {
                return src;
            }

            @Override
            public Set<String> keys() {
                return view;
            }

            @Override
            public long[] shape(String key) {
                return top.keys().contains(key) ? top.shape(key) : base.shape(key);
            }

            @Override
            public float[] values(String key) throws IOException {
                return top.keys().contains(key) ? top.values(key) : base.values(key);
            }
        };
    }
}
