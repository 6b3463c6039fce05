package org.egolens.viewer.chart;

import java.util.List;
import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;

/**
 * A JFreeChart dataset over plain arrays, replaced wholesale: {@link #setCurves} swaps all curves and fires a single
 * change event, so a chart redraws once per batch of points instead of once per point. Use from the FX thread only
 * (JFreeChart's FX canvas redraws synchronously on change events).
 */
public final class LiveXYDataset extends AbstractXYDataset {
    private static final long serialVersionUID = 1L;

    /**
     * One drawn curve.
     *
     * @param key unique key (JFreeChart series key)
     * @param x   x values, increasing
     * @param y   y values, same length
     */
    public record Curve(String key, double[] x, double[] y) {
        /** @throws IllegalArgumentException if the lengths differ */
        public Curve {
            if (x.length != y.length) {
                throw new IllegalArgumentException(key + ": " + x.length + " x values but " + y.length + " y values");
            }
        }
    }

    private transient List<Curve> curves = List.of();

    /** Replaces all curves and notifies listeners once. */
    public void setCurves(List<Curve> next) {
        curves = List.copyOf(next);
        fireDatasetChanged();
    }

    /** The current curves. */
    public List<Curve> curves() {
        return curves;
    }

    @Override
    public int getSeriesCount() {
        return curves.size();
    }

    @Override
    public Comparable<?> getSeriesKey(int series) {
        return curves.get(series).key();
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }

    @Override
    public int getItemCount(int series) {
        return curves.get(series).x().length;
    }

    @Override
    public Number getX(int series, int item) {
        return curves.get(series).x()[item];
    }

    @Override
    public Number getY(int series, int item) {
        return curves.get(series).y()[item];
    }

    @Override
    public double getXValue(int series, int item) {
        return curves.get(series).x()[item];
    }

    @Override
    public double getYValue(int series, int item) {
        return curves.get(series).y()[item];
    }
}
