package org.egolens.model.data.demo;

/**
 * Head motion of the wearer during a clip: a slow drift from one offset to another plus a small shake. Offsets are
 * fractions of the frame width/height, rotation in radians.
 *
 * <p>Each component is {@code d0·r + d1·s + Σ_j (a_j·sin(2π f_j s + φ_j) + b_j·sin(2π f_j r + ψ_j))}; the mirror path
 * swaps d0↔d1 and (a, φ)↔(b, ψ), which evaluated at (r, s) gives bit-identical values.
 *
 * @param drift0 (dx, dy, rot) at s = 0 without shake
 * @param drift1 (dx, dy, rot) at s = 1 without shake
 * @param freq   shake frequencies, cycles per clip, one per term
 * @param ampA   amplitudes of the forward terms, [term][component]
 * @param phaseA phases of the forward terms, [term][component], radians
 * @param ampB   amplitudes of the backward terms, [term][component]
 * @param phaseB phases of the backward terms, [term][component], radians
 */
public record CameraPath(double[] drift0, double[] drift1, double[] freq, double[][] ampA, double[][] phaseA,
        double[][] ampB, double[][] phaseB) {
    /** A camera that does not move. */
    public static CameraPath still() {
        return new CameraPath(new double[3], new double[3], new double[0], new double[0][3], new double[0][3],
                new double[0][3], new double[0][3]);
    }

    /** Offset at time {@code t}: {dx (fraction of width), dy (fraction of height), rotation (radians)}. */
    public double[] at(ClipTime t) {
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            double v = drift0[c] * t.r() + drift1[c] * t.s();
            for (int j = 0; j < freq.length; j++) {
                double w = 2 * Math.PI * freq[j];
                v += ampA[j][c] * StrictMath.sin(w * t.s() + phaseA[j][c]) + ampB[j][c] * StrictMath.sin(w * t.r() + phaseB[j][c]);
            }
            out[c] = v;
        }
        return out;
    }

    /** Content equality (the record default would compare the arrays by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof CameraPath c && java.util.Arrays.equals(drift0, c.drift0)
                && java.util.Arrays.equals(drift1, c.drift1) && java.util.Arrays.equals(freq, c.freq)
                && java.util.Arrays.deepEquals(ampA, c.ampA) && java.util.Arrays.deepEquals(phaseA, c.phaseA)
                && java.util.Arrays.deepEquals(ampB, c.ampB) && java.util.Arrays.deepEquals(phaseB, c.phaseB);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(java.util.Arrays.hashCode(drift0), java.util.Arrays.hashCode(drift1),
                java.util.Arrays.hashCode(freq), java.util.Arrays.deepHashCode(ampA),
                java.util.Arrays.deepHashCode(ampB));
    }

    @Override
    public String toString() {
        return "CameraPath[drift0=" + java.util.Arrays.toString(drift0) + ", drift1="
                + java.util.Arrays.toString(drift1) + ", " + freq.length + " shake terms]";
    }

    /** The path played backwards. */
    public CameraPath reversed() {
        return new CameraPath(drift1, drift0, freq, ampB, phaseB, ampA, phaseA);
    }
}
