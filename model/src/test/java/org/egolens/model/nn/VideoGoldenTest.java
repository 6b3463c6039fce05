package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.io.Npy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EVA02-AT video path (ST-RoPE, temporal table) against the golden reference, opened the way the CLI does:
 * {@code ModelFactory.open(folder)} loads {@code model.safetensors} with {@code video_model.safetensors} laid over it.
 */
class VideoGoldenTest {
    private static final Logger LOG = LoggerFactory.getLogger(VideoGoldenTest.class);
    private static final double TOL = 1e-4;
    private static Eva02AtClipModel model;

    @BeforeAll
    static void open() throws IOException {
        model = ModelFactory.open(Golden.dir().toString(), 4, null);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void folderLoadTakesTemporalEmbedFromTheVideoCheckpoint() {
        LoadReport r = model.loadReport().orElseThrow();
        assertTrue(r.ok(), r.describeProblems());
        assertTrue(r.matched().contains(WeightLoader.TEMPORAL_EMBED));
        assertTrue(r.defaulted().isEmpty());
        ModelDescriptor d = model.descriptor();
        assertEquals(4, d.numFrames());
        assertEquals(64, d.imageSize());
        assertEquals(32, d.embedDim());
        assertEquals(model.config().hash(), d.configHash());
    }

    @Test
    void videoTokensAfterBlock0() throws IOException {
        Npy.Array want = Golden.npy("video_tokens_block0.npy");
        Golden.assertShape(want, 1, 65, 128);
        double d = Golden.assertClose("video_tokens_block0", want.toFloats(),
                Golden.flat(model.visionTokens(Golden.frames("frames.npy"), true, 1)), TOL);
        LOG.info("video_tokens_block0 max abs diff {}", d);
    }

    @Test
    void videoFeaturesRawAndNormalised() throws IOException {
        Npy.Array want = Golden.npy("video_features.npy");
        Golden.assertShape(want, 1, 32);
        FrameBatch frames = Golden.frames("frames.npy");
        float[][] raw = model.encodeVideosRaw(frames);
        double d = Golden.assertClose("video_features", want.toFloats(), Golden.flat(raw), TOL);
        LOG.info("video_features max abs diff {}", d);
        float[] w = want.toFloats();
        double n = 0;
        for (float v : w) {
            n += (double) v * v;
        }
        n = Math.sqrt(n);
        float[] unit = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            unit[i] = (float) (w[i] / n);
        }
        Golden.assertClose("normalised video_features", unit, model.encodeVideos(frames)[0], 1e-5);
    }

    @Test
    void batchOfTwoClipsEqualsTwoSingleClips() throws IOException {
        FrameBatch one = Golden.frames("frames.npy");
        float[] flipped = one.data().clone();
        for (int i = 0; i < flipped.length; i++) {
            flipped[i] = -0.5f * flipped[i];
        }
        FrameBatch other = new FrameBatch(flipped, 1, 3, 4, 64, 64);
        float[][] both = model.encodeVideosRaw(FrameBatch.stack(List.of(one, other)));
        Golden.assertClose("clip 0 in a batch", model.encodeVideosRaw(one)[0], both[0], 1e-5);
        Golden.assertClose("clip 1 in a batch", model.encodeVideosRaw(other)[0], both[1], 1e-5);
    }

    @Test
    void wrongFrameCountIsRefused() throws IOException {
        FrameBatch image = Golden.frames("image.npy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.encodeVideosRaw(image));
        assertTrue(e.getMessage().contains("(B, 3, 4, 64, 64)"), e.getMessage());
    }

    /** README: with T = 1 and a zero temporal table the video path reproduces the image path. */
    @Test
    void singleFrameVideoWithZeroTemporalTableEqualsImagePath() throws IOException {
        try (Eva02AtClipModel one = ModelFactory.load(Golden.dir(), 1, null, java.util.Set.of())) {
            // the 4-frame table is resampled to 1 frame; zero it to get the image model exactly
            one.block().visual().getDirectParameters().get("temporal_embed").getArray().set(new float[128]);
            FrameBatch image = Golden.frames("image.npy");
            Golden.assertClose("T=1 video vs image_features", Golden.npy("image_features.npy").toFloats(),
                    one.encodeVideosRaw(image)[0], TOL);
        }
    }
}
