package org.egolens.model.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.ModelPresets;
import org.egolens.model.nn.WeightLoader;

/** Small state dicts for mapping tests: the {@code tiny} preset's parameters under EVA-CLIP names, renamed at will. */
final class TinyCheckpoints {
    private TinyCheckpoints() {}

    /** A randomly initialised tiny model (seed given), T = 4. */
    static Eva02AtClipModel model(long seed) {
        return ModelFactory.create(ModelPresets.get("tiny"), "tiny-" + seed, seed, null);
    }

    /** Its parameters under EVA-CLIP names, without {@code visual.temporal_embed} (an image checkpoint). */
    static Map<String, FloatTensor> imageStateDict(Eva02AtClipModel m) {
        Map<String, FloatTensor> sd = new LinkedHashMap<>(WeightLoader.export(m.block()));
        sd.remove(WeightLoader.TEMPORAL_EMBED);
        return sd;
    }

    /** Renames every key. */
    static Map<String, FloatTensor> rename(Map<String, FloatTensor> sd, UnaryOperator<String> f) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        sd.forEach((k, v) -> out.put(f.apply(k), v));
        return out;
    }

    /** A 2-D tensor transposed. */
    static FloatTensor transpose(FloatTensor t) {
        long[] s = t.shape();
        int r = (int) s[0];
        int c = (int) s[1];
        float[] out = new float[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[j * r + i] = t.data()[i * c + j];
            }
        }
        return new FloatTensor(new long[] {c, r}, out);
    }

    /** One-element placeholder for layout tests. */
    static FloatTensor dummy() {
        return new FloatTensor(new long[] {1}, new float[] {0.5f});
    }
}
