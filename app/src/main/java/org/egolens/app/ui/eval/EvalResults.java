package org.egolens.app.ui.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.egolens.model.eval.MirResult;
import org.egolens.model.eval.run.EvalSummary;
import org.egolens.model.eval.run.MirDirection;
import org.egolens.model.eval.run.MirEvaluation;
import org.egolens.viewer.eval.MetricRow;
import org.egolens.viewer.eval.QueryScore;

/** Turns evaluation results into the rows the evaluation views show. Pure functions, no JavaFX state. */
final class EvalResults {
    private EvalResults() {}

    /** Column titles of one MIR run's metrics table. */
    static final List<String> MIR_COLUMNS = List.of("V\u2192T", "T\u2192V", "avg");

    /** mAP and nDCG in both directions and their average, then the excluded-query counts. */
    static List<MetricRow> mirRows(MirResult r) {
        return List.of(new MetricRow("mAP", List.of(r.mAP().v2t(), r.mAP().t2v(), r.mAP().avg()), false),
                new MetricRow("nDCG", List.of(r.nDCG().v2t(), r.nDCG().t2v(), r.nDCG().avg()), false),
                new MetricRow("excluded (mAP)", List.of((double) r.excluded().mapV2T(), (double) r.excluded().mapT2V(),
                        Double.NaN), true),
                new MetricRow("excluded (nDCG)", List.of((double) r.excluded().ndcgV2T(),
                        (double) r.excluded().ndcgT2V(), Double.NaN), true));
    }

    /** Every number of a run's {@code metrics.json} in one column (tasks other than MIR). */
    static List<MetricRow> flatRows(EvalSummary s) {
        List<MetricRow> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : s.metrics().entrySet()) {
            out.add(new MetricRow(displayName(e.getKey()), List.of(e.getValue()), isCount(e.getKey())));
        }
        return out;
    }

    /** The per-query rows of a direction. */
    static List<QueryScore> queries(MirEvaluation e, MirDirection d) {
        List<QueryScore> out = new ArrayList<>(e.queries(d));
        for (int q = 0; q < e.queries(d); q++) {
            out.add(new QueryScore(q, e.queryId(d, q), e.queryText(d, q), e.ap(d, q), e.ndcg(d, q)));
        }
        return out;
    }

    /** Column title of a run in the comparison table, two lines, e.g. {@code tiny T=4} and {@code 03-21 14:05}. */
    static String title(EvalSummary s) {
        String when = s.record().created().atZone(java.time.ZoneId.systemDefault())
                .format(java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT));
        return s.record().modelName() + " T=" + s.record().frames() + "\n" + when;
    }

    /** The comparison rows: every metric key of the runs, in order of first appearance, one column per run. */
    static List<MetricRow> comparison(List<EvalSummary> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.metrics().keySet()));
        List<MetricRow> out = new ArrayList<>();
        for (String k : keys) {
            List<Double> values = runs.stream().map(r -> r.metric(k)).toList();
            out.add(new MetricRow(displayName(k), values, isCount(k)));
        }
        return out;
    }

    /** A metrics.json key as a row name: {@code excluded.} shortened to {@code excl. }. */
    static String displayName(String key) {
        return key.startsWith("excluded.") ? "excl. " + key.substring("excluded.".length()) : key;
    }

    private static boolean isCount(String key) {
        return key.startsWith("excluded.") || key.startsWith("counts.");
    }
}
