package org.egolens.model.eval;

/**
 * Charades-Ego multi-label mAP (docs §5.3, the approximation of the official Matlab scorer that the reference systems
 * use): videos without any label get score −∞ for every class; for each class, videos are ranked by descending score
 * (ties: higher index first, see {@link RankOrder}) and AP is the mean, over positive videos, of the precision at the
 * rank of each positive; mAP is the mean over classes. Classes without positives are excluded and counted (the reference
 * code would return NaN).
 */
public final class CharadesMetrics {
    private CharadesMetrics() {}

    /**
     * Class mAP.
     *
     * @param scores {@code (videos, classes)} class scores per video (e.g. video–class-text similarity)
     * @param labels {@code labels[v][c]}: video {@code v} shows class {@code c}
     * @throws IllegalArgumentException if the shapes differ or a score is NaN
     */
    public static ClassMapResult meanAp(DenseMatrix scores, boolean[][] labels) {
        int n = scores.rows();
        int k = scores.cols();
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " label rows for " + n + " score rows");
        }
        boolean[] unlabelled = new boolean[n];
        for (int v = 0; v < n; v++) {
            if (labels[v].length != k) {
                throw new IllegalArgumentException("label row " + v + " has " + labels[v].length + " classes, scores have " + k);
            }
            unlabelled[v] = true;
            for (boolean b : labels[v]) {
                if (b) {
                    unlabelled[v] = false;
                    break;
                }
            }
        }
        double[][] columns = new double[k][n];
        scores.copyColumns(0, k, columns);
        RankOrder rank = new RankOrder(n);
        double[] ap = new double[k];
        double sum = 0;
        int defined = 0;
        for (int c = 0; c < k; c++) {
            double[] s = columns[c];
            for (int v = 0; v < n; v++) {
                if (unlabelled[v]) {
                    s[v] = Double.NEGATIVE_INFINITY;
                }
            }
            int[] order;
            try {
                order = rank.descending(s, n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("class " + c + ": " + e.getMessage(), e);
            }
            int tp = 0;
            double precisionSum = 0;
            for (int r = 0; r < n; r++) {
                if (labels[order[r]][c]) {
                    tp++;
                    precisionSum += (double) tp / (r + 1);
                }
            }
            if (tp == 0) {
                ap[c] = Double.NaN;
            } else {
                ap[c] = precisionSum / tp;
                sum += ap[c];
                defined++;
            }
        }
        return new ClassMapResult(defined == 0 ? Double.NaN : sum / defined, k - defined, ap);
    }
}
