package org.egolens.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference rows of docs §2.6 on the official EK-100 test CSVs. V (verb equal) and N (noun-set Jaccard) are computed
 * here, independently of {@link RelevancyMatrix}, and the tie-breaker t makes every row and column tie-free.
 */
class MirReferenceValuesTest {
    static final int VIDEOS = 9_668;
    static final int SENTENCES = 3_842;
    private static MirTestSet set;
    private static RelevancyMatrix relevancy;
    private static double[] verbEqual;
    private static double[] nounJaccard;

    @BeforeAll
    static void load() throws Exception {
        set = MirTestSet.load(SharedData.require("ek100/retrieval_annotations/EPIC_100_retrieval_test.csv"),
                SharedData.require("ek100/retrieval_annotations/EPIC_100_retrieval_test_sentence.csv"));
        relevancy = set.relevancy();
        List<Ek100Clip> clips = set.clips();
        int[] rows = set.sentenceClipRows();
        int[][] nouns = clips.stream().map(c -> c.allNounClasses().stream().mapToInt(Integer::intValue).distinct().sorted()
                .toArray()).toArray(int[][]::new);
        verbEqual = new double[VIDEOS * SENTENCES];
        nounJaccard = new double[VIDEOS * SENTENCES];
        int[] verbs = clips.stream().mapToInt(Ek100Clip::verbClass).toArray();
        IntStream.range(0, VIDEOS).parallel().forEach(i -> {
            for (int j = 0; j < SENTENCES; j++) {
                verbEqual[i * SENTENCES + j] = verbs[i] == verbs[rows[j]] ? 1 : 0;
                nounJaccard[i * SENTENCES + j] = jaccard(nouns[i], nouns[rows[j]]);
            }
        });
    }

    /** |a ∩ b| / |a ∪ b| of two sorted, distinct arrays. */
    static double jaccard(int[] a, int[] b) {
        int inter = 0;
        for (int x = 0, y = 0; x < a.length && y < b.length; ) {
            if (a[x] == b[y]) {
                inter++;
                x++;
                y++;
            } else if (a[x] < b[y]) {
                x++;
            } else {
                y++;
            }
        }
        return (double) inter / (a.length + b.length - inter);
    }

    static double tieBreaker(int i, int j) {
        return ((7L * i + 13L * j) % 10007) / 10007.0 * 1e-6;
    }

    private static DenseMatrix similarity(double nounWeight) {
        double[] s = new double[VIDEOS * SENTENCES];
        IntStream.range(0, VIDEOS).parallel().forEach(i -> {
            for (int j = 0; j < SENTENCES; j++) {
                int k = i * SENTENCES + j;
                s[k] = verbEqual[k] + nounWeight * nounJaccard[k] + tieBreaker(i, j);
            }
        });
        return DenseMatrix.ofDoubles(VIDEOS, SENTENCES, s);
    }

    @Test
    void relevancyIsHalfVerbPlusHalfNounJaccard() {
        assertEquals(VIDEOS, relevancy.videos());
        assertEquals(SENTENCES, relevancy.sentences());
        for (int i = 0; i < VIDEOS; i++) {
            for (int j = 0; j < SENTENCES; j++) {
                int k = i * SENTENCES + j;
                double expected = (verbEqual[k] + nounJaccard[k]) / 2;
                if (Math.abs(relevancy.get(i, j) - expected) > 1e-7) {
                    throw new AssertionError("R[" + i + "," + j + "] = " + relevancy.get(i, j) + ", expected " + expected);
                }
            }
        }
        // a sentence is the narration of its own clip: relevancy exactly 1 there
        int[] rows = set.sentenceClipRows();
        for (int j = 0; j < SENTENCES; j++) {
            assertEquals(1.0, relevancy.get(rows[j], j), 0.0);
        }
    }

    @Test
    void orderEquivalentSimilarityScoresOne() {
        MirResult r = MirMetrics.evaluate(similarity(0.5), relevancy);
        for (double v : new double[] {r.mAP().v2t(), r.mAP().t2v(), r.mAP().avg(), r.nDCG().v2t(), r.nDCG().t2v(), r.nDCG().avg()}) {
            assertEquals(1.0, v, 1e-6);
        }
        assertEquals(new MirResult.Excluded(0, 0, 0, 0), r.excluded());
    }

    @Test
    void verbOnlySimilarityMatchesReference() {
        DenseMatrix s = similarity(0.0);
        MirResult r = MirMetrics.evaluate(s, relevancy);
        assertEquals(0.546568, r.mAP().v2t(), 1e-6);
        assertEquals(0.544248, r.mAP().t2v(), 1e-6);
        assertEquals(0.545408, r.mAP().avg(), 1e-6);
        assertEquals(0.822733, r.nDCG().v2t(), 1e-6);
        assertEquals(0.809385, r.nDCG().t2v(), 1e-6);
        assertEquals(0.816059, r.nDCG().avg(), 1e-6);
        assertEquals(new MirResult.Excluded(0, 0, 0, 0), r.excluded());
        assertEquals(VIDEOS, r.apV2T().length);
        assertEquals(SENTENCES, r.ndcgT2V().length);

        // binary AP (relevant = same verb and same noun set, everything else 0) is the wrong definition and far lower
        float[] bin = new float[VIDEOS * SENTENCES];
        for (int k = 0; k < bin.length; k++) {
            bin[k] = verbEqual[k] == 1 && nounJaccard[k] == 1 ? 1f : 0f;
        }
        MirResult b = MirMetrics.evaluate(s, RelevancyMatrix.of(DenseMatrix.ofFloats(VIDEOS, SENTENCES, bin)));
        assertEquals(0.083221, b.mAP().v2t(), 1e-6);
        assertEquals(0.075302, b.mAP().t2v(), 1e-6);
        assertEquals(0.079262, b.mAP().avg(), 1e-6);
        assertTrue(r.mAP().avg() > b.mAP().avg() + 0.4, "graded mAP must exceed binary AP");
    }
}
