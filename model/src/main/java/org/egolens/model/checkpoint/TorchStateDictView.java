package org.egolens.model.checkpoint;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.egolens.model.io.torch.TensorData;
import org.egolens.model.io.torch.TensorRef;
import org.egolens.model.io.torch.TorchCheckpoint;
import org.egolens.model.nn.StateDict;

/**
 * The state dict of an open {@link TorchCheckpoint}, read one tensor at a time (a tensor's storage is decoded when its
 * values are asked for), so a large checkpoint never sits in the Java heap at once. Integer tensors are delivered as
 * floats. Valid while the checkpoint is open.
 */
final class TorchStateDictView implements StateDict {
    private final TorchCheckpoint checkpoint;
    private final Map<String, Object> tensors;

    /** @param tensors key → {@link TensorRef} or {@link TensorData}, from {@code StateDicts.unwrap} */
    TorchStateDictView(TorchCheckpoint checkpoint, Map<String, Object> tensors) {
        this.checkpoint = checkpoint;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    @Override
    public String source() {
        return checkpoint.file().toString();
    }

    @Override
    public Set<String> keys() {
        return tensors.keySet();
    }

    @Override
    public long[] shape(String key) {
        Object t = get(key);
        return t instanceof TensorRef r ? r.shape().clone() : ((TensorData) t).shape().clone();
    }

    @Override
    public float[] values(String key) throws IOException {
        Object t = get(key);
        TensorData d = t instanceof TensorRef r ? checkpoint.read(List.of(r)).get(r) : (TensorData) t;
        if (d.isFloating()) {
            return d.floats();
        }
        long[] l = d.longs();
        float[] f = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            f[i] = l[i];
        }
        return f;
    }

    private Object get(String key) {
        Object t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException(source() + ": no tensor '" + key + "'");
        }
        return t;
    }
}
