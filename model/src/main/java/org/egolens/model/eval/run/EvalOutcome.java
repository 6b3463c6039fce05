package org.egolens.model.eval.run;

import java.util.Objects;
import java.util.Optional;

/**
 * A finished evaluation: what was written (folder, record, flattened metrics) and, for EK-100 MIR, the matrices and
 * per-query results in memory for inspection.
 *
 * @param summary the run folder with its {@code run.json} and {@code metrics.json} numbers
 * @param mir     the MIR evaluation, or null for the other tasks
 */
public record EvalOutcome(EvalSummary summary, MirEvaluation mir) {
    /** Validates. */
    public EvalOutcome {
        Objects.requireNonNull(summary, "summary");
    }

    /** The MIR evaluation, when the task was EK-100 MIR. */
    public Optional<MirEvaluation> mirEvaluation() {
        return Optional.ofNullable(mir);
    }
}
