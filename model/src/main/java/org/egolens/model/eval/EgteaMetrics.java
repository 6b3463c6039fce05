package org.egolens.model.eval;

/**
 * EGTEA Gaze+ top-1 accuracy and mean class accuracy (docs §5.4). The prediction of a clip is the class with the
 * highest score (the first one among equal maxima).
 */
public final class EgteaMetrics {
    private EgteaMetrics() {}

    /**
     * Scores clips from class scores.
     *
     * @param truth  ground-truth class column per clip
     * @param scores {@code (clips, classes)} scores
     * @throws IllegalArgumentException if the sizes differ, a class is out of range or a score is NaN
     */
    public static EgteaResult evaluate(int[] truth, DenseMatrix scores) {
        if (truth.length != scores.rows()) {
            throw new IllegalArgumentException(truth.length + " labels for " + scores.rows() + " score rows");
        }
        int[] predicted = new int[truth.length];
        double[] row = new double[scores.cols()];
        for (int i = 0; i < truth.length; i++) {
            scores.copyRow(i, row);
            predicted[i] = EgoMcqMetrics.argmax(row, "clip " + i);
        }
        return evaluate(truth, predicted, scores.cols());
    }

    /**
     * Scores clips from predicted classes.
     *
     * @throws IllegalArgumentException if the sizes differ or a class is outside {@code [0, classes)}
     */
    public static EgteaResult evaluate(int[] truth, int[] predicted, int classes) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " labels for " + predicted.length + " predictions");
        }
        int[] total = new int[classes];
        int[] correct = new int[classes];
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("clip " + i + ": class outside [0, " + classes + ")");
            }
            total[truth[i]]++;
            if (truth[i] == predicted[i]) {
                correct[truth[i]]++;
                right++;
            }
        }
        double[] perClass = new double[classes];
        double sum = 0;
        int defined = 0;
        for (int c = 0; c < classes; c++) {
            if (total[c] == 0) {
                perClass[c] = Double.NaN;
            } else {
                perClass[c] = (double) correct[c] / total[c];
                sum += perClass[c];
                defined++;
            }
        }
        return new EgteaResult(truth.length == 0 ? Double.NaN : (double) right / truth.length,
                defined == 0 ? Double.NaN : sum / defined, classes - defined, perClass);
    }
}
