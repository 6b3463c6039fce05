package org.egolens.model.train.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of a run's {@code status.json} (training run contract, "Run folder"), rewritten atomically by the trainer.
 *
 * @param state   running, stopped, finished or failed
 * @param step    the last completed optimisation step ({@code -1} before the first)
 * @param message a human-readable note, may be empty
 * @param updated when the trainer last wrote the file, ISO-8601 (e.g. {@code 2025-06-01T12:00:00Z}); may be null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunStatus(@JsonProperty(value = "state", required = true) RunState state,
                        @JsonProperty("step") long step, @JsonProperty("message") String message,
                        @JsonProperty("updated") String updated) {
    /** @throws NullPointerException if state is null */
    public RunStatus {
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
    }

    @JsonCreator
    static RunStatus fromJson(@JsonProperty(value = "state", required = true) RunState state,
                              @JsonProperty("step") Long step, @JsonProperty("message") String message,
                              @JsonProperty("updated") String updated) {
        return new RunStatus(state, step == null ? -1 : step, message, updated);
    }

    /** A status stamped with the current time. */
    public static RunStatus now(RunState state, long step, String message) {
        return new RunStatus(state, step, message, Instant.now().toString());
    }

    /** {@link #updated} as an instant; empty if absent or not ISO-8601 (an instant or an offset date-time). */
    public Optional<Instant> updatedInstant() {
        if (updated == null || updated.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(updated.trim()));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(updated.trim()).toInstant());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
