package org.egolens.model.data.demo;

/**
 * Mirror-pair score: the fraction of clips whose correct caption is more similar to the clip than the caption of the
 * mirror verb ("pick up cup" vs "put down cup"), by cosine similarity; an exact tie counts one half. Because every clip
 * of a {@link MirrorPairSet} comes with its reversed twin, a model that ignores frame order scores exactly 0.5, and only
 * a model that reads the order of frames can score above it.
 */
public final class MirrorPairScore {
    private MirrorPairScore() {}

    /**
     * Scores embeddings of a mirror-pair set.
     *
     * @param videoEmb {@code (N, D)} clip embeddings, in {@link MirrorPairSet#pairs()} order
     * @param textEmb  {@code (K, D)} caption embeddings, in {@link MirrorPairSet#sentences()} order
     * @param set      the set
     * @return score in [0, 1]
     * @throws IllegalArgumentException on mismatched sizes
     */
    public static double score(float[][] videoEmb, float[][] textEmb, MirrorPairSet set) {
        if (videoEmb.length != set.pairs().size() || textEmb.length != set.sentences().size()) {
            throw new IllegalArgumentException("mirror-pair set has " + set.pairs().size() + " clips and "
                    + set.sentences().size() + " captions, got " + videoEmb.length + " clip and " + textEmb.length
                    + " caption embeddings");
        }
        return score(videoEmb, textEmb, set.correctIndex(), set.mirroredIndex());
    }

    /**
     * Scores clips against caption pairs.
     *
     * @param videoEmb {@code (N, D)} clip embeddings (need not be normalised)
     * @param textEmb  {@code (K, D)} caption embeddings (need not be normalised)
     * @param correct  {@code N} rows of {@code textEmb}: each clip's correct caption
     * @param mirrored {@code N} rows of {@code textEmb}: each clip's mirror-verb caption
     * @return mean over clips of 1 (correct more similar), ½ (tie) or 0
     * @throws IllegalArgumentException on mismatched sizes, an index out of range or a zero embedding
     */
    public static double score(float[][] videoEmb, float[][] textEmb, int[] correct, int[] mirrored) {
        int n = videoEmb.length;
        if (n == 0 || correct.length != n || mirrored.length != n) {
            throw new IllegalArgumentException("need one correct and one mirrored caption per clip: " + n + " clips, "
                    + correct.length + " correct, " + mirrored.length + " mirrored");
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double c = cosine(videoEmb[i], row(textEmb, correct[i]));
            double m = cosine(videoEmb[i], row(textEmb, mirrored[i]));
            total += c > m ? 1 : (c == m ? 0.5 : 0);
        }
        return total / n;
    }

    private static float[] row(float[][] m, int i) {
        if (i < 0 || i >= m.length) {
            throw new IllegalArgumentException("caption index " + i + " outside [0, " + m.length + ")");
        }
        return m[i];
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embedding sizes differ: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            na += (double) a[k] * a[k];
            nb += (double) b[k] * b[k];
        }
        if (na == 0 || nb == 0) {
            throw new IllegalArgumentException("zero embedding has no direction");
        }
        return dot / Math.sqrt(na * nb);
    }
}
