package org.egolens.model.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.egolens.model.io.Npy;

/**
 * A dense, row-major {@code (rows, cols)} matrix of scores held in float32 or float64 (whichever it was made or read
 * with; float64 similarity matrices are not rounded, so their ranking ties stay exactly as in the file).
 *
 * <p>Used for similarity matrices {@code S (videos, sentences)} and relevancy matrices. The backing array is owned by
 * the matrix: the factories take it without copying, and no method hands it out, so a matrix cannot change after it
 * is made.
 */
public final class DenseMatrix {
    private final int rows;
    private final int cols;
    private final float[] floats;
    private final double[] doubles;

    private DenseMatrix(int rows, int cols, float[] floats, double[] doubles) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape (" + rows + ", " + cols + ")");
        }
        long n = (long) rows * cols;
        int len = floats != null ? floats.length : doubles.length;
        if (n != len) {
            throw new IllegalArgumentException("shape (" + rows + ", " + cols + ") needs " + n + " values, got " + len);
        }
        this.rows = rows;
        this.cols = cols;
        this.floats = floats;
        this.doubles = doubles;
    }

    /** A float32 matrix over {@code data} (row-major, length {@code rows*cols}; not copied — do not modify it later). */
    public static DenseMatrix ofFloats(int rows, int cols, float[] data) {
        return new DenseMatrix(rows, cols, data, null);
    }

    /** A float64 matrix over {@code data} (row-major, length {@code rows*cols}; not copied — do not modify it later). */
    public static DenseMatrix ofDoubles(int rows, int cols, double[] data) {
        return new DenseMatrix(rows, cols, null, data);
    }

    /** A float64 matrix copied from rows. @throws IllegalArgumentException if the rows are ragged */
    public static DenseMatrix fromRows(double[][] rowData) {
        int r = rowData.length;
        int c = r == 0 ? 0 : rowData[0].length;
        double[] flat = new double[Math.multiplyExact(r, c)];
        for (int i = 0; i < r; i++) {
            if (rowData[i].length != c) {
                throw new IllegalArgumentException("ragged matrix: row " + i + " has " + rowData[i].length + " values, row 0 has " + c);
            }
            System.arraycopy(rowData[i], 0, flat, i * c, c);
        }
        return ofDoubles(r, c, flat);
    }

    /**
     * Reads a 2-D {@code .npy}. {@code f4} stays float32, {@code f8} stays float64, other numeric dtypes become float64.
     *
     * @throws IOException if the file is unreadable, not 2-D or too large for one Java array (message names the file)
     */
    public static DenseMatrix readNpy(Path file) throws IOException {
        Npy.Array a = Npy.read(file);
        if (a.shape().length != 2) {
            throw new IOException(file + ": expected a 2-D array, got shape " + Arrays.toString(a.shape()));
        }
        if (a.size() > Integer.MAX_VALUE - 8) {
            throw new IOException(file + ": " + a.size() + " values do not fit one Java array");
        }
        int[] shape = a.intShape();
        String type = a.descr().substring(1);
        if (type.equals("f4")) {
            float[] data = new float[shape[0] * shape[1]];
            a.data().duplicate().order(a.data().order()).asFloatBuffer().get(data);
            return ofFloats(shape[0], shape[1], data);
        }
        if (type.equals("f8")) {
            double[] data = new double[shape[0] * shape[1]];
            a.data().duplicate().order(a.data().order()).asDoubleBuffer().get(data);
            return ofDoubles(shape[0], shape[1], data);
        }
        return ofDoubles(shape[0], shape[1], a.toDoubles());
    }

    /** Writes the matrix as a 2-D {@code .npy} in its own precision ({@code <f4} or {@code <f8}). */
    public void writeNpy(Path file) throws IOException {
        if (floats != null) {
            Npy.writeFloats(file, floats, rows, cols);
        } else {
            Npy.writeDoubles(file, doubles, rows, cols);
        }
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int cols() {
        return cols;
    }

    /** True when backed by float64 values. */
    public boolean isDoublePrecision() {
        return doubles != null;
    }

    /** Value at {@code (row, col)}. @throws IndexOutOfBoundsException outside the shape */
    public double get(int row, int col) {
        int k = index(row, col);
        return floats != null ? floats[k] : doubles[k];
    }

    /** Copies row {@code row} into {@code out[0..cols)}. */
    public void copyRow(int row, double[] out) {
        Objects.checkIndex(row, rows);
        int base = row * cols;
        if (floats != null) {
            for (int j = 0; j < cols; j++) {
                out[j] = floats[base + j];
            }
        } else {
            System.arraycopy(doubles, base, out, 0, cols);
        }
    }

    /**
     * Copies columns {@code [first, first+count)} into {@code out[k][0..rows)} (a transposed block), reading the matrix
     * row by row so the access stays sequential.
     */
    public void copyColumns(int first, int count, double[][] out) {
        Objects.checkFromIndexSize(first, count, cols);
        for (int i = 0; i < rows; i++) {
            int base = i * cols + first;
            if (floats != null) {
                for (int k = 0; k < count; k++) {
                    out[k][i] = floats[base + k];
                }
            } else {
                for (int k = 0; k < count; k++) {
                    out[k][i] = doubles[base + k];
                }
            }
        }
    }

    /**
     * A new matrix holding the given columns in the given order (same precision), e.g. picking the sentence columns of
     * a {@code (videos, videos)} similarity (docs §2.2 step 3).
     *
     * @throws IndexOutOfBoundsException if a column index is outside {@code [0, cols)}
     */
    public DenseMatrix selectColumns(int[] columns) {
        for (int c : columns) {
            Objects.checkIndex(c, cols);
        }
        int m = columns.length;
        if (floats != null) {
            float[] out = new float[Math.multiplyExact(rows, m)];
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < m; k++) {
                    out[i * m + k] = floats[i * cols + columns[k]];
                }
            }
            return ofFloats(rows, m, out);
        }
        double[] out = new double[Math.multiplyExact(rows, m)];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < m; k++) {
                out[i * m + k] = doubles[i * cols + columns[k]];
            }
        }
        return ofDoubles(rows, m, out);
    }

    /** A float32 copy (values rounded to float); returns {@code this} when already float32. */
    public DenseMatrix toFloat32() {
        if (floats != null) {
            return this;
        }
        float[] out = new float[doubles.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) doubles[k];
        }
        return ofFloats(rows, cols, out);
    }

    private int index(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return row * cols + col;
    }

    @Override
    public String toString() {
        return "DenseMatrix(" + rows + ", " + cols + ", " + (floats != null ? "float32" : "float64") + ")";
    }
}
