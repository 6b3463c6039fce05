package org.egolens.model.data.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import org.egolens.model.data.FrameBatch;
import org.junit.jupiter.api.Test;

class DemoClipStreamTest {
    private static final DemoConfig CFG = DemoConfig.defaults().withVideo(48, 15);

    @Test
    void sampleIsAPureFunctionOfSeedEpochAndIndex() throws Exception {
        DemoClipStream a = new DemoClipStream(CFG, 4, DemoClipStream.Pixels.CLIP_NORMALISED);
        DemoClipStream b = new DemoClipStream(CFG, 4, DemoClipStream.Pixels.CLIP_NORMALISED);
        DemoSample x = a.sample(3, 17);
        DemoSample y = CompletableFuture.supplyAsync(() -> b.sample(3, 17)).get();
        assertArrayEquals(x.pixels(), y.pixels());
        assertEquals(x.narration(), y.narration());
        assertEquals(x.boxes(), y.boxes());
        // a new epoch draws new scenes
        DemoSample z = a.sample(4, 17);
        assertFalse(Arrays.equals(x.pixels(), z.pixels()));
        // another seed too
        DemoSample w = new DemoClipStream(CFG.withSeed(8), 4, DemoClipStream.Pixels.CLIP_NORMALISED).sample(3, 17);
        assertFalse(Arrays.equals(x.pixels(), w.pixels()));
    }

    @Test
    void shapeLabelsAndNormalisation() {
        DemoClipStream raw = new DemoClipStream(CFG, 4, DemoClipStream.Pixels.RGB_255);
        DemoClipStream norm = new DemoClipStream(CFG, 4, DemoClipStream.Pixels.CLIP_NORMALISED);
        DemoSample r = raw.sample(0, 5);
        DemoSample n = norm.sample(0, 5);
        FrameBatch fb = n.frameBatch();
        assertArrayEquals(new long[] {1, 3, 4, 48, 48}, fb.shape());
        float[] mean = {0.48145466f, 0.4578275f, 0.40821073f};
        float[] std = {0.26862954f, 0.26130258f, 0.27577711f};
        int plane = 48 * 48;
        for (int i = 0; i < r.pixels().length; i += 97) {
            int c = i / (4 * plane);
            float v = r.pixels()[i];
            assertEquals(Math.rint(v), v, 0.0);
            assertEquals((v / 255f - mean[c]) / std[c], n.pixels()[i], 1e-5);
        }
        assertEquals(n.label().verbClass(), n.verbClass());
        assertEquals(ClipLabel.of(n.label().action(), n.label().nouns().toArray(Noun[]::new)).narration(),
                n.narration());
        // segment centres of a 30-frame clip split into 4
        assertArrayEquals(new int[] {3, 11, 18, 26}, norm.frameIndices());
        // the pixels are the renderer's frames at those indices: red channel of frame 2 at pixel 0
        SceneRenderer renderer = new SceneRenderer(48);
        var img = renderer.render(r.spec(), SceneModel.at(r.spec(), ClipTime.ofFrame(18, 30))).image();
        assertEquals((img.getRGB(0, 0) >> 16) & 255, (int) r.pixels()[2 * plane]);
    }

    @Test
    void epochsCycleThroughAllVerbClasses() {
        Iterator<DemoSample> it = new DemoClipStream(CFG.withVideo(32, 4), 2, DemoClipStream.Pixels.RGB_255).epoch(1);
        int[] counts = new int[VerbClass.values().length];
        for (int i = 0; i < 20; i++) {
            counts[it.next().verbClass()]++;
        }
        for (int c : counts) {
            assertEquals(2, c);
        }
    }

    @Test
    void rejectsBadFrameCounts() {
        assertThrows(IllegalArgumentException.class, () -> new DemoClipStream(CFG, 0, DemoClipStream.Pixels.RGB_255));
        assertThrows(IllegalArgumentException.class, () -> new DemoClipStream(CFG, 31, DemoClipStream.Pixels.RGB_255));
    }
}
