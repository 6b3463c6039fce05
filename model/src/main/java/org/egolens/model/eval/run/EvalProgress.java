package org.egolens.model.eval.run;

import java.util.concurrent.CancellationException;
import org.egolens.model.retrieval.BuildMonitor;

/**
 * Overall progress of one evaluation: {@code clips} units for embedding clips, then {@code texts} units for embedding
 * texts; scoring and writing are reported with the total reached. Also the one place that turns the monitor's cancel
 * flag into a {@link CancellationException}.
 */
final class EvalProgress {
    private final BuildMonitor sink;
    private final int clips;
    private final int total;

    EvalProgress(BuildMonitor sink, int clips, int texts) {
        this.sink = sink;
        this.clips = clips;
        this.total = Math.max(1, clips + texts);
    }

    /** A monitor for the clip stage, reporting into the overall range {@code [0, clips]}. */
    BuildMonitor clipStage() {
        return new BuildMonitor() {
            @Override
            public void progress(int done, int of, String message) {
                sink.progress(Math.min(done, clips), total, "embedding clips " + done + "/" + of
                        + (message == null || message.isEmpty() ? "" : " (" + message + ")"));
            }

            @Override
            public boolean isCancelled() {
                return sink.isCancelled();
            }
        };
    }

    /** Reports {@code done} texts embedded. */
    void texts(int done, int of) {
        sink.progress(clips + done, total, "embedding texts " + done + "/" + of);
    }

    /** Reports a final step (scoring, writing) with the bar full. */
    void step(String message) {
        sink.progress(total, total, message);
    }

    /** @throws CancellationException if cancel was requested */
    void checkCancelled(String where) {
        if (sink.isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("evaluation cancelled while " + where);
        }
    }
}
