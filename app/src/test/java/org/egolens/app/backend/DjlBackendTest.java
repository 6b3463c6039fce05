package org.egolens.app.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.inspect.AttentionMaps;
import org.egolens.model.inspect.AttentionProbe;
import org.egolens.model.inspect.QueryToken;
import org.junit.jupiter.api.Test;

/** The real backend (DJL + JavaCV) opens what the Attention tab and {@code egolens attention} need. */
class DjlBackendTest {
    @Test
    void opensAttentionCaptureOnTheVideoTower() throws IOException {
        try (AttentionProbe probe = new DjlBackend().openAttentionProbe("tiny", 4)) {
            // tiny: 64 px, patch 16, 2 blocks of 4 heads (ModelPresets), T = 4 as asked
            assertEquals(4, probe.numFrames());
            assertEquals(64, probe.imageSize());
            assertEquals(16, probe.patchSize());
            assertEquals(2, probe.layers());
            assertEquals(4, probe.heads());
            FrameBatch clip = new FrameBatch(new float[3 * 4 * 64 * 64], 1, 3, 4, 64, 64);
            AttentionMaps maps = probe.capture(clip, QueryToken.CLS, null);
            assertEquals(2, maps.layers());
            assertEquals(4, maps.heads());
        }
    }
}
