package org.egolens.model.eval;

import java.util.List;

/**
 * EgoMCQ 5-way accuracy (docs §5.2): the prediction is the candidate whose clip embedding is most similar to the query
 * text; accuracy is reported separately for inter-video and intra-video questions.
 */
public final class EgoMcqMetrics {
    private EgoMcqMetrics() {}

    /**
     * Scores questions from similarities.
     *
     * @param questions the questions
     * @param scores    {@code scores[q][c]}: similarity of question {@code q}'s query text to its candidate {@code c}
     * @throws IllegalArgumentException if a score row does not have one value per candidate or holds NaN
     */
    public static EgoMcqResult evaluate(List<EgoMcqQuestion> questions, double[][] scores) {
        if (scores.length != questions.size()) {
            throw new IllegalArgumentException(scores.length + " score rows for " + questions.size() + " questions");
        }
        int[] predicted = new int[scores.length];
        for (int q = 0; q < scores.length; q++) {
            if (scores[q].length != questions.get(q).choices().size()) {
                throw new IllegalArgumentException("question " + questions.get(q).key() + ": " + scores[q].length
                        + " scores for " + questions.get(q).choices().size() + " choices");
            }
            predicted[q] = argmax(scores[q], questions.get(q).key());
        }
        return evaluatePredictions(questions, predicted);
    }

    /**
     * Scores questions from predicted choice indices.
     *
     * @throws IllegalArgumentException if the number of predictions differs from the number of questions
     */
    public static EgoMcqResult evaluatePredictions(List<EgoMcqQuestion> questions, int[] predicted) {
        if (predicted.length != questions.size()) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + questions.size() + " questions");
        }
        int interCorrect = 0;
        int interTotal = 0;
        int intraCorrect = 0;
        int intraTotal = 0;
        for (int q = 0; q < predicted.length; q++) {
            EgoMcqQuestion question = questions.get(q);
            boolean right = predicted[q] == question.answer();
            switch (question.type()) {
                case INTER_VIDEO -> {
                    interTotal++;
                    interCorrect += right ? 1 : 0;
                }
                case INTRA_VIDEO -> {
                    intraTotal++;
                    intraCorrect += right ? 1 : 0;
                }
            }
        }
        return new EgoMcqResult(interCorrect, interTotal, intraCorrect, intraTotal);
    }

    /** Index of the largest score; the first one among equal maxima (as {@code torch.argmax}). */
    static int argmax(double[] s, String question) {
        int best = -1;
        for (int c = 0; c < s.length; c++) {
            if (Double.isNaN(s[c])) {
                throw new IllegalArgumentException("question " + question + ": NaN score for choice " + c);
            }
            if (best < 0 || s[c] > s[best]) {
                best = c;
            }
        }
        return best;
    }
}
