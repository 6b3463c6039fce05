package org.egolens.model.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link QuantizedSearcher}: the binary-code pass plus exact re-scoring, checked against the exact brute-force
 * {@link EmbeddingIndex} on the same vectors (recall@10 = |approximate top-10 ∩ exact top-10| / 10, averaged over
 * queries).
 */
class QuantizedSearcherTest {
    private static final int K = 10;

    @Test
    void allCandidatesIsExactSearch() {
        EmbeddingIndex idx = index(EmbeddingIndexTest.unitRows(3000, 64, 1), 3000, 64);
        QuantizedSearcher s = QuantizedSearcher.build(idx, QuantizedSearchParams.rerank(1.0));
        float[] q = EmbeddingIndexTest.unitRows(20, 64, 2);
        for (int i = 0; i < 20; i++) {
            float[] v = Arrays.copyOfRange(q, i * 64, (i + 1) * 64);
            assertEquals(idx.searchByText(v, K), s.searchByText(v, K));
        }
    }

    /**
     * Clustered embeddings, as clip embeddings are (400 centres; rows and queries at cosine ≈ 0.8 from a centre): the
     * defaults (C₂ = 2,500 of 20,000; C₁ = all) keep recall@10 at or above 0.95.
     */
    @Test
    void defaultsRecallClusteredEmbeddings() {
        int n = 20_000;
        int d = 256;
        float[] e = clustered(n, d, 400, 1);
        EmbeddingIndex idx = index(e, n, d);
        QuantizedSearcher s = QuantizedSearcher.build(idx, QuantizedSearchParams.defaults());
        assertEquals(2500, s.candidates());
        double recall = recall(idx, s, clustered(100, d, 400, 1, 7), d);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }

    /**
     * Isotropic random 256-d vectors, the hard case: with a quarter of the index re-scored recall@10 is ≥ 0.95, with
     * a 50th it is clearly lower; the Hamming pass is worth much more than chance (chance: the fraction itself).
     */
    @Test
    void recallOnRandomVectorsGrowsWithTheCandidateFraction() {
        int n = 20_000;
        int d = 256;
        EmbeddingIndex idx = index(EmbeddingIndexTest.unitRows(n, d, 3), n, d);
        float[] q = EmbeddingIndexTest.unitRows(100, d, 4);
        double wide = recall(idx, QuantizedSearcher.build(idx, QuantizedSearchParams.rerank(0.25)), q, d);
        double narrow = recall(idx, QuantizedSearcher.build(idx, QuantizedSearchParams.rerank(0.02)), q, d);
        System.out.printf("recall@10 on random vectors: 25 %% re-scored %.3f, 2 %% %.3f%n", wide, narrow);
        assertTrue(wide >= 0.95, "recall@10 with 25 % re-scored: " + wide);
        assertTrue(narrow < wide, narrow + " vs " + wide);
        assertTrue(narrow > 0.2, "recall@10 with 2 % re-scored: " + narrow);
    }

    /**
     * The bit-weighted estimate (pass 2) ranks better than the Hamming distance alone: at the same exact re-scoring
     * budget C₂ = 500 of 20,000, letting the Hamming pass keep 12 × C₂ for the estimate to choose from beats
     * re-scoring the C₂ Hamming-nearest directly (factor 1) by a clear margin. A wrong bit layout in the lookup table
     * would make the estimate noise and fail this.
     */
    @Test
    void estimatePassBeatsHammingAlone() {
        int n = 20_000;
        int d = 256;
        EmbeddingIndex idx = index(EmbeddingIndexTest.unitRows(n, d, 9), n, d);
        float[] q = EmbeddingIndexTest.unitRows(100, d, 10);
        double hammingOnly = recall(idx, QuantizedSearcher.build(idx, new QuantizedSearchParams(0.025, 1, 1)), q, d);
        double withEstimate = recall(idx, QuantizedSearcher.build(idx, new QuantizedSearchParams(0.025, 12, 1)), q, d);
        System.out.printf("recall@10 at C2 = 500: Hamming only %.3f, with estimate %.3f%n", hammingOnly, withEstimate);
        assertTrue(withEstimate >= hammingOnly + 0.1, withEstimate + " vs " + hammingOnly);
    }

    /** A fraction smaller than k/N still returns k hits: C₂ is raised to k (seen with 0.1 of 20 clips and top 5). */
    @Test
    void neverFewerHitsThanAskedFor() {
        EmbeddingIndex idx = index(EmbeddingIndexTest.unitRows(20, 16, 12), 20, 16);
        QuantizedSearcher s = QuantizedSearcher.build(idx, QuantizedSearchParams.rerank(0.1));
        float[] q = Arrays.copyOf(EmbeddingIndexTest.unitRows(1, 16, 13), 16);
        assertEquals(2, s.candidates());
        assertEquals(5, s.candidates(5));
        assertEquals(5, s.searchByText(q, 5).size());
        assertEquals(20, s.searchByText(q, 50).size());
        assertEquals(idx.searchByText(q, 20), s.searchByText(q, 20), "k = N re-scores every clip");
    }

    @Test
    void scoresAreExactCosinesBestFirst() {
        int d = 100; // not a multiple of 64: the last code word is partly used
        EmbeddingIndex idx = index(EmbeddingIndexTest.unitRows(5000, d, 5), 5000, d);
        QuantizedSearcher s = QuantizedSearcher.build(idx, QuantizedSearchParams.rerank(0.1));
        float[] q = Arrays.copyOf(EmbeddingIndexTest.unitRows(1, d, 6), d);
        for (int j = 0; j < d; j++) {
            q[j] *= 3; // any norm: normalised by the searcher
        }
        float[] exact = idx.scores(q);
        List<SearchHit> hits = s.searchByText(q, K);
        assertEquals(K, hits.size());
        for (int r = 0; r < K; r++) {
            SearchHit h = hits.get(r);
            assertEquals(r + 1, h.rank());
            assertEquals(exact[h.index()], h.score(), 1e-6);
            assertEquals(idx.entry(h.index()), h.entry());
            if (r > 0) {
                assertTrue(hits.get(r - 1).score() >= h.score());
            }
        }
    }

    @Test
    void badQueriesAndEmptyIndex() {
        EmbeddingIndex idx = index(EmbeddingIndexTest.unitRows(2000, 32, 8), 2000, 32);
        QuantizedSearcher s = QuantizedSearcher.build(idx, QuantizedSearchParams.defaults());
        IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
                () -> s.searchByText(new float[31], K));
        assertTrue(dim.getMessage().contains("dimension 31"), dim.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.searchByText(new float[32], K));
        assertThrows(IllegalArgumentException.class, () -> s.searchByText(unit(32), 0));

        EmbeddingIndex empty = EmbeddingIndex.of(EmbeddingIndexTest.header(32), List.of(), new float[0]);
        QuantizedSearcher none = QuantizedSearcher.build(empty, QuantizedSearchParams.defaults());
        assertEquals(List.of(), none.searchByText(unit(32), K));
        assertEquals(0, none.candidates());
    }

    @Test
    void paramsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new QuantizedSearchParams(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new QuantizedSearchParams(1.5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new QuantizedSearchParams(Double.NaN, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new QuantizedSearchParams(0.1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new QuantizedSearchParams(0.1, 1, 0));
        QuantizedSearchParams p = QuantizedSearchParams.defaults();
        assertEquals(8_000, p.candidates(1_000_000));
        assertEquals(96_000, p.filtered(1_000_000));
        assertEquals(2500, p.candidates(5000));
        assertEquals(5000, p.filtered(5000));
        assertEquals(700, p.candidates(700));
    }

    /** The quickselect behind pass 2 against a full sort, with ties and with c at both ends. */
    @Test
    void kthLargestMatchesSort() {
        Random r = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(300);
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextInt(trial % 2 == 0 ? 5 : 100_000); // few distinct values every other trial
            }
            float[] sorted = a.clone();
            Arrays.sort(sorted);
            for (int c : new int[] {1, n, 1 + r.nextInt(n)}) {
                assertEquals(sorted[n - c], QuantizedSearcher.kthLargest(a.clone(), n, c), "n=" + n + " c=" + c);
            }
        }
    }

    private static double recall(EmbeddingIndex idx, QuantizedSearcher s, float[] queries, int d) {
        int nq = queries.length / d;
        int found = 0;
        for (int i = 0; i < nq; i++) {
            float[] v = Arrays.copyOfRange(queries, i * d, (i + 1) * d);
            Set<Integer> truth = new HashSet<>();
            idx.searchByText(v, K).forEach(h -> truth.add(h.index()));
            for (SearchHit h : s.searchByText(v, K)) {
                found += truth.contains(h.index()) ? 1 : 0;
            }
        }
        return found / (10.0 * nq);
    }

    private static EmbeddingIndex index(float[] e, int n, int d) {
        return EmbeddingIndex.of(EmbeddingIndexTest.header(d), EmbeddingIndexTest.entries(n), e);
    }

    private static float[] unit(int d) {
        float[] v = new float[d];
        v[0] = 1;
        return v;
    }

    private static float[] clustered(int n, int d, int centres, long centreSeed) {
        return clustered(n, d, centres, centreSeed, centreSeed + 1);
    }

    /** n unit rows, each a random one of {@code centres} random unit centres plus Gaussian noise of norm ≈ 0.75. */
    private static float[] clustered(int n, int d, int centres, long centreSeed, long noiseSeed) {
        float[] c = EmbeddingIndexTest.unitRows(centres, d, centreSeed);
        Random r = new Random(noiseSeed);
        float[] e = new float[n * d];
        double sigma = 0.75 / Math.sqrt(d);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(centres);
            double s = 0;
            for (int j = 0; j < d; j++) {
                float v = (float) (c[k * d + j] + sigma * r.nextGaussian());
                e[i * d + j] = v;
                s += (double) v * v;
            }
            float inv = (float) (1 / Math.sqrt(s));
            for (int j = 0; j < d; j++) {
                e[i * d + j] *= inv;
            }
        }
        return e;
    }
}
