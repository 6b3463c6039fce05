package org.egolens.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Sentence;
import org.egolens.model.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelevancyMatrixTest {
    @TempDir
    Path tmp;

    static Ek100Clip clip(String id, int verb, Integer... nouns) {
        List<Integer> n = List.of(nouns);
        return new Ek100Clip(id, "P01", "P01_01", OptionalDouble.empty(), 0, 1, 1, 30, "narration " + id, "v", verb,
                "n", n.get(0), n.stream().map(c -> "noun" + c).toList(), n);
    }

    private static final List<Ek100Clip> CLIPS = List.of(clip("c0", 1, 36, 36), clip("c1", 1, 36, 19), clip("c2", 2, 5, 6, 7));

    @Test
    void handComputedRelevancy() {
        List<Ek100Sentence> sentences = List.of(new Ek100Sentence("c1", "text is never used"),
                new Ek100Sentence("c2", "wash cooker"),
                // a train sentence: its own classes count, its id need not be a clip
                new Ek100Sentence("train_7", "cut", new Ek100Sentence.Labels(2, List.of(6, 7, 8), "cut", List.of("a", "b", "c")), 4));
        RelevancyMatrix r = RelevancyMatrix.build(CLIPS, sentences);
        assertEquals(3, r.videos());
        assertEquals(3, r.sentences());
        // c0 vs c1: same verb (1/2) + {36} vs {36,19} -> 1/2 of 1/2 (a repeated noun counts once)
        assertEquals(0.75, r.get(0, 0), 0);
        assertEquals(0.0, r.get(0, 1), 0);
        assertEquals(1.0, r.get(1, 0), 0);
        assertEquals(0.0, r.get(1, 1), 0);
        assertEquals(0.0, r.get(2, 0), 0);
        assertEquals(1.0, r.get(2, 1), 0);
        // c2 vs train sentence: same verb + {5,6,7} vs {6,7,8}: 2/4
        assertEquals(0.75, r.get(2, 2), 0);
        assertEquals(0.0, r.get(0, 2), 0);
    }

    @Test
    void unknownNarrationIdIsNamed() {
        Ek100Sentence orphan = new Ek100Sentence("P99_01_0", "x", null, 17);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RelevancyMatrix.build(CLIPS, List.of(orphan)));
        assertTrue(e.getMessage().contains("P99_01_0") && e.getMessage().contains("line 17"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MirTestSet.of(CLIPS, List.of(orphan)));
    }

    @Test
    void npyRoundTripAndValidation() throws IOException {
        RelevancyMatrix r = RelevancyMatrix.build(CLIPS, List.of(new Ek100Sentence("c0", "a"), new Ek100Sentence("c2", "b")));
        Path f = tmp.resolve("rel.npy");
        r.writeNpy(f);
        Npy.Array raw = Npy.read(f);
        assertEquals("<f4", raw.descr());
        assertArrayEquals(new long[] {3, 2}, raw.shape());
        RelevancyMatrix back = RelevancyMatrix.readNpy(f);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(r.get(i, j), back.get(i, j), 0);
            }
        }
        Path bad = tmp.resolve("bad.npy");
        Npy.writeDoubles(bad, new double[] {1, 240}, 1, 2);
        IOException e = assertThrows(IOException.class, () -> RelevancyMatrix.readNpy(bad));
        assertTrue(e.getMessage().contains("bad.npy") && e.getMessage().contains("240"), e.getMessage());
    }

    @Test
    void similarityColumnsArePickedByNarrationId() {
        MirTestSet set = MirTestSet.of(CLIPS, List.of(new Ek100Sentence("c2", "a"), new Ek100Sentence("c0", "b")));
        assertArrayEquals(new int[] {2, 0}, set.sentenceClipRows());
        // (videos, videos): S_full[i][k] = 10 i + k
        double[][] full = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                full[i][k] = 10 * i + k;
            }
        }
        DenseMatrix s = set.sentenceSimilarity(DenseMatrix.fromRows(full));
        assertEquals(2, s.cols());
        assertEquals(12.0, s.get(1, 0), 0);
        assertEquals(10.0, s.get(1, 1), 0);
        DenseMatrix already = DenseMatrix.fromRows(new double[3][2]);
        assertTrue(already == set.sentenceSimilarity(already));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> set.sentenceSimilarity(DenseMatrix.fromRows(new double[2][3])));
        assertTrue(e.getMessage().contains("(3, 2)"), e.getMessage());
    }
}
