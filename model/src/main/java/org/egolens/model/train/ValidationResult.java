package org.egolens.model.train;

import org.egolens.model.eval.MirResult;

/**
 * One validation pass of a training run.
 *
 * @param mir        EK-100 MIR mAP and nDCG, V→T / T→V / average (evaluation-and-formats §2), with excluded counts
 * @param mirrorPair the demo's mirror-pair score in [0, 1] (50 % for an order-blind model), or NaN when the run has no
 *                   mirror-pair set
 * @param seconds    wall time of the pass
 */
public record ValidationResult(MirResult mir, double mirrorPair, double seconds) {
    /** The checkpoint-selection metric: average mAP (spec §5.1 "best checkpoint by average mAP"). */
    public double averageMap() {
        return mir.mAP().avg();
    }
}
