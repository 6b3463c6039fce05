package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigTest {
    @TempDir
    Path tmp;

    @Test
    void referenceConfigParsesToTheTinyPreset() throws IOException {
        ModelConfig c = ModelConfig.read(Golden.file("config.json"));
        assertEquals(ModelPresets.get("tiny"), c);
        // README "Derived sizes"
        assertEquals(4, c.vision().heads());
        assertEquals(341, c.vision().mlpHidden());
        assertEquals(4, c.vision().grid());
        assertEquals(256, c.text().mlpHidden());
        assertEquals(RopeMode.ST, c.ropeMode());
        assertEquals(ModelConfig.DEFAULT_NUM_FRAMES, c.numFrames());
    }

    @Test
    void presetsHaveThePaperSizes() {
        ModelConfig b = ModelPresets.get("eva02-at-b16");
        assertEquals(12, b.vision().heads());
        assertEquals(2048, b.vision().mlpHidden());
        assertEquals(14, b.vision().grid());
        assertEquals(64, b.vision().headWidth());
        assertEquals(256, b.embedDim());
        ModelConfig l = ModelPresets.get("eva02-at-l14");
        assertEquals(16, l.vision().heads());
        assertEquals(2730, l.vision().mlpHidden());
        assertEquals(16, l.vision().grid());
        assertEquals(12, l.text().heads());
        assertEquals(768, l.text().width());
        ModelConfig d = ModelPresets.get("tiny-demo");
        assertEquals(4, d.numFrames());
        assertEquals(4, d.vision().heads());
        assertEquals(3, d.vision().layers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelPresets.get("huge"));
        assertTrue(e.getMessage().contains("eva02-at-b16"));
    }

    @Test
    void jsonRoundTripAndHash() {
        for (String name : ModelPresets.names()) {
            ModelConfig c = ModelPresets.get(name);
            assertEquals(c, ModelConfig.parse(c.toJson()), name);
            assertEquals(16, c.hash().length());
            assertEquals(c.hash(), ModelConfig.parse(c.toJson()).hash());
        }
        ModelConfig c = ModelPresets.get("eva02-at-b16");
        assertNotEquals(c.hash(), c.withNumFrames(4).hash());
        assertNotEquals(c.hash(), c.withRopeMode(RopeMode.SPATIAL).hash());
        String canon = c.canonicalJson();
        assertTrue(canon.startsWith("{\"custom_text\":true,\"embed_dim\":256,"), canon);
        assertTrue(canon.indexOf("\"rope_mode\":\"st\"") > 0, canon);
    }

    @Test
    void unknownFieldsAreToleratedAndExtrasParsed() {
        String json = "{\"embed_dim\": 8, \"something_new\": [1, 2], \"num_frames\": 16, \"rope_mode\": \"split3d\","
                + "\"vision_cfg\": {\"image_size\": 32, \"layers\": 1, \"width\": 64, \"head_width\": 16,"
                + "\"patch_size\": 16, \"mlp_ratio\": 2.0, \"naiveswiglu\": true, \"subln\": true, \"rope\": true,"
                + "\"intp_freq\": true, \"xattn\": true, \"fusedLN\": true, \"drop_path_rate\": 0.1},"
                + "\"text_cfg\": {\"width\": 32, \"heads\": 2, \"layers\": 1, \"fusedLN\": true}}";
        ModelConfig c = ModelConfig.parse(json);
        assertEquals(16, c.numFrames());
        assertEquals(RopeMode.SPLIT3D, c.ropeMode());
        assertEquals(128, c.vision().mlpHidden());
        assertEquals(77, c.text().contextLength());
        assertEquals(49408, c.text().vocabSize());
    }

    @Test
    void badConfigsAreRefusedNamingTheField() throws IOException {
        String base = "\"vision_cfg\": {\"image_size\": 32, \"layers\": 1, \"width\": 64, \"head_width\": 16,"
                + "\"patch_size\": 16, \"naiveswiglu\": true, \"subln\": true%s},"
                + "\"text_cfg\": {\"width\": 32, \"heads\": 2, \"layers\": 1}";
        assertMessage("{" + String.format(base, "") + "}", "embed_dim");
        assertMessage("{\"embed_dim\": 8, " + String.format(base, ", \"ls_init_value\": 0.1") + "}", "ls_init_value");
        assertMessage("{\"embed_dim\": 8, " + String.format(base, ", \"width\": \"wide\"") + "}", "vision_cfg.width");
        assertMessage("{\"embed_dim\": 8, \"rope_mode\": \"4d\", " + String.format(base, "") + "}", "rope_mode");
        assertMessage("{\"embed_dim\": 8, " + String.format(base, "").replace("\"naiveswiglu\": true",
                "\"naiveswiglu\": false") + "}", "naiveswiglu");
        Path bad = tmp.resolve("config.json");
        Files.writeString(bad, "{\"embed_dim\": 8");
        IOException e = assertThrows(IOException.class, () -> ModelConfig.read(bad));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    private static void assertMessage(String json, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.parse(json));
        assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' in: " + e.getMessage());
    }
}
