package org.egolens.model.retrieval;

import java.util.List;

/**
 * Manual benchmark (not a test): text→clip top-10 over N random unit embeddings of dimension D.
 * Run: {@code java -cp model/target/classes:model/target/test-classes:<deps> org.egolens.model.retrieval.SearchBench [N D]}.
 */
public final class SearchBench {
    private SearchBench() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        float[] e = EmbeddingIndexTest.unitRows(n, d, 1);
        EmbeddingIndex idx = EmbeddingIndex.of(EmbeddingIndexTest.header(d), EmbeddingIndexTest.entries(n), e);
        float[][] qs = new float[50][];
        for (int i = 0; i < qs.length; i++) {
            qs[i] = EmbeddingIndexTest.unitRows(1, d, 100 + i);
        }
        for (int warm = 0; warm < 30; warm++) {
            idx.searchByText(qs[warm % qs.length], 10);
        }
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int r = 0; r < 100; r++) {
            long t = System.nanoTime();
            List<SearchHit> h = idx.searchByText(qs[r % qs.length], 10);
            long dt = System.nanoTime() - t;
            if (h.size() != 10) {
                throw new AssertionError();
            }
            best = Math.min(best, dt);
            total += dt;
        }
        System.out.printf("N=%d D=%d cores=%d: mean %.2f ms, best %.2f ms per top-10 query%n", n, d,
                Runtime.getRuntime().availableProcessors(), total / 100 / 1e6, best / 1e6);
    }
}
