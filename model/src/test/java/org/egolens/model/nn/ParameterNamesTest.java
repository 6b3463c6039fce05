package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.egolens.model.io.SafetensorsFile;
import org.egolens.model.io.TensorInfo;
import org.junit.jupiter.api.Test;

class ParameterNamesTest {
    /** Model names equal the EVA-CLIP keys of the reference checkpoint (minus RoPE buffers, plus temporal_embed). */
    @Test
    void namesAndShapesEqualTheEvaClipStateDict() throws IOException {
        Eva02AtClip block = new Eva02AtClip(ModelPresets.get("tiny"));
        Map<String, Parameter> names = ParameterNames.of(block);
        Set<String> want = new TreeSet<>();
        try (SafetensorsFile f = SafetensorsFile.open(Golden.file("model.safetensors"))) {
            for (TensorInfo t : f.tensors().values()) {
                if (!t.name().contains("rope.freqs")) {
                    want.add(t.name());
                    assertArrayEquals(t.shape(), names.get(t.name()).getShape().getShape(), t.name());
                }
            }
        }
        want.add("visual.temporal_embed");
        assertEquals(want, new TreeSet<>(names.keySet()));
        assertArrayEquals(new long[] {1, 4, 128}, names.get("visual.temporal_embed").getShape().getShape());
    }

    @Test
    void stripsExactlyTheDjlPositionPrefix() {
        assertEquals("blocks", ParameterNames.childName("02blocks", 1));
        assertEquals("0", ParameterNames.childName("010", 0));
        assertEquals("11", ParameterNames.childName("1211", 11));
        assertEquals("norm", ParameterNames.childName("norm", 3));
    }

    @Test
    void twentyFourBlocksKeepTheirIndices() {
        Eva02AtClip block = new Eva02AtClip(ModelPresets.get("eva02-at-l14"));
        Map<String, Parameter> names = ParameterNames.of(block);
        assertArrayEquals(new long[] {2730, 1024}, names.get("visual.blocks.23.mlp.w1.weight").getShape().getShape());
        assertArrayEquals(new long[] {2304, 768},
                names.get("text.transformer.resblocks.11.attn.in_proj_weight").getShape().getShape());
        assertArrayEquals(new long[] {1, 257, 1024}, names.get("visual.pos_embed").getShape().getShape());
    }
}
