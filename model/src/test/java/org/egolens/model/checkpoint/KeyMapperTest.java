package org.egolens.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.ModelPresets;
import org.egolens.model.nn.NewParameters;
import org.egolens.model.nn.StateDict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Key mapping (evaluation-and-formats.md §3.1, §4): other namings of the same tensors map back to exactly the EVA-CLIP
 * state dict, and a model loaded from them computes the same features; unmappable layouts are refused by name.
 */
class KeyMapperTest {
    private static Eva02AtClipModel source;
    private static Map<String, FloatTensor> eva;

    @BeforeAll
    static void model() {
        source = TinyCheckpoints.model(11);
        eva = TinyCheckpoints.imageStateDict(source);
    }

    @AfterAll
    static void close() {
        source.close();
    }

    /** timm's names for an EVA-CLIP key, written from the table in §4 (the inverse of timm's checkpoint filter). */
    private static String timmName(String k) {
        if (!k.startsWith("visual.")) {
            return k;
        }
        String t = k.replace(".attn.inner_attn_ln.", ".attn.norm.").replace(".attn.q_bias", ".attn.q_proj.bias")
                .replace(".attn.v_bias", ".attn.v_proj.bias").replace(".mlp.w1.", ".mlp.fc1_g.")
                .replace(".mlp.w2.", ".mlp.fc1_x.").replace(".mlp.ffn_ln.", ".mlp.norm.").replace(".mlp.w3.", ".mlp.fc2.");
        return "visual.trunk." + t.substring("visual.".length());
    }

    private static void assertSameTensors(Map<String, FloatTensor> expected, StateDict actual) throws IOException {
        assertEquals(expected.keySet(), actual.keys());
        for (Map.Entry<String, FloatTensor> e : expected.entrySet()) {
            assertArrayEquals(e.getValue().shape(), actual.shape(e.getKey()), e.getKey());
            assertArrayEquals(e.getValue().data(), actual.values(e.getKey()), e.getKey());
        }
    }

    private static void assertSameModel(StateDict mapped) throws IOException {
        FrameBatch clips = frames();
        long[][] ids = {{49406, 320, 1125, 49407, 0}};
        try (Eva02AtClipModel m = ModelFactory.fromStateDict("mapped", ModelPresets.get("tiny"), mapped,
                NewParameters.NONE, null, List.of())) {
            assertTrue(m.loadReport().orElseThrow().ok(), m.loadReport().orElseThrow().describeProblems());
            assertArrayEquals(Reference.flat(source.encodeImagesRaw(clips)), Reference.flat(m.encodeImagesRaw(clips)));
            assertArrayEquals(Reference.flat(source.encodeTokenIdsRaw(ids)), Reference.flat(m.encodeTokenIdsRaw(ids)));
        }
    }

    private static FrameBatch frames() {
        java.util.Random r = new java.util.Random(5);
        float[] v = new float[3 * 64 * 64];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new FrameBatch(v, 1, 3, 1, 64, 64);
    }

    @Test
    void evaClipNamesAreLeftAsTheyAre() throws IOException {
        MappedStateDict m = KeyMapper.map(StateDict.of(eva, "eva"));
        assertEquals(CheckpointLayout.EVA_CLIP, m.layout());
        assertSameTensors(eva, m);
        assertEquals(List.of("layout: " + CheckpointLayout.EVA_CLIP.description()), m.notes());
    }

    @Test
    void openClipTimmNamesMapToEvaClipNamesAndTheSameModel() throws IOException {
        Map<String, FloatTensor> timm = TinyCheckpoints.rename(eva, KeyMapperTest::timmName);
        assertTrue(timm.containsKey("visual.trunk.blocks.1.mlp.fc1_g.weight"));
        assertTrue(timm.containsKey("visual.trunk.blocks.0.attn.q_proj.bias"));
        MappedStateDict m = KeyMapper.map(StateDict.of(timm, "timm"));
        assertEquals(CheckpointLayout.OPEN_CLIP_TIMM, m.layout());
        assertSameTensors(eva, m);
        // 2 blocks: 2 LN params each for attn.norm and mlp.norm, 2 each for fc1_g/fc1_x/fc2, 1 q/v bias
        assertTrue(m.notes().contains("renamed 4 keys: blocks.N.attn.norm → attn.inner_attn_ln"), m.notes().toString());
        assertTrue(m.notes().contains("renamed 2 keys: blocks.N.attn.q_proj.bias → attn.q_bias"), m.notes().toString());
        assertTrue(m.notes().contains("renamed 4 keys: blocks.N.mlp.fc2 → mlp.w3"), m.notes().toString());
        assertSameModel(m);
    }

    @Test
    void openClipProjectionHeadWithoutBiasGetsAZeroBias() throws IOException {
        Map<String, FloatTensor> timm = new LinkedHashMap<>();
        eva.forEach((k, v) -> {
            if (k.equals("visual.head.weight")) {
                timm.put("visual.head.proj.weight", v);
            } else if (!k.equals("visual.head.bias")) {
                timm.put(timmName(k), v);
            }
        });
        MappedStateDict m = KeyMapper.map(StateDict.of(timm, "timm-proj"));
        assertArrayEquals(eva.get("visual.head.weight").data(), m.values("visual.head.weight"));
        assertArrayEquals(new float[32], m.values("visual.head.bias"));
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("visual.head.bias: zeros (32,)")), m.notes().toString());
    }

    @Test
    void topLevelTextTowerAndTextLogitScaleMoveUnderText() throws IOException {
        Map<String, FloatTensor> old = TinyCheckpoints.rename(eva, k -> k.equals("logit_scale") ? "text.logit_scale"
                : k.startsWith("text.") ? k.substring(5) : k);
        assertTrue(old.containsKey("token_embedding.weight") && old.containsKey("text_projection"));
        MappedStateDict m = KeyMapper.map(StateDict.of(old, "top-level text"));
        assertEquals(CheckpointLayout.EVA_CLIP, m.layout());
        assertSameTensors(eva, m);
        assertTrue(m.notes().contains("renamed 1 key: text.logit_scale → logit_scale"), m.notes().toString());
    }

    @Test
    void ddpPrefixOnEveryKeyIsStripped() throws IOException {
        MappedStateDict m = KeyMapper.map(StateDict.of(TinyCheckpoints.rename(eva, k -> "module." + k), "ddp"));
        assertSameTensors(eva, m);
        assertTrue(m.notes().contains("stripped 'module.' from every key (DistributedDataParallel)"));
    }

    @Test
    void avionContainerWithAnEvaTowerMapsProjectionsByTransposing() throws IOException {
        Map<String, FloatTensor> avion = new LinkedHashMap<>();
        FloatTensor temporal = new FloatTensor(new long[] {4, 128}, ramp(4 * 128));
        eva.forEach((k, v) -> {
            if (k.equals("visual.head.weight")) {
                avion.put("module.visual.image_projection", TinyCheckpoints.transpose(v)); // (W, E), x @ P
            } else if (k.equals("visual.head.bias")) {
                return; // AVION's projection has no bias
            } else if (k.startsWith("text.")) {
                avion.put("module.textual." + k.substring(5), v);
            } else {
                avion.put("module." + timmName(k).replace("visual.trunk.", "visual."), v);
            }
        });
        avion.put("module.visual.temporal_embedding", temporal);
        MappedStateDict m = KeyMapper.map(StateDict.of(avion, "avion-eva"));
        assertEquals(CheckpointLayout.AVION_EVA, m.layout());
        assertArrayEquals(eva.get("visual.head.weight").data(), m.values("visual.head.weight"), "transposed back");
        assertArrayEquals(new long[] {32, 128}, m.shape("visual.head.weight"));
        assertArrayEquals(new float[32], m.values("visual.head.bias"));
        assertArrayEquals(new long[] {1, 4, 128}, m.shape("visual.temporal_embed"));
        assertArrayEquals(temporal.data(), m.values("visual.temporal_embed"));
        assertArrayEquals(eva.get("text.text_projection").data(), m.values("text.text_projection"));
        Set<String> expected = new java.util.HashSet<>(eva.keySet());
        expected.add("visual.temporal_embed");
        assertEquals(expected, m.keys());
    }

    @Test
    void linearTextProjectionIsTransposed() throws IOException {
        Map<String, FloatTensor> sd = new LinkedHashMap<>(eva);
        sd.put("text.text_projection.weight", TinyCheckpoints.transpose(sd.remove("text.text_projection")));
        MappedStateDict m = KeyMapper.map(StateDict.of(sd, "linear proj"));
        assertSameTensors(eva, m);
    }

    @Test
    void avionPlainVitIsRefusedAsNotEva02() {
        Map<String, FloatTensor> sd = new LinkedHashMap<>();
        for (String k : List.of("module.visual.class_embedding", "module.visual.conv1.weight",
                "module.visual.transformer.resblocks.0.attn.in_proj_weight", "module.visual.image_projection",
                "module.textual.token_embedding.weight", "module.textual.text_projection", "module.logit_scale")) {
            sd.put(k, TinyCheckpoints.dummy());
        }
        UnsupportedCheckpointException e = assertThrows(UnsupportedCheckpointException.class,
                () -> KeyMapper.map(StateDict.of(sd, "avion_vitb16.pt")));
        assertEquals(CheckpointLayout.AVION_VIT, e.layout());
        assertTrue(e.getMessage().startsWith("avion_vitb16.pt is AVION CLIP with a plain ViT vision tower"),
                e.getMessage());
        assertTrue(e.getMessage().contains("not EVA02"), e.getMessage());
    }

    @Test
    void otherForeignLayoutsAreNamed() {
        assertLayout(CheckpointLayout.OPENAI_CLIP_VIT, "visual.conv1.weight", "visual.class_embedding",
                "token_embedding.weight", "text_projection");
        assertLayout(CheckpointLayout.LAVILA_TIMESFORMER, "visual.blocks.0.attn.qkv.weight",
                "visual.blocks.0.timeattn.qkv.weight", "token_embedding.weight", "image_projection");
        assertLayout(CheckpointLayout.EGOVLP, "video_model.blocks.0.attn.qkv.weight",
                "text_model.embeddings.word_embeddings.weight", "vid_proj.0.weight", "txt_proj.0.weight");
        assertLayout(CheckpointLayout.EVA_VISION_ONLY, "blocks.0.attn.q_proj.weight", "patch_embed.proj.weight");
        UnsupportedCheckpointException e = assertLayout(CheckpointLayout.UNKNOWN, "encoder.layer.0.weight");
        assertTrue(e.getMessage().contains("[encoder.layer.0.weight]"), e.getMessage());
    }

    private static UnsupportedCheckpointException assertLayout(CheckpointLayout want, String... keys) {
        Map<String, FloatTensor> sd = new LinkedHashMap<>();
        for (String k : keys) {
            sd.put(k, TinyCheckpoints.dummy());
        }
        UnsupportedCheckpointException e = assertThrows(UnsupportedCheckpointException.class,
                () -> KeyMapper.map(StateDict.of(sd, "x.pt")));
        assertEquals(want, e.layout(), e.getMessage());
        assertTrue(e.getMessage().contains(want.description()) && e.getMessage().contains(want.reason()),
                e.getMessage());
        return e;
    }

    @Test
    void twoKeysMappingToOneNameAreRefusedNamingBoth() {
        Map<String, FloatTensor> sd = TinyCheckpoints.rename(eva, KeyMapperTest::timmName);
        sd.put("visual.norm.weight", TinyCheckpoints.dummy());
        IOException e = assertThrows(IOException.class, () -> KeyMapper.map(StateDict.of(sd, "both")));
        assertTrue(e.getMessage().contains("'visual.trunk.norm.weight' and 'visual.norm.weight' both map to"
                + " 'visual.norm.weight'"), e.getMessage());
    }

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i % 29) * 0.001f;
        }
        return v;
    }
}
