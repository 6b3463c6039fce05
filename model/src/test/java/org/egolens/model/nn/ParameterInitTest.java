package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.Map;
import org.egolens.model.testing.Stats;
import org.junit.jupiter.api.Test;

/** The random init's stds: CLIP's text-tower formulas and EVA's per-block rescale, worked out by hand for tiny-demo. */
class ParameterInitTest {
    private static double std(Parameter p) {
        return Stats.std(p.getArray().toFloatArray());
    }

    @Test
    void textAndVisionStdsFollowClipAndEva() throws IOException {
        // tiny-demo: text width 128, 2 layers; vision 3 blocks
        TextConfig t = ModelPresets.get("tiny-demo").text();
        assertEquals(0.02f, ParameterInit.textStd("text.token_embedding.weight", t), 1e-7);
        assertEquals(0.01f, ParameterInit.textStd("text.positional_embedding", t), 1e-7);
        assertEquals(1 / Math.sqrt(128), ParameterInit.textStd("text.transformer.resblocks.1.attn.in_proj_weight", t),
                1e-6); // 0.0884
        assertEquals(1 / Math.sqrt(128) / 2, ParameterInit.textStd("text.transformer.resblocks.0.attn.out_proj.weight",
                t), 1e-6); // W^-1/2 (2L)^-1/2 = 0.0884 / 2
        assertEquals(1 / Math.sqrt(128) / 2, ParameterInit.textStd("text.transformer.resblocks.1.mlp.c_proj.weight", t),
                1e-6);
        assertEquals(1 / 16.0, ParameterInit.textStd("text.transformer.resblocks.0.mlp.c_fc.weight", t), 1e-6);
        assertEquals(1 / Math.sqrt(128), ParameterInit.textStd("text.text_projection", t), 1e-6);
        assertEquals(Math.sqrt(2), ParameterInit.visionRescale("visual.blocks.0.attn.proj.weight"), 1e-12);
        assertEquals(Math.sqrt(6), ParameterInit.visionRescale("visual.blocks.2.mlp.w3.weight"), 1e-12);
        assertEquals(1, ParameterInit.visionRescale("visual.blocks.2.mlp.w1.weight"), 0);
        assertEquals(1, ParameterInit.visionRescale("visual.blocks.2.attn.q_proj.weight"), 0);

        try (Eva02AtClipModel m = ModelFactory.open("tiny-demo")) {
            Map<String, Parameter> p = ParameterNames.of(m.block());
            assertEquals(1 / Math.sqrt(128) / 2, std(p.get("text.transformer.resblocks.0.attn.out_proj.weight")), 0.003);
            assertEquals(1 / 16.0, std(p.get("text.transformer.resblocks.0.mlp.c_fc.weight")), 0.003);
            // truncated at 2 std: a cut normal's std is 0.8796 of the uncut one
            assertEquals(0.02 * 0.8796 / Math.sqrt(6), std(p.get("visual.blocks.2.mlp.w3.weight")), 0.0005);
            assertEquals(0.02 * 0.8796, std(p.get("visual.blocks.2.mlp.w1.weight")), 0.0005);
        }
    }
}
