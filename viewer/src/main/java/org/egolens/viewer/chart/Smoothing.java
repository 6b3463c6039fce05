package org.egolens.viewer.chart;

/**
 * Display smoothing of noisy training curves.
 */
public final class Smoothing {
    private Smoothing() {}

    /**
     * Debiased exponential moving average with the decay measured in x units (steps), as TensorBoard's scalar smoothing
     * for unit spacing: with {@code d = weight^(x_i - x_{i-1})},
     * {@code m_i = d·m_{i-1} + (1 - d)·y_i}, {@code z_i = d·z_{i-1} + (1 - d)}, output {@code m_i / z_i}
     * ({@code m_0 = z_0 = 0}; the first point counts as one step). Measuring the decay in steps keeps the smoothing
     * strength independent of down-sampling: a gap of g steps weighs like g repeats of the next value.
     * Non-finite y values are passed through and do not enter the average.
     *
     * @param x      strictly increasing x values
     * @param y      values, same length
     * @param weight smoothing weight in [0, 1); 0 returns a copy of y
     * @return the smoothed values (a new array)
     * @throws IllegalArgumentException if the lengths differ or weight is outside [0, 1)
     */
    public static double[] ema(double[] x, double[] y, double weight) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("smoothing weight must be in [0, 1), got " + weight);
        }
        double[] out = new double[y.length];
        if (weight == 0) {
            System.arraycopy(y, 0, out, 0, y.length);
            return out;
        }
        double lnW = Math.log(weight);
        double m = 0;
        double z = 0;
        double prevX = Double.NaN;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                out[i] = y[i];
                continue;
            }
            double dx = Double.isNaN(prevX) ? 1 : Math.max(0, x[i] - prevX);
            double d = Math.exp(lnW * dx);
            m = d * m + (1 - d) * y[i];
            z = d * z + (1 - d);
            out[i] = z > 0 ? m / z : y[i];
            prevX = x[i];
        }
        return out;
    }
}
