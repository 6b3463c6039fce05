package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.egolens.model.io.FloatTensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Strict loading: refusals for missing / unexpected / mis-shaped keys, and the documented exceptions. */
class WeightLoaderTest {
    private static Eva02AtClipModel source;
    private static Eva02AtClipModel target;
    private static Map<String, FloatTensor> sd;

    @BeforeAll
    static void models() {
        source = ModelFactory.create(ModelPresets.get("tiny"), "source", 1, null);
        target = ModelFactory.create(ModelPresets.get("tiny"), "target", 2, null);
        sd = WeightLoader.export(source.block());
    }

    @AfterAll
    static void close() {
        source.close();
        target.close();
    }

    private static Map<String, FloatTensor> copy() {
        return new LinkedHashMap<>(sd);
    }

    private static float[] targetValue(String key) {
        return ParameterNames.of(target.block()).get(key).getArray().toFloatArray();
    }

    private static WeightLoadException refused(Map<String, FloatTensor> m) {
        float[] before = targetValue("visual.head.bias");
        WeightLoadException e = assertThrows(WeightLoadException.class,
                () -> WeightLoader.load(target.block(), StateDict.of(m, "test-dict")));
        assertArrayEquals(before, targetValue("visual.head.bias"), "nothing changed after a refusal");
        return e;
    }

    @Test
    void missingKeyIsRefusedAndListed() {
        Map<String, FloatTensor> m = copy();
        m.remove("visual.blocks.1.attn.q_bias");
        m.remove("text.ln_final.weight");
        WeightLoadException e = refused(m);
        assertEquals(List.of("visual.blocks.1.attn.q_bias", "text.ln_final.weight"), e.report().missing());
        assertTrue(e.getMessage().contains("visual.blocks.1.attn.q_bias"), e.getMessage());
    }

    @Test
    void unexpectedKeyIsRefused() {
        Map<String, FloatTensor> m = copy();
        m.put("visual.fc_norm.weight", new FloatTensor(new long[] {128}, new float[128]));
        WeightLoadException e = refused(m);
        assertEquals(List.of("visual.fc_norm.weight"), e.report().unexpected());
    }

    @Test
    void misShapedKeyIsRefused() {
        Map<String, FloatTensor> m = copy();
        m.put("visual.head.weight", new FloatTensor(new long[] {16, 128}, new float[16 * 128]));
        WeightLoadException e = refused(m);
        assertEquals(1, e.report().shapeMismatched().size());
        assertTrue(e.report().shapeMismatched().get(0).startsWith("visual.head.weight: checkpoint [16, 128] vs model"
                + " [32, 128]"), e.report().shapeMismatched().get(0));
    }

    @Test
    void keptKeysMayBeMisShaped() throws IOException {
        Map<String, FloatTensor> m = copy();
        m.put("visual.head.weight", new FloatTensor(new long[] {16, 128}, new float[16 * 128]));
        try (Eva02AtClipModel t = ModelFactory.create(ModelPresets.get("tiny"), "t", 3, null)) {
            float[] before = ParameterNames.of(t.block()).get("visual.head.weight").getArray().toFloatArray();
            LoadReport r = WeightLoader.load(t.block(), StateDict.of(m, "d"), Set.of("visual.head.weight"));
            assertEquals(List.of("visual.head.weight"), r.kept());
            assertArrayEquals(before, ParameterNames.of(t.block()).get("visual.head.weight").getArray().toFloatArray());
        }
    }

    @Test
    void ropeBuffersAndDdpPrefixAreHandledAndValuesArrive() throws IOException {
        Map<String, FloatTensor> m = new LinkedHashMap<>();
        sd.forEach((k, v) -> m.put("module." + k, v));
        m.put("module.visual.rope.freqs_cos", new FloatTensor(new long[] {16, 32}, new float[512]));
        m.put("module.visual.blocks.0.attn.rope.freqs_sin", new FloatTensor(new long[] {16, 32}, new float[512]));
        m.put("module.text.attn_mask", new FloatTensor(new long[] {77, 77}, new float[77 * 77]));
        try (Eva02AtClipModel t = ModelFactory.create(ModelPresets.get("tiny"), "t", 4, null)) {
            assertNotEquals(sd.get("visual.pos_embed"), WeightLoader.export(t.block()).get("visual.pos_embed"));
            LoadReport r = WeightLoader.load(t.block(), StateDict.of(m, "ddp"));
            assertEquals(3, r.ignored().size());
            assertEquals(sd.size(), r.matched().size());
            assertEquals(sd, WeightLoader.export(t.block()));
        }
    }

    @Test
    void ddpPrefixCollisionIsRefused() {
        Map<String, FloatTensor> m = copy();
        m.put("module.logit_scale", sd.get("logit_scale"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightLoader.check(target.block(), StateDict.of(m, "x"), Set.of()));
        assertTrue(e.getMessage().contains("module.logit_scale"), e.getMessage());
    }

    @Test
    void missingTemporalEmbedBecomesZeros() throws IOException {
        Map<String, FloatTensor> m = copy();
        m.remove(WeightLoader.TEMPORAL_EMBED);
        try (Eva02AtClipModel t = ModelFactory.create(ModelPresets.get("tiny"), "t", 5, null)) {
            ParameterNames.of(t.block()).get(WeightLoader.TEMPORAL_EMBED).getArray().set(filled(4 * 128, 3f));
            LoadReport r = WeightLoader.load(t.block(), StateDict.of(m, "image"));
            assertEquals(List.of(WeightLoader.TEMPORAL_EMBED), r.defaulted());
            for (float v : ParameterNames.of(t.block()).get(WeightLoader.TEMPORAL_EMBED).getArray().toFloatArray()) {
                assertEquals(0f, v);
            }
        }
    }

    @Test
    void temporalEmbedIsResampledLinearlyOverTime() throws IOException {
        int d = 128;
        float[] two = new float[2 * d];
        for (int c = 0; c < d; c++) {
            two[c] = c;
            two[d + c] = 10 + c;
        }
        Map<String, FloatTensor> m = copy();
        m.put(WeightLoader.TEMPORAL_EMBED, new FloatTensor(new long[] {1, 2, d}, two));
        try (Eva02AtClipModel t = ModelFactory.create(ModelPresets.get("tiny"), "t", 6, null)) {
            LoadReport r = WeightLoader.load(t.block(), StateDict.of(m, "2 frames"));
            assertEquals(List.of("visual.temporal_embed 2 -> 4 frames (bilinear)"), r.interpolated());
            float[] got = ParameterNames.of(t.block()).get(WeightLoader.TEMPORAL_EMBED).getArray().toFloatArray();
            // align_corners=False: source positions 0 (clamped), 0.25, 0.75, 1 (clamped)
            double[] wt = {0, 0.25, 0.75, 1};
            for (int i = 0; i < 4; i++) {
                for (int c = 0; c < d; c += 37) {
                    assertEquals(c + 10 * wt[i], got[i * d + c], 1e-5, "frame " + i + " channel " + c);
                }
            }
        }
    }

    @Test
    void resampleToSameLengthIsIdentity() {
        float[] x = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(x, WeightLoader.resampleTime(x, 3, 3, 2));
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
