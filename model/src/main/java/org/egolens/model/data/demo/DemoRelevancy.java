package org.egolens.model.data.demo;

import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The EK-100 MIR relevancy between a clip and a sentence (docs/evaluation-and-formats.md §2.5, the JPoSE rule):
 * {@code R = ½·[same verb_class] + ½·|N_v ∩ N_s| / |N_v ∪ N_s|} over the {@code all_noun_classes} sets. The sentence's
 * classes come from the row named by its {@code narration_id}. Used for the demo statistics; the evaluation code has
 * its own implementation.
 */
public final class DemoRelevancy {
    private DemoRelevancy() {}

    /** Relevancy of a clip with label {@code video} and a sentence with label {@code sentence}, in [0, 1]. */
    public static double relevancy(ClipLabel video, ClipLabel sentence) {
        double verb = video.verbClass() == sentence.verbClass() ? 1 : 0;
        return (verb + jaccard(video.allNounClasses(), sentence.allNounClasses())) / 2;
    }

    /** Jaccard index of two class-id sets (duplicates ignored); 0 when both are empty. */
    static double jaccard(int[] a, int[] b) {
        int[] x = Arrays.stream(a).distinct().toArray();
        int[] y = Arrays.stream(b).distinct().toArray();
        long inter = Arrays.stream(x).filter(v -> Arrays.stream(y).anyMatch(w -> w == v)).count();
        long union = x.length + y.length - inter;
        return union == 0 ? 0 : (double) inter / union;
    }

    /**
     * The relevancy matrix, {@code (videos, sentences)}.
     *
     * @param videos    labels of the clips (rows)
     * @param sentences labels of the sentences (columns)
     */
    public static double[][] matrix(List<ClipLabel> videos, List<ClipLabel> sentences) {
        double[][] r = new double[videos.size()][sentences.size()];
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < r[i].length; j++) {
                r[i][j] = relevancy(videos.get(i), sentences.get(j));
            }
        }
        return r;
    }

    /** Counts of each distinct value of a matrix (values equal to 1e-9 are merged), ascending. */
    public static SortedMap<Double, Long> histogram(double[][] r) {
        SortedMap<Double, Long> h = new TreeMap<>();
        for (double[] row : r) {
            for (double v : row) {
                h.merge(Math.round(v * 1e9) / 1e9, 1L, Long::sum);
            }
        }
        return h;
    }
}
