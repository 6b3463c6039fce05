package org.egolens.model.data.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MirrorPairScoreTest {
    @Test
    void handComputedScoreWithTie() {
        float[][] text = {{1, 0}, {0, 1}, {1, 1}};
        float[][] video = {{2, 0.5f}, {0.2f, 1}, {1, 1}};
        // clip 0: cos to [1,0] = .970 > cos to [0,1] = .243 → 1; clip 1: correct [1,0] .196 < [0,1] .981 → 0;
        // clip 2: [1,0] vs [0,1] both .707 → ½
        assertEquals(1.5 / 3, MirrorPairScore.score(video, text, new int[] {0, 0, 0}, new int[] {1, 1, 1}), 1e-12);
        assertEquals(1.0, MirrorPairScore.score(video, text, new int[] {0, 1, 2}, new int[] {1, 0, 0}), 1e-12);
    }

    @Test
    void anOrderBlindModelScoresExactlyHalfOnTwinPairs() {
        // twins share frames in reverse order, so an order-blind encoder gives them the same embedding
        List<MirrorPairSet.MirrorPair> pairs = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(3);
        List<ClipLabel> labels = ActionCatalog.all();
        float[][] video = new float[20][];
        for (int m = 0; m < 10; m++) {
            ClipLabel l = labels.get(rng.nextInt(labels.size()));
            pairs.add(pair("M01_01_" + 2 * m, l, "M01_01_" + (2 * m + 1)));
            pairs.add(pair("M01_01_" + (2 * m + 1), l.mirror(), "M01_01_" + 2 * m));
            float[] v = gaussian(rng, 16);
            video[2 * m] = v;
            video[2 * m + 1] = v.clone();
        }
        MirrorPairSet set = new MirrorPairSet(pairs);
        float[][] text = new float[set.sentences().size()][];
        for (int k = 0; k < text.length; k++) {
            text[k] = gaussian(rng, 16);
        }
        assertEquals(0.5, MirrorPairScore.score(video, text, set), 0.0);
    }

    @Test
    void rejectsMismatchedSizes() {
        float[][] v = {{1, 0}};
        float[][] t = {{1, 0}, {0, 1}};
        assertThrows(IllegalArgumentException.class, () -> MirrorPairScore.score(v, t, new int[] {0}, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> MirrorPairScore.score(v, t, new int[] {0}, new int[] {2}));
    }

    private static MirrorPairSet.MirrorPair pair(String id, ClipLabel l, String twin) {
        return new MirrorPairSet.MirrorPair(id, "M01", "M01_01", 0.1, 2.1, 2, 31, l.narration(),
                l.mirror().narration(), l.verbClass(), l.mirror().verbClass(), twin);
    }

    private static float[] gaussian(SplittableRandom rng, int d) {
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }
}
