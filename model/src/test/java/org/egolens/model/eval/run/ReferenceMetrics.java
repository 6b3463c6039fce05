package org.egolens.model.eval.run;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A plain, slow restatement of docs §2.3/§2.4 for checking the evaluation end to end on inputs without score ties:
 * graded AP over the ranks of the exact-1 items, nDCG truncated at the number of positive relevancies.
 */
public final class ReferenceMetrics {
    private ReferenceMetrics() {}

    public static Integer[] byScore(double[] s) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> s[i]).reversed());
        return idx;
    }

    public static double ap(double[] s, double[] r) {
        Integer[] order = byScore(s);
        double g = 0;
        double sum = 0;
        int ones = 0;
        for (int k = 0; k < order.length; k++) {
            g += r[order[k]];
            if (r[order[k]] == 1.0) {
                ones++;
                sum += g / (k + 1);
            }
        }
        return ones == 0 ? Double.NaN : sum / ones;
    }

    public static double ndcg(double[] s, double[] r) {
        Integer[] order = byScore(s);
        double[] ideal = Arrays.stream(r).boxed().sorted(Comparator.reverseOrder()).mapToDouble(Double::doubleValue)
                .toArray();
        long k = Arrays.stream(r).filter(v -> v > 0).count();
        double dcg = 0;
        double idcg = 0;
        for (int i = 0; i < k; i++) {
            double disc = Math.log(i + 2) / Math.log(2);
            dcg += r[order[i]] / disc;
            idcg += ideal[i] / disc;
        }
        return k == 0 ? Double.NaN : dcg / idcg;
    }

    public static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** Mean over defined values of f(row s, row r). */
    public static double mean(double[][] s, double[][] r, java.util.function.BiFunction<double[], double[], Double> f) {
        double sum = 0;
        int n = 0;
        for (int q = 0; q < s.length; q++) {
            double v = f.apply(s[q], r[q]);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return sum / n;
    }
}
