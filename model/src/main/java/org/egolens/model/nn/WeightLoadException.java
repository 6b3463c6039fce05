package org.egolens.model.nn;

import java.io.IOException;

/** A checkpoint does not fit the model; {@link #report()} lists the missing, unexpected and mis-shaped keys. */
public final class WeightLoadException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient LoadReport report;

    /** @param report a report whose {@link LoadReport#ok()} is false */
    public WeightLoadException(LoadReport report) {
        super("checkpoint does not fit the model: " + report.describeProblems());
        this.report = report;
    }

    /** The full match report. */
    public LoadReport report() {
        return report;
    }
}
