package org.egolens.model.train.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** State of a training run, as written in {@code status.json} and in {@code status} events (lower case). */
public enum RunState {
    /** The trainer is (or claims to be) working on the run. */
    RUNNING,
    /** Stopped by the user (SIGTERM/SIGINT); a checkpoint was written, the run can be resumed. */
    STOPPED,
    /** All epochs done or the time budget spent, with a final evaluation and checkpoint. */
    FINISHED,
    /** Stopped by an error or a NaN loss term (exit code 1). */
    FAILED;

    /** True for the states in which no trainer works on the run any more. */
    public boolean isTerminal() {
        return this != RUNNING;
    }

    /** The lower-case name used in the run folder files. */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a state name, case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    @JsonCreator
    public static RunState parse(String s) {
        if (s != null) {
            for (RunState v : values()) {
                if (v.name().equalsIgnoreCase(s.trim())) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("unknown run state '" + s + "'; expected one of "
                + Arrays.stream(values()).map(RunState::jsonName).collect(Collectors.joining(", ")));
    }
}
