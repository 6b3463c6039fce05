package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.io.Npy;
import org.egolens.model.testing.SharedData;

/** Access to the golden reference {@code shared/data/reference/eva02clip-tiny} and tolerance checks. */
final class Golden {
    static final String DIR = "reference/eva02clip-tiny";

    private Golden() {}

    static Path dir() {
        return SharedData.require(DIR);
    }

    static Path file(String name) {
        return SharedData.require(DIR + "/" + name);
    }

    static Npy.Array npy(String name) throws IOException {
        return Npy.read(file(name));
    }

    /** A (B, 3, T, H, W) or (B, 3, H, W) array as a FrameBatch (T = 1 for the latter). */
    static FrameBatch frames(String name) throws IOException {
        Npy.Array a = npy(name);
        int[] s = a.intShape();
        if (s.length == 4) {
            return new FrameBatch(a.toFloats(), s[0], s[1], 1, s[2], s[3]);
        }
        return new FrameBatch(a.toFloats(), s[0], s[1], s[2], s[3], s[4]);
    }

    static long[][] ids(String name) throws IOException {
        Npy.Array a = npy(name);
        int[] s = a.intShape();
        long[] flat = a.toLongs();
        long[][] out = new long[s[0]][s[1]];
        for (int i = 0; i < s[0]; i++) {
            System.arraycopy(flat, i * s[1], out[i], 0, s[1]);
        }
        return out;
    }

    /** Row-major copy of {@code (N, L)} token ids. */
    static long[] flatIds(long[][] ids) {
        long[] out = new long[ids.length * ids[0].length];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(ids[i], 0, out, i * ids[i].length, ids[i].length);
        }
        return out;
    }

    static float[] flat(float[][] x) {
        int n = 0;
        for (float[] r : x) {
            n += r.length;
        }
        float[] out = new float[n];
        int o = 0;
        for (float[] r : x) {
            System.arraycopy(r, 0, out, o, r.length);
            o += r.length;
        }
        return out;
    }

    static float[] flat(float[][][] x) {
        int n = 0;
        for (float[][] r : x) {
            for (float[] c : r) {
                n += c.length;
            }
        }
        float[] out = new float[n];
        int o = 0;
        for (float[][] r : x) {
            for (float[] c : r) {
                System.arraycopy(c, 0, out, o, c.length);
                o += c.length;
            }
        }
        return out;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    /** Asserts shape-compatible values within {@code tol} max abs, reporting the difference. */
    static double assertClose(String what, float[] expected, float[] actual, double tol) {
        double d = maxAbsDiff(expected, actual);
        assertTrue(d <= tol, what + ": max abs diff " + d + " > " + tol);
        return d;
    }

    static void assertShape(Npy.Array a, long... shape) {
        assertArrayEquals(shape, a.shape(), "reference shape");
    }
}
