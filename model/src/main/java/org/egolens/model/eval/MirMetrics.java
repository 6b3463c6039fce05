package org.egolens.model.eval;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EK-100 Multi-Instance Retrieval metrics, exactly as docs/evaluation-and-formats.md §2.3 (mAP) and §2.4 (nDCG).
 *
 * <p>For one query with scores {@code s} and relevancies {@code r} over {@code M} candidates, ranked
 * {@code c_1 … c_M} by descending score (ties: see {@link RankOrder} — higher candidate index first):
 * <ul>
 *   <li><b>AP</b> = {@code (1/|H|) Σ_{k∈H} G(k)/k}, with {@code G(k) = Σ_{i≤k} r(c_i)} the <em>graded</em> cumulative
 *       relevance and {@code H = {k : r(c_k) == 1}} (exact equality). Undefined when {@code H} is empty.</li>
 *   <li><b>nDCG</b> = DCG/IDCG, {@code DCG = Σ_{i=1..k} r(c_i)/log2(i+1)} truncated at {@code k} = number of
 *       candidates with {@code r > 0}; IDCG the same sum over the relevancies sorted descending. Undefined when
 *       {@code k = 0}.</li>
 * </ul>
 * V→T queries are the rows of {@code S} and {@code R} ({@code (videos, sentences)}), T→V queries their columns; the
 * reported average is {@code (V→T + T→V)/2}. Undefined queries are excluded from the means and counted.
 *
 * <p>Queries run in parallel on the common fork-join pool; each query sorts primitive (key, index) pairs, no boxing.
 */
public final class MirMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(MirMetrics.class);
    private static final int ROW_BLOCK = 64;
    private static final int COLUMN_BLOCK = 32;

    private MirMetrics() {}

    /**
     * Evaluates a similarity matrix against a relevancy matrix.
     *
     * @param similarity {@code S (videos, sentences)}, higher = more similar (any monotone transform such as
     *                   {@code (S+1)/2} gives the same result)
     * @param relevancy  {@code R (videos, sentences)}
     * @throws IllegalArgumentException if the shapes differ or a score is NaN
     */
    public static MirResult evaluate(DenseMatrix similarity, RelevancyMatrix relevancy) {
        DenseMatrix r = relevancy.values();
        if (similarity.rows() != r.rows() || similarity.cols() != r.cols()) {
            throw new IllegalArgumentException("similarity shape (" + similarity.rows() + ", " + similarity.cols()
                    + ") differs from relevancy shape (" + r.rows() + ", " + r.cols() + ")");
        }
        long t0 = System.nanoTime();
        int n = r.rows();
        int m = r.cols();
        double[] log2 = log2Table(Math.max(n, m));
        double[] apV = new double[n];
        double[] ndV = new double[n];
        double[] apT = new double[m];
        double[] ndT = new double[m];
        IntStream.range(0, (n + ROW_BLOCK - 1) / ROW_BLOCK).parallel().forEach(b -> {
            QueryEvaluator q = new QueryEvaluator(m, log2);
            double[] s = new double[m];
            double[] rel = new double[m];
            for (int i = b * ROW_BLOCK; i < Math.min(n, (b + 1) * ROW_BLOCK); i++) {
                similarity.copyRow(i, s);
                r.copyRow(i, rel);
                q.evaluate(s, rel, m, "video query", i);
                apV[i] = q.ap;
                ndV[i] = q.ndcg;
            }
        });
        long t1 = System.nanoTime();
        IntStream.range(0, (m + COLUMN_BLOCK - 1) / COLUMN_BLOCK).parallel().forEach(b -> {
            int first = b * COLUMN_BLOCK;
            int count = Math.min(m, first + COLUMN_BLOCK) - first;
            double[][] s = new double[count][n];
            double[][] rel = new double[count][n];
            similarity.copyColumns(first, count, s);
            r.copyColumns(first, count, rel);
            QueryEvaluator q = new QueryEvaluator(n, log2);
            for (int k = 0; k < count; k++) {
                q.evaluate(s[k], rel[k], n, "sentence query", first + k);
                apT[first + k] = q.ap;
                ndT[first + k] = q.ndcg;
            }
        });
        MirResult.Scores map = scores(apV, apT);
        MirResult.Scores ndcg = scores(ndV, ndT);
        MirResult.Excluded ex = new MirResult.Excluded(undefined(apV), undefined(apT), undefined(ndV), undefined(ndT));
        LOG.debug("MIR evaluation of ({}, {}): V→T {} ms, T→V {} ms", n, m, (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000);
        return new MirResult(map, ndcg, ex, apV, apT, ndV, ndT);
    }

    /**
     * AP of one query (§2.3).
     *
     * @return the AP, or NaN when no candidate has relevancy exactly 1
     * @throws IllegalArgumentException if the arrays differ in length or a score is NaN
     */
    public static double averagePrecision(double[] scores, double[] relevancy) {
        return single(scores, relevancy).ap;
    }

    /**
     * nDCG of one query (§2.4).
     *
     * @return the nDCG, or NaN when every relevancy is 0
     * @throws IllegalArgumentException if the arrays differ in length or a score is NaN
     */
    public static double ndcg(double[] scores, double[] relevancy) {
        return single(scores, relevancy).ndcg;
    }

    private static QueryEvaluator single(double[] scores, double[] relevancy) {
        if (scores.length != relevancy.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + relevancy.length + " relevancies");
        }
        QueryEvaluator q = new QueryEvaluator(scores.length, log2Table(scores.length));
        q.evaluate(scores, relevancy, scores.length, "query", 0);
        return q;
    }

    private static MirResult.Scores scores(double[] v2t, double[] t2v) {
        double a = mean(v2t);
        double b = mean(t2v);
        return new MirResult.Scores(a, b, (a + b) / 2);
    }

    /** Mean over defined (non-NaN) entries, summed in index order; NaN if there is none. */
    private static double mean(double[] values) {
        double sum = 0;
        int count = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static int undefined(double[] values) {
        int c = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                c++;
            }
        }
        return c;
    }

    /** {@code log2[i] = log2(i + 2)}: the discount of rank {@code i + 1}. */
    private static double[] log2Table(int length) {
        double[] t = new double[length];
        for (int i = 0; i < length; i++) {
            t[i] = Math.log(i + 2) / Math.log(2);
        }
        return t;
    }

    /** Scratch space and the per-query formulas; one per worker. */
    private static final class QueryEvaluator {
        private final RankOrder rank;
        private final double[] positive;
        private final double[] log2;
        double ap;
        double ndcg;

        QueryEvaluator(int capacity, double[] log2) {
            this.rank = new RankOrder(capacity);
            this.positive = new double[capacity];
            this.log2 = log2;
        }

        void evaluate(double[] s, double[] r, int m, String kind, int query) {
            int[] order;
            try {
                order = rank.descending(s, m);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(kind + " " + query + ": " + e.getMessage(), e);
            }
            int ones = 0;
            int positives = 0;
            for (int c = 0; c < m; c++) {
                double v = r[c];
                if (v == 1.0) {
                    ones++;
                }
                if (v > 0) {
                    positive[positives++] = v;
                }
            }
            // AP with graded cumulative relevance (§2.3); stop after the last exact-1 item
            if (ones == 0) {
                ap = Double.NaN;
            } else {
                double g = 0;
                double sum = 0;
                int found = 0;
                for (int k = 0; found < ones; k++) {
                    double v = r[order[k]];
                    g += v;
                    if (v == 1.0) {
                        sum += g / (k + 1);
                        found++;
                    }
                }
                ap = sum / ones;
            }
            // nDCG truncated at the number of positive relevancies (§2.4)
            if (positives == 0) {
                ndcg = Double.NaN;
            } else {
                double dcg = 0;
                for (int i = 0; i < positives; i++) {
                    dcg += r[order[i]] / log2[i];
                }
                Arrays.sort(positive, 0, positives);
                double idcg = 0;
                for (int i = 0; i < positives; i++) {
                    idcg += positive[positives - 1 - i] / log2[i];
                }
                ndcg = dcg / idcg;
            }
        }
    }
}
