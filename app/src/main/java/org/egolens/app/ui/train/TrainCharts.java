package org.egolens.app.ui.train;

import java.util.List;
import org.egolens.viewer.chart.BoundedSeries;
import org.egolens.viewer.chart.CompactScientificFormat;
import org.egolens.viewer.chart.LiveChart;
import org.egolens.viewer.chart.SeriesSpec;

/**
 * The Train tab's four live charts: loss (total and the loss's parts, smoothed), learning rate, validation mAP/nDCG
 * (average, V→T, T→V) and the mirror-pair score. FX thread.
 */
public final class TrainCharts {
    /** Which chart a series belongs to. */
    public enum Id { LOSS, LR, EVAL, MIRROR }

    private final LiveChart loss = new LiveChart("step", "loss");
    private final LiveChart lr = new LiveChart("step", "learning rate");
    private final LiveChart eval = new LiveChart("step", "score");
    private final LiveChart mirror = new LiveChart("step", "mirror-pair");

    TrainCharts() {
        loss.setId("lossChart");
        lr.setId("lrChart");
        eval.setId("evalChart");
        mirror.setId("mirrorChart");
        lr.setRangeTickFormat(new CompactScientificFormat(3));
        loss.setNoDataMessage("Select or start a run");
        lr.setNoDataMessage("");
        eval.setNoDataMessage("No evaluation yet");
        mirror.setNoDataMessage("No evaluation yet");
    }

    /** The chart with the given id. */
    public LiveChart chart(Id id) {
        return switch (id) {
            case LOSS -> loss;
            case LR -> lr;
            case EVAL -> eval;
            case MIRROR -> mirror;
        };
    }

    /** All four charts. */
    public List<LiveChart> all() {
        return List.of(loss, lr, eval, mirror);
    }

    /** Removes every series from every chart. */
    void clear() {
        all().forEach(LiveChart::removeAllSeries);
    }

    /** Shows a series a feed created. */
    void attach(Id id, SeriesSpec spec, BoundedSeries series) {
        chart(id).addSeries(spec, series);
    }
}
