package org.egolens.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.egolens.model.nn.Eva02AtClip;
import org.egolens.model.nn.ModelConfig;
import org.egolens.model.nn.ModelPresets;
import org.egolens.model.nn.ParameterNames;
import org.egolens.model.nn.RopeMode;
import org.egolens.model.nn.StateDict;
import org.egolens.model.nn.TextConfig;
import org.egolens.model.nn.VisionConfig;
import org.junit.jupiter.api.Test;

/**
 * Config inference from shapes: the published EVA02-CLIP-B/16 and L/14 configs (evaluation-and-formats.md §3.5, §4) are
 * recovered from the shapes of their parameters alone; what cannot be read from shapes is stated as an assumption.
 */
class ConfigInferenceTest {
    /** A shapes-only state dict of a config (values are never read), without temporal_embed unless asked. */
    private static StateDict shapes(ModelConfig c, boolean temporal) {
        Map<String, long[]> s = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : ParameterNames.of(new Eva02AtClip(c)).entrySet()) {
            if (temporal || !e.getKey().equals("visual.temporal_embed")) {
                s.put(e.getKey(), e.getValue().getShape().getShape());
            }
        }
        return new StateDict() {
            @Override
            public String source() {
                return "shapes";
            }

            @Override
            public Set<String> keys() {
                return s.keySet();
            }

            @Override
            public long[] shape(String key) {
                return s.get(key);
            }

            @Override
            public float[] values(String key) {
                throw new AssertionError("inference must not read values");
            }
        };
    }

    private static ModelConfig eva02Clip(int embed, int patch, int layers, int width, int textWidth, int textHeads,
            int frames) {
        return new ModelConfig(embed, new VisionConfig(224, patch, layers, width, 64, 2.6667, 16, true, true, true, true,
                ""), new TextConfig(77, 49408, textWidth, textHeads, 12, 4.0), frames, RopeMode.ST, false);
    }

    @Test
    void eva02ClipB16IsRecovered() throws IOException {
        ModelConfig b16 = eva02Clip(512, 16, 12, 768, 512, 8, ModelConfig.DEFAULT_NUM_FRAMES);
        assertEquals(2048, b16.vision().mlpHidden(), "§3.5: SwiGLU hidden 2048");
        ConfigInference.Inferred inf = ConfigInference.infer(shapes(b16, false));
        assertEquals(b16, inf.config());
        assertTrue(inf.assumptions().get(0).contains("head counts are not stored"), inf.assumptions().toString());
    }

    @Test
    void eva02ClipL14AndTheVideoFrameCountAreRecovered() throws IOException {
        ModelConfig l14 = eva02Clip(768, 14, 24, 1024, 768, 12, 16);
        assertEquals(2730, l14.vision().mlpHidden());
        assertEquals(l14, ConfigInference.infer(shapes(l14, true)).config());
    }

    @Test
    void headWidthIsAnAssumptionThatTinyModelsBreak() throws IOException {
        ModelConfig tiny = ModelPresets.get("tiny");
        ModelConfig inferred = ConfigInference.infer(shapes(tiny, false)).config();
        assertEquals(tiny.vision().width(), inferred.vision().width());
        assertEquals(32, tiny.vision().headWidth());
        assertEquals(64, inferred.vision().headWidth(), "shapes cannot tell 4 heads of 32 from 2 heads of 64");
    }

    @Test
    void embedDimComesFromTheHead() {
        assertEquals(512, ConfigInference.embedDim(shapes(eva02Clip(512, 16, 12, 768, 512, 8, 4), false)).getAsInt());
    }

    @Test
    void aMissingKeyIsNamed() {
        StateDict sd = StateDict.of(Map.of("visual.cls_token", TinyCheckpoints.dummy()), "partial.pt");
        IOException e = assertThrows(IOException.class, () -> ConfigInference.infer(sd));
        assertTrue(e.getMessage().startsWith("partial.pt: 'visual.cls_token' has shape [1]"), e.getMessage());
    }
}
