package org.egolens.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.io.Npy;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.testing.SharedData;

/**
 * The golden reference {@code shared/data/reference/eva02clip-tiny} (official EVA-CLIP code, torch 1.13) and the
 * checks every loading path must pass against it: 1e-5 max abs error on features and logits.
 */
final class Reference {
    static final String DIR = "reference/eva02clip-tiny";
    static final double TOL = 1e-5;
    /** The strings behind text_ids.npy (reference README). */
    static final java.util.List<String> TEXTS = java.util.List.of("open fridge", "cut onion into slices",
            "#C C picks a bag of clothes from the floor");

    private Reference() {}

    static Path dir() {
        return SharedData.require(DIR);
    }

    static Path file(String name) {
        return SharedData.require(DIR + "/" + name);
    }

    static Path vocab() {
        return SharedData.require("tokenizer/bpe_simple_vocab_16e6.txt.gz");
    }

    static Npy.Array npy(String name) throws IOException {
        return Npy.read(file(name));
    }

    /** (B, 3, H, W) as T = 1, or (B, 3, T, H, W). */
    static FrameBatch frames(String name) throws IOException {
        Npy.Array a = npy(name);
        int[] s = a.intShape();
        return s.length == 4 ? new FrameBatch(a.toFloats(), s[0], s[1], 1, s[2], s[3])
                : new FrameBatch(a.toFloats(), s[0], s[1], s[2], s[3], s[4]);
    }

    static long[][] ids() throws IOException {
        Npy.Array a = npy("text_ids.npy");
        int[] s = a.intShape();
        long[] flat = a.toLongs();
        long[][] out = new long[s[0]][s[1]];
        for (int i = 0; i < s[0]; i++) {
            System.arraycopy(flat, i * s[1], out[i], 0, s[1]);
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

    static double maxAbsDiff(float[] a, float[] b) {
        assertTrue(a.length == b.length, "lengths differ: " + a.length + " vs " + b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    static double assertClose(String what, float[] expected, float[] actual, double tol) {
        double d = maxAbsDiff(expected, actual);
        assertTrue(d <= tol, what + ": max abs diff " + d + " > " + tol);
        return d;
    }

    /**
     * {@code exp(logit_scale) · norm(image) @ norm(text)ᵀ}, computed here from the raw features in double (CLIP's
     * {@code logits_per_image}).
     */
    static float[][] logits(float scale, float[][] img, float[][] txt) {
        float[][] out = new float[img.length][txt.length];
        for (int i = 0; i < img.length; i++) {
            for (int j = 0; j < txt.length; j++) {
                double dot = 0;
                double ni = 0;
                double nt = 0;
                for (int c = 0; c < img[i].length; c++) {
                    dot += (double) img[i][c] * txt[j][c];
                    ni += (double) img[i][c] * img[i][c];
                    nt += (double) txt[j][c] * txt[j][c];
                }
                out[i][j] = (float) (scale * dot / Math.sqrt(ni) / Math.sqrt(nt));
            }
        }
        return out;
    }

    /** Image features, text features and logits of the image-text reference, each within {@link #TOL}. */
    static double[] assertImageTextOutputs(Eva02AtClipModel m) throws IOException {
        float[][] img = m.encodeImagesRaw(frames("image.npy"));
        float[][] txt = m.encodeTokenIdsRaw(ids());
        assertArrayEquals(new long[] {1, 32}, npy("image_features.npy").shape());
        double di = assertClose("image_features", npy("image_features.npy").toFloats(), flat(img), TOL);
        double dt = assertClose("text_features", npy("text_features.npy").toFloats(), flat(txt), TOL);
        double dl = assertClose("logits", npy("logits.npy").toFloats(), flat(logits(m.logitScale(), img, txt)), TOL);
        return new double[] {di, dt, dl};
    }

    /** Video features of frames.npy within {@link #TOL}. */
    static double assertVideoOutputs(Eva02AtClipModel m) throws IOException {
        return assertClose("video_features", npy("video_features.npy").toFloats(),
                flat(m.encodeVideosRaw(frames("frames.npy"))), TOL);
    }
}
