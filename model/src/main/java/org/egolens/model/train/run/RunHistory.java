package org.egolens.model.train.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run's metrics folded from its events with the contract's rule for resumed runs: <em>readers keep the last value for
 * a step</em> (after a resume the trainer writes the steps after its checkpoint again; the killed attempt's lines for
 * those steps stay in the file and are superseded). Not thread-safe: feed it from one thread.
 *
 * <p>Step events cost memory per step; {@link #summaryOnly()} keeps only the latest step event (for long runs shown in
 * the GUI, whose charts hold their own bounded series) while evaluations, status and NaN events are always kept.
 */
public final class RunHistory {
    private final boolean keepSteps;
    private final NavigableMap<Long, RunEvent.Step> steps = new TreeMap<>();
    private final NavigableMap<Long, RunEvent.Eval> evals = new TreeMap<>();
    private final List<RunEvent.Nan> nans = new ArrayList<>();
    private RunEvent.Step lastStep;
    private RunEvent.Status lastStatus;
    private long events;

    private RunHistory(boolean keepSteps) {
        this.keepSteps = keepSteps;
    }

    /** A history keeping every step event (last value per step). */
    public static RunHistory full() {
        return new RunHistory(true);
    }

    /** A history keeping only the latest step event, plus all evaluations, status and NaN events. */
    public static RunHistory summaryOnly() {
        return new RunHistory(false);
    }

    /**
     * Reads a whole {@code metrics.jsonl} (malformed lines are skipped and logged, see {@link MetricsFollower}).
     *
     * @return a full history; empty if the file does not exist
     * @throws IOException if the file cannot be read
     */
    public static RunHistory read(Path metricsJsonl) throws IOException {
        RunHistory h = full();
        MetricsFollower f = new MetricsFollower(metricsJsonl);
        MetricsFollower.Batch b;
        do {
            b = f.poll();
            h.apply(b);
        } while (b.more());
        return h;
    }

    /** Applies a follower batch: a reset clears everything first. */
    public void apply(MetricsFollower.Batch batch) {
        if (batch.reset()) {
            clear();
        }
        batch.events().forEach(this::accept);
    }

    /** Folds one event in. */
    public void accept(RunEvent e) {
        events++;
        if (e instanceof RunEvent.Step s) {
            if (keepSteps) {
                steps.put(s.step(), s);
            }
            lastStep = s;
        } else if (e instanceof RunEvent.Eval v) {
            evals.put(v.step(), v);
        } else if (e instanceof RunEvent.Status s) {
            lastStatus = s;
        } else if (e instanceof RunEvent.Nan n) {
            nans.add(n);
        }
    }

    /** Forgets everything (the file was truncated or replaced). */
    public void clear() {
        steps.clear();
        evals.clear();
        nans.clear();
        lastStep = null;
        lastStatus = null;
        events = 0;
    }

    /**
     * The step events, one per step (the last written), ascending by step.
     *
     * @throws IllegalStateException for a {@link #summaryOnly()} history
     */
    public Collection<RunEvent.Step> steps() {
        if (!keepSteps) {
            throw new IllegalStateException("this history keeps only the latest step event");
        }
        return Collections.unmodifiableCollection(steps.values());
    }

    /** The step event of {@code step} (the last written), if kept. */
    public Optional<RunEvent.Step> step(long step) {
        return Optional.ofNullable(steps.get(step));
    }

    /** The most recently written step event (after a resume: the resumed attempt's current step). */
    public Optional<RunEvent.Step> lastStep() {
        return Optional.ofNullable(lastStep);
    }

    /** The evaluations, one per step (the last written), ascending by step. */
    public Collection<RunEvent.Eval> evals() {
        return Collections.unmodifiableCollection(evals.values());
    }

    /** The evaluation with the highest average mAP (ties: the earlier step); empty if none has an average mAP. */
    public Optional<RunEvent.Eval> bestEval() {
        RunEvent.Eval best = null;
        for (RunEvent.Eval v : evals.values()) {
            double m = v.mAP().avg();
            if (!Double.isNaN(m) && (best == null || m > best.mAP().avg())) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The latest status event. */
    public Optional<RunEvent.Status> lastStatus() {
        return Optional.ofNullable(lastStatus);
    }

    /** NaN events in file order. */
    public List<RunEvent.Nan> nans() {
        return Collections.unmodifiableList(nans);
    }

    /** Events folded in since the last reset. */
    public long eventCount() {
        return events;
    }

    /** Step events by step (view), for callers that need ranges; empty for a summary-only history. */
    public Map<Long, RunEvent.Step> stepMap() {
        return Collections.unmodifiableMap(steps);
    }
}
