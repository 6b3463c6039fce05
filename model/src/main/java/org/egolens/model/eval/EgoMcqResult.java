package org.egolens.model.eval;

/**
 * EgoMCQ accuracy per question type (docs §5.2). Accuracies are fractions in {@code [0, 1]}; a type without questions
 * has NaN accuracy and a total of 0.
 *
 * @param interCorrect correctly answered inter-video questions
 * @param interTotal   inter-video questions
 * @param intraCorrect correctly answered intra-video questions
 * @param intraTotal   intra-video questions
 */
public record EgoMcqResult(int interCorrect, int interTotal, int intraCorrect, int intraTotal) {

    /** Inter-video accuracy (type 1). */
    public double interAccuracy() {
        return interTotal == 0 ? Double.NaN : (double) interCorrect / interTotal;
    }

    /** Intra-video accuracy (type 2). */
    public double intraAccuracy() {
        return intraTotal == 0 ? Double.NaN : (double) intraCorrect / intraTotal;
    }

    /** Accuracy of the given type. */
    public double accuracy(EgoMcqType type) {
        return type == EgoMcqType.INTER_VIDEO ? interAccuracy() : intraAccuracy();
    }
}
