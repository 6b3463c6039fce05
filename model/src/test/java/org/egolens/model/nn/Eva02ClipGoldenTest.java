package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Set;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.io.Npy;
import org.egolens.model.io.SafetensorsFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image-text path against the golden reference (official EVA-CLIP code, torch 1.13, float32): the model is built from
 * the reference {@code config.json} and loaded from {@code model.safetensors}; every tap must agree within 1e-4 max abs.
 */
class Eva02ClipGoldenTest {
    private static final Logger LOG = LoggerFactory.getLogger(Eva02ClipGoldenTest.class);
    private static final double TOL = 1e-4;
    private static Eva02AtClipModel model;

    @BeforeAll
    static void open() throws IOException {
        ModelConfig cfg = ModelConfig.read(Golden.file("config.json"));
        NDManager m = NativeEngine.pytorch().newBaseManager();
        Eva02AtClip block = new Eva02AtClip(cfg);
        LoadReport r;
        try (SafetensorsFile f = SafetensorsFile.open(Golden.file("model.safetensors"))) {
            r = WeightLoader.initialize(block, StateDict.of(f), Set.of(), m, block.exampleInputShapes());
        }
        block.freezeParameters(true);
        model = new Eva02AtClipModel("eva02clip-tiny", block, m, null, r);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void loadReportMatchesEveryParameterAndIgnoresRopeBuffers() {
        LoadReport r = model.loadReport().orElseThrow();
        assertTrue(r.ok(), r.describeProblems());
        // 86 tensors in the file (README table): 6 rope buffers ignored, 80 loaded; temporal_embed is not in an image checkpoint
        assertEquals(80, r.matched().size());
        assertEquals(6, r.ignored().size());
        assertEquals(java.util.List.of(WeightLoader.TEMPORAL_EMBED), r.defaulted());
    }

    @Test
    void imageTokensInputAndBlock0() throws IOException {
        FrameBatch image = Golden.frames("image.npy");
        Npy.Array in = Golden.npy("image_tokens_input.npy");
        Npy.Array b0 = Golden.npy("image_tokens_block0.npy");
        Golden.assertShape(b0, 1, 17, 128);
        double d0 = Golden.assertClose("image_tokens_input", in.toFloats(),
                Golden.flat(model.visionTokens(image, false, 0)), TOL);
        double d1 = Golden.assertClose("image_tokens_block0", b0.toFloats(),
                Golden.flat(model.visionTokens(image, false, 1)), TOL);
        LOG.info("image tokens: input {} block0 {}", d0, d1);
    }

    @Test
    void imageFeatures() throws IOException {
        Npy.Array want = Golden.npy("image_features.npy");
        Golden.assertShape(want, 1, 32);
        double d = Golden.assertClose("image_features", want.toFloats(),
                Golden.flat(model.encodeImagesRaw(Golden.frames("image.npy"))), TOL);
        LOG.info("image_features max abs diff {}", d);
    }

    @Test
    void textTokensBlock0AndFeatures() throws IOException {
        long[][] ids = Golden.ids("text_ids.npy");
        double d0 = Golden.assertClose("text_tokens_block0", Golden.npy("text_tokens_block0.npy").toFloats(),
                Golden.flat(model.textTokens(ids, 1)), TOL);
        Npy.Array want = Golden.npy("text_features.npy");
        Golden.assertShape(want, 3, 32);
        double d1 = Golden.assertClose("text_features", want.toFloats(), Golden.flat(model.encodeTokenIdsRaw(ids)), TOL);
        LOG.info("text: block0 {} features {}", d0, d1);
    }

    @Test
    void logitsPerImage() throws IOException {
        float[][] img = model.encodeImages(Golden.frames("image.npy"));
        float[][] txt = model.encodeTokenIds(Golden.ids("text_ids.npy"));
        assertEquals(14.3891315, model.logitScale(), 1e-5, "exp(logit_scale) stated in the reference README");
        float[][] logits = Embeddings.scaledDot(model.logitScale(), img, txt);
        double d = Golden.assertClose("logits", Golden.npy("logits.npy").toFloats(), Golden.flat(logits), TOL);
        LOG.info("logits max abs diff {}", d);
    }
}
