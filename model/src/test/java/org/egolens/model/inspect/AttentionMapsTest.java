package org.egolens.model.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.nn.AttentionCapture;
import org.egolens.model.nn.AttentionRequest;
import org.egolens.model.nn.ModelFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link AttentionMaps} and {@link ModelAttentionProbe} on the tiny model (2 layers, 4 heads, T = 4, G = 4). */
class AttentionMapsTest {
    private static ModelAttentionProbe probe;
    private static FrameBatch clip;

    @BeforeAll
    static void open() throws IOException {
        probe = new ModelAttentionProbe(ModelFactory.open("tiny"));
        clip = randomClip(3);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    static FrameBatch randomClip(long seed) {
        Random r = new Random(seed);
        float[] v = new float[3 * 4 * 64 * 64];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new FrameBatch(v, 1, 3, 4, 64, 64);
    }

    @Test
    void mapsLayTheCapturedRowsOnThePatches() {
        List<Integer> layers = new ArrayList<>();
        AttentionMaps maps = probe.capture(clip, QueryToken.CLS, layers::add);
        assertEquals(List.of(0, 1), layers);
        assertEquals(new TokenGrid(4, 4), maps.grid());
        AttentionCapture c = maps.capture();
        assertTrue(c.request().allRows(), "the tiny model captures everything");
        QueryToken q = QueryToken.patch(2, 1, 3);
        int qi = maps.grid().index(q);
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 4; h++) {
                PatchMap m = maps.map(l, HeadSelection.head(h), q);
                float[] row = c.row(l, 0, h, qi);
                assertEquals(row[0], m.clsWeight());
                assertEquals(row[1 + 2 * 16 + 0 * 4 + 1], m.at(2, 0, 1));
                assertEquals(1.0, m.patchMass() + m.clsWeight(), 1e-5);
            }
            assertArrayEquals(c.headMeanRow(l, 0, qi), maps.row(l, HeadSelection.MEAN, q));
        }
        // rollout from CLS at the last layer is row 0 of Â_1·Â_0
        List<float[]> means = List.of(c.headMeanMatrix(0, 0), c.headMeanMatrix(1, 0));
        double[] r = AttentionRollout.matrix(means, 65, 1);
        float[] got = maps.row(1, HeadSelection.ROLLOUT, QueryToken.CLS);
        for (int j = 0; j < 65; j++) {
            assertEquals(r[j], got[j], 1e-6);
        }
        assertTrue(maps.supports(HeadSelection.head(3), q));
        assertFalse(maps.supports(HeadSelection.head(4), q));
        assertFalse(maps.supports(HeadSelection.MEAN, QueryToken.patch(4, 0, 0)));
    }

    /** The capture policy follows the memory limit; every policy shows the same numbers where it can. */
    @Test
    void largeCapturesFallBackToRowsOfTheQuery() throws IOException {
        QueryToken q = QueryToken.patch(1, 2, 2);
        AttentionMaps full = probe.capture(clip, q, null);
        // tiny: all = 2·5·65² floats = 169 000 B; rows = 2·(4·65 + 65²)·4 = 35 880 B; rowsOnly = 2 080 B
        try (ModelAttentionProbe mid = new ModelAttentionProbe(ModelFactory.open("tiny"), 100_000);
                ModelAttentionProbe small = new ModelAttentionProbe(ModelFactory.open("tiny"), 10_000);
                ModelAttentionProbe none = new ModelAttentionProbe(ModelFactory.open("tiny"), 1_000)) {
            assertEquals(AttentionRequest.rows(27).withMaxBytes(100_000), mid.requestFor(q));
            assertEquals(AttentionRequest.rowsOnly(27).withMaxBytes(10_000), small.requestFor(q));
            AttentionMaps rows = mid.capture(clip, q, null);
            AttentionMaps bare = small.capture(clip, q, null);
            for (HeadSelection s : new HeadSelection[] {HeadSelection.head(1), HeadSelection.MEAN, HeadSelection.ROLLOUT}) {
                assertArrayEquals(full.row(1, s, q), rows.row(1, s, q), 1e-6f, s.label());
            }
            assertArrayEquals(full.row(0, HeadSelection.MEAN, QueryToken.CLS), rows.row(0, HeadSelection.MEAN,
                    QueryToken.CLS), 1e-6f, "head means of any query with the matrices");
            assertFalse(rows.supports(HeadSelection.head(0), QueryToken.CLS));
            assertTrue(rows.supports(HeadSelection.ROLLOUT, QueryToken.CLS));
            assertFalse(bare.supports(HeadSelection.ROLLOUT, q));
            assertTrue(bare.supports(HeadSelection.MEAN, q));
            assertArrayEquals(full.row(1, HeadSelection.MEAN, q), bare.row(1, HeadSelection.MEAN, q), 1e-6f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> none.capture(clip, q, null));
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
        }
    }

    @Test
    void refusesBatchesAndQueriesOutsideTheClip() {
        FrameBatch two = FrameBatch.stack(List.of(clip, clip));
        assertThrows(IllegalArgumentException.class, () -> probe.capture(two, QueryToken.CLS, null));
        assertThrows(IllegalArgumentException.class, () -> probe.capture(clip, QueryToken.patch(0, 4, 0), null));
    }
}
