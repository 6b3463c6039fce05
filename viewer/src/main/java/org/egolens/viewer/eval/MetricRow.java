package org.egolens.viewer.eval;

import java.util.List;
import java.util.Objects;

/**
 * One row of a metrics table: a metric name and one value per column (NaN where a column has none).
 *
 * @param name   e.g. {@code mAP} or {@code nDCG.v2t}
 * @param values one value per column
 * @param count  true for counts (shown as integers, never marked best)
 */
public record MetricRow(String name, List<Double> values, boolean count) {
    /** Copies the values. */
    public MetricRow {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
    }

    /** Index of the largest value, or −1 when there are fewer than two numbers or this row is a count. */
    public int best() {
        if (count) {
            return -1;
        }
        int best = -1;
        int numbers = 0;
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (!Double.isNaN(v)) {
                numbers++;
                if (best < 0 || v > values.get(best)) {
                    best = i;
                }
            }
        }
        return numbers < 2 ? -1 : best;
    }
}
