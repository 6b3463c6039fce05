package org.egolens.model.train;

/**
 * Linear warm-up then cosine decay (spec §5.1: warm-up to the peak over the first steps, cosine decay to a final value
 * afterwards, as in the AVION/SMS fine-tuning scripts). A pure function of the step, so a resumed run uses exactly the
 * learning rates of an uninterrupted one.
 *
 * <p>For step s (0-based): s &lt; W gives {@code peak · (s + 1) / W}; after that
 * {@code min + ½ (peak − min)(1 + cos(π · (s − W) / (S − W)))}, where S is the total step count; steps at or beyond S
 * give {@code min}.
 *
 * @param peak        learning rate at the end of the warm-up
 * @param min         learning rate at the end of the decay
 * @param warmupSteps W, steps of linear warm-up (0: none)
 * @param totalSteps  S, the planned number of optimisation steps
 */
public record LrSchedule(double peak, double min, long warmupSteps, long totalSteps) {
    /** @throws IllegalArgumentException for a non-positive peak, min outside [0, peak] or negative step counts */
    public LrSchedule {
        if (!(peak > 0) || !(min >= 0) || min > peak) {
            throw new IllegalArgumentException("learning rates must satisfy 0 <= min <= peak, peak > 0 (got peak "
                    + peak + ", min " + min + ")");
        }
        if (warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("warm-up steps must be >= 0 and total steps >= 1 (got " + warmupSteps
                    + ", " + totalSteps + ")");
        }
    }

    /** The learning rate of step {@code step} (0-based). */
    public double at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        long span = totalSteps - warmupSteps;
        if (span <= 0 || step >= totalSteps) {
            return min;
        }
        double progress = (double) (step - warmupSteps) / span;
        return min + 0.5 * (peak - min) * (1 + Math.cos(Math.PI * progress));
    }
}
