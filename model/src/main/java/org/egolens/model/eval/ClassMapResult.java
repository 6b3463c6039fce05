package org.egolens.model.eval;

/**
 * Mean of per-class average precision (Charades-Ego protocol, docs §5.3).
 *
 * @param mAP             mean AP over classes with at least one positive video (NaN if none has)
 * @param excludedClasses classes without positive videos (left out of the mean)
 * @param perClassAp      AP per class; NaN for excluded classes
 */
public record ClassMapResult(double mAP, int excludedClasses, double[] perClassAp) {
    /** Copies the array. */
    public ClassMapResult {
        perClassAp = perClassAp.clone();
    }

    @Override
    public double[] perClassAp() {
        return perClassAp.clone();
    }
}
