package org.egolens.model.eval;

/**
 * EGTEA Gaze+ action recognition scores (docs §5.4), fractions in {@code [0, 1]}.
 *
 * @param top1              overall accuracy: correct clips / clips
 * @param meanClassAccuracy mean over classes with at least one clip of (correct clips of the class / clips of the class)
 * @param excludedClasses   classes without clips (left out of the mean)
 * @param perClassAccuracy  accuracy per class; NaN for excluded classes
 */
public record EgteaResult(double top1, double meanClassAccuracy, int excludedClasses, double[] perClassAccuracy) {
    /** Copies the array. */
    public EgteaResult {
        perClassAccuracy = perClassAccuracy.clone();
    }

    @Override
    public double[] perClassAccuracy() {
        return perClassAccuracy.clone();
    }
}
