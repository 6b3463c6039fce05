package org.egolens.model.data.demo;

import java.util.Arrays;

/**
 * A small implementation of the EK-100 MIR metrics for the demo statistics (docs/evaluation-and-formats.md §2.3,
 * §2.4): graded mAP ({@code AP_q = (1/|H|) Σ_{k∈H} G(k)/k}, G = cumulative graded relevance, H = ranks holding an
 * item of relevancy exactly 1) and nDCG over the first {@code k_q} ranks (k_q = items with relevancy &gt; 0), both V→T
 * (rows) and T→V (columns). Ties in score: mAP keeps the lower index first, nDCG the higher index (the reference
 * code's reversed ascending sort). The project's evaluation package holds the official implementation.
 */
public final class DemoRetrievalMetrics {
    private DemoRetrievalMetrics() {}

    /**
     * The four MIR numbers.
     *
     * @param mapVT  mAP, clips as queries
     * @param mapTV  mAP, sentences as queries
     * @param ndcgVT nDCG, clips as queries
     * @param ndcgTV nDCG, sentences as queries
     */
    public record Scores(double mapVT, double mapTV, double ndcgVT, double ndcgTV) {
        /** (V→T + T→V)/2 mAP. */
        public double mapAvg() {
            return (mapVT + mapTV) / 2;
        }

        /** (V→T + T→V)/2 nDCG. */
        public double ndcgAvg() {
            return (ndcgVT + ndcgTV) / 2;
        }
    }

    /**
     * Evaluates a similarity matrix.
     *
     * @param sim       {@code (clips, sentences)} similarities, higher = more similar
     * @param relevancy {@code (clips, sentences)} relevancies in [0, 1]
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Scores evaluate(double[][] sim, double[][] relevancy) {
        checkShape(sim, relevancy);
        double[][] st = transpose(sim);
        double[][] rt = transpose(relevancy);
        return new Scores(meanAP(sim, relevancy), meanAP(st, rt), meanNDCG(sim, relevancy), meanNDCG(st, rt));
    }

    /** Mean graded AP over the rows; NaN if a row has no item of relevancy exactly 1. */
    public static double meanAP(double[][] sim, double[][] relevancy) {
        checkShape(sim, relevancy);
        double sum = 0;
        for (int q = 0; q < sim.length; q++) {
            Integer[] order = ranking(sim[q], false);
            double g = 0;
            double ap = 0;
            int relevant = 0;
            for (int k = 0; k < order.length; k++) {
                double r = relevancy[q][order[k]];
                g += r;
                if (r == 1.0) {
                    relevant++;
                    ap += g / (k + 1);
                }
            }
            sum += ap / relevant;
        }
        return sum / sim.length;
    }

    /** Mean nDCG over the rows. */
    public static double meanNDCG(double[][] sim, double[][] relevancy) {
        checkShape(sim, relevancy);
        double sum = 0;
        for (int q = 0; q < sim.length; q++) {
            double[] rel = relevancy[q];
            int kq = (int) Arrays.stream(rel).filter(v -> v > 0).count();
            Integer[] order = ranking(sim[q], true);
            double[] ideal = Arrays.stream(rel).map(v -> -v).sorted().map(v -> -v).toArray();
            double dcg = 0;
            double idcg = 0;
            for (int i = 0; i < kq; i++) {
                double disc = Math.log(i + 2) / Math.log(2);
                dcg += rel[order[i]] / disc;
                idcg += ideal[i] / disc;
            }
            sum += dcg / idcg;
        }
        return sum / sim.length;
    }

    /** Indices by descending score; ties broken by index (ascending, or descending if {@code laterFirst}). */
    private static Integer[] ranking(double[] scores, boolean laterFirst) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(scores[b], scores[a]);
            return c != 0 ? c : (laterFirst ? Integer.compare(b, a) : Integer.compare(a, b));
        });
        return idx;
    }

    static double[][] transpose(double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[][] t = new double[cols][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static void checkShape(double[][] a, double[][] b) {
        if (a.length != b.length || (a.length > 0 && a[0].length != b[0].length)) {
            throw new IllegalArgumentException("similarity " + a.length + "x" + (a.length > 0 ? a[0].length : 0)
                    + " and relevancy " + b.length + "x" + (b.length > 0 ? b[0].length : 0) + " differ in shape");
        }
    }
}
