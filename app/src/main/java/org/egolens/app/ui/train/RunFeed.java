package org.egolens.app.ui.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.paint.Color;
import org.egolens.model.train.run.MetricsFollower;
import org.egolens.model.train.run.RetrievalScores;
import org.egolens.model.train.run.RunEvent;
import org.egolens.model.train.run.RunHistory;
import org.egolens.viewer.chart.BoundedSeries;
import org.egolens.viewer.chart.ChartPalette;
import org.egolens.viewer.chart.SeriesSpec;

/**
 * Feeds one run's {@code metrics.jsonl} into chart series. Created on the FX thread; {@link #poll()} runs on the monitor
 * thread and appends to the (thread-safe) {@link BoundedSeries} directly, so the FX thread only copies bounded
 * snapshots a few times a second. Series for loss terms are created when a term first appears and handed to the FX
 * thread in the {@link Update}.
 *
 * <p>In detail mode (one run shown) the loss chart has the total and every term, the eval chart mAP and nDCG in both
 * directions; in overlay mode every series of the run has the run's colour and only the total loss and the averages are
 * drawn.
 */
final class RunFeed {
    /** A series to attach to a chart. */
    record NewSeries(TrainCharts.Id chart, SeriesSpec spec, BoundedSeries series) {}

    /**
     * What one poll found, applied to the {@link RunItem} and the charts on the FX thread.
     *
     * @param feed   the feed
     * @param reset  the metrics file was truncated or replaced
     * @param last   the latest step event, or null if none in this poll
     * @param status the latest status event in this poll, or null
     * @param best   the best evaluation so far, or null
     * @param nan    the latest NaN event in this poll, or null
     * @param errors malformed-line messages
     * @param added  series created in this poll
     */
    record Update(RunFeed feed, boolean reset, RunEvent.Step last, RunEvent.Status status, RunEvent.Eval best,
                  RunEvent.Nan nan, List<String> errors, List<NewSeries> added) {
        boolean isEmpty() {
            return !reset && last == null && status == null && nan == null && errors.isEmpty() && added.isEmpty()
                    && best == null;
        }
    }

    private final RunItem item;
    private final MetricsFollower follower;
    private final RunHistory history = RunHistory.summaryOnly();
    private final boolean detail;
    private final Color colour;
    private final String prefix;
    private final String runName;
    private final List<NewSeries> initial = new ArrayList<>();
    private final BoundedSeries loss;
    private final BoundedSeries lr;
    private final BoundedSeries mapAvg;
    private final BoundedSeries ndcgAvg;
    private final BoundedSeries mirror;
    private final BoundedSeries[] directions = new BoundedSeries[4]; // mAP v2t, t2v, nDCG v2t, t2v (detail only)
    private final Map<String, BoundedSeries> terms = new LinkedHashMap<>();
    private RunEvent.Eval reportedBest;

    /**
     * @param item   the run
     * @param index  position among the shown runs (its colour in overlay mode)
     * @param detail one run shown: draw its loss terms and both retrieval directions
     */
    RunFeed(RunItem item, int index, boolean detail) {
        this.item = item;
        this.follower = new MetricsFollower(item.folder().metricsFile());
        this.detail = detail;
        this.colour = ChartPalette.series(index);
        this.prefix = index + ":";
        this.runName = item.nameProperty().get();
        Color blue = ChartPalette.series(0);
        loss = series(TrainCharts.Id.LOSS, SeriesSpec.smoothed(prefix + "loss", detail ? "total" : runName,
                detail ? blue : colour).withWidth(2.0));
        lr = series(TrainCharts.Id.LR, SeriesSpec.line(prefix + "lr", detail ? "learning rate" : runName,
                detail ? blue : colour));
        mapAvg = series(TrainCharts.Id.EVAL, SeriesSpec.markers(prefix + "mAP", detail ? "mAP avg" : runName + " mAP",
                detail ? blue : colour).withWidth(2.0));
        if (detail) {
            directions[0] = series(TrainCharts.Id.EVAL, SeriesSpec.markers(prefix + "mAP.v2t", "mAP V\u2192T",
                    ChartPalette.series(1)).withWidth(1.2));
            directions[1] = series(TrainCharts.Id.EVAL, SeriesSpec.markers(prefix + "mAP.t2v", "mAP T\u2192V",
                    ChartPalette.series(2)).withWidth(1.2));
        }
        ndcgAvg = series(TrainCharts.Id.EVAL, SeriesSpec.markers(prefix + "nDCG", detail ? "nDCG avg"
                : runName + " nDCG", detail ? blue : colour).asDashed());
        if (detail) {
            directions[2] = series(TrainCharts.Id.EVAL, SeriesSpec.markers(prefix + "nDCG.v2t", "nDCG V\u2192T",
                    ChartPalette.series(1)).withWidth(1.2).asDashed());
            directions[3] = series(TrainCharts.Id.EVAL, SeriesSpec.markers(prefix + "nDCG.t2v", "nDCG T\u2192V",
                    ChartPalette.series(2)).withWidth(1.2).asDashed());
        }
        mirror = series(TrainCharts.Id.MIRROR, SeriesSpec.markers(prefix + "mirror", detail ? "mirror-pair" : runName,
                detail ? blue : colour));
    }

    private BoundedSeries series(TrainCharts.Id chart, SeriesSpec spec) {
        BoundedSeries s = new BoundedSeries();
        initial.add(new NewSeries(chart, spec, s));
        return s;
    }

    /** The run. */
    RunItem item() {
        return item;
    }

    /** The series created with the feed, to attach before the first poll. */
    List<NewSeries> initialSeries() {
        return List.copyOf(initial);
    }

    /**
     * Reads what the trainer appended and feeds the series. Monitor thread.
     *
     * @throws IOException if the metrics file cannot be read
     */
    Update poll() throws IOException {
        boolean reset = false;
        RunEvent.Step last = null;
        RunEvent.Status status = null;
        RunEvent.Nan nan = null;
        List<String> errors = new ArrayList<>();
        List<NewSeries> added = new ArrayList<>();
        MetricsFollower.Batch b;
        int rounds = 0;
        do {
            b = follower.poll();
            if (b.reset()) {
                reset = true;
                clearAll();
                last = null;
                status = null;
            }
            history.apply(b);
            errors.addAll(b.errors());
            for (RunEvent e : b.events()) {
                if (e instanceof RunEvent.Step s) {
                    feedStep(s, added);
                    last = s;
                } else if (e instanceof RunEvent.Eval v) {
                    feedEval(v);
                } else if (e instanceof RunEvent.Status s) {
                    status = s;
                } else if (e instanceof RunEvent.Nan n) {
                    nan = n;
                }
            }
        } while (b.more() && ++rounds < 16);
        RunEvent.Eval best = history.bestEval().orElse(null);
        if (best != null && best.equals(reportedBest) && !reset) {
            best = null; // unchanged
        } else {
            reportedBest = best;
        }
        return new Update(this, reset, last, status, best, nan, errors, added);
    }

    private void feedStep(RunEvent.Step s, List<NewSeries> added) {
        loss.add(s.step(), s.loss());
        lr.add(s.step(), s.lr());
        if (!detail) {
            return;
        }
        for (Map.Entry<String, Double> t : s.terms().entrySet()) {
            BoundedSeries ts = terms.get(t.getKey());
            if (ts == null) {
                ts = new BoundedSeries();
                terms.put(t.getKey(), ts);
                added.add(new NewSeries(TrainCharts.Id.LOSS, SeriesSpec.smoothed(prefix + "term." + t.getKey(),
                        t.getKey(), ChartPalette.series(terms.size())).withWidth(1.4), ts));
            }
            ts.add(s.step(), t.getValue());
        }
    }

    private void feedEval(RunEvent.Eval v) {
        RetrievalScores m = v.mAP();
        RetrievalScores n = v.nDCG();
        mapAvg.add(v.step(), m.avg());
        ndcgAvg.add(v.step(), n.avg());
        mirror.add(v.step(), v.mirrorPair());
        if (detail) {
            directions[0].add(v.step(), m.v2t());
            directions[1].add(v.step(), m.t2v());
            directions[2].add(v.step(), n.v2t());
            directions[3].add(v.step(), n.t2v());
        }
    }

    private void clearAll() {
        for (BoundedSeries s : new BoundedSeries[] {loss, lr, mapAvg, ndcgAvg, mirror}) {
            s.clear();
        }
        for (BoundedSeries s : directions) {
            if (s != null) {
                s.clear();
            }
        }
        terms.values().forEach(BoundedSeries::clear);
        reportedBest = null;
    }
}
