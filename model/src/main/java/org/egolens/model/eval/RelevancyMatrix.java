package org.egolens.model.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Sentence;

/**
 * The EK-100 MIR relevancy matrix {@code R (videos, sentences)}: rows are clips in annotation-file order, columns are
 * sentences in sentence-file order, every value in {@code [0, 1]}.
 *
 * <p>Definition (docs/evaluation-and-formats.md §2.5, JPoSE {@code create_relevancy_files.py}):
 * {@code R[v,s] = ½·[verb_class(v) == verb_class(s)] + ½·|N(v) ∩ N(s)| / |N(v) ∪ N(s)|}, with {@code N} the
 * <em>set</em> of {@code all_noun_classes} (repeats count once). A sentence without class columns (test sentence file)
 * takes the classes of the clip named by its {@code narration_id}; a train sentence uses its own {@code verb_class} and
 * {@code noun_classes}. If both noun sets are empty the noun part is 0 (the reference code would divide by zero).
 * Built matrices are float32 (every EK-100 value, e.g. 1/3, is stored as the nearest float; 0, ½ and 1 are exact).
 */
public final class RelevancyMatrix {
    private final DenseMatrix values;

    private RelevancyMatrix(DenseMatrix values) {
        this.values = values;
    }

    /**
     * Wraps a matrix of relevancies, e.g. one read from a {@code .npy}.
     *
     * @throws IllegalArgumentException if a value is NaN or outside {@code [0, 1]} (names the first such cell)
     */
    public static RelevancyMatrix of(DenseMatrix values) {
        int m = values.cols();
        double[] row = new double[m];
        for (int i = 0; i < values.rows(); i++) {
            values.copyRow(i, row);
            for (int j = 0; j < m; j++) {
                double v = row[j];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("relevancy must be in [0, 1]; found " + v + " at (" + i + ", " + j + ")");
                }
            }
        }
        return new RelevancyMatrix(values);
    }

    /**
     * Reads a relevancy matrix from a 2-D {@code .npy} ({@code (videos, sentences)}, any numeric dtype).
     *
     * @throws IOException if the file is unreadable, not 2-D, or holds a value outside {@code [0, 1]}
     */
    public static RelevancyMatrix readNpy(Path file) throws IOException {
        try {
            return of(DenseMatrix.readNpy(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the matrix as a 2-D {@code .npy} ({@code <f4} for built matrices). */
    public void writeNpy(Path file) throws IOException {
        values.writeNpy(file);
    }

    /**
     * Builds {@code R} from clip rows and sentences (§2.5). Runs in parallel over clips; the 9,668 × 3,842 EK-100 test
     * matrix takes well under a second on two cores.
     *
     * @param clips     clip rows (matrix rows, in this order)
     * @param sentences sentences (matrix columns, in this order)
     * @throws IllegalArgumentException if a sentence without class columns names a {@code narration_id} that is not a clip
     */
    public static RelevancyMatrix build(List<Ek100Clip> clips, List<Ek100Sentence> sentences) {
        int n = clips.size();
        int[] videoVerb = new int[n];
        List<List<Integer>> videoNouns = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            videoVerb[i] = clips.get(i).verbClass();
            videoNouns.add(clips.get(i).allNounClasses());
        }
        Labels s = sentenceLabels(clips, sentences);
        return fromLabels(videoVerb, videoNouns, s.verbs(), s.nouns());
    }

    /**
     * Class labels of sentences: a sentence's own {@code verb_class}/{@code noun_classes} columns (train sentence file),
     * else those of the clip row with its {@code narration_id} (test sentence file, §2.3).
     *
     * @param verbs verb class per sentence
     * @param nouns noun classes per sentence
     */
    public record Labels(int[] verbs, List<List<Integer>> nouns) {}

    /**
     * The labels of each sentence, in order.
     *
     * @throws IllegalArgumentException if a sentence without class columns names a {@code narration_id} that is not a clip
     */
    public static Labels sentenceLabels(List<Ek100Clip> clips, List<Ek100Sentence> sentences) {
        Map<String, Ek100Clip> byId = new HashMap<>(clips.size() * 2);
        for (Ek100Clip c : clips) {
            byId.put(c.narrationId(), c);
        }
        int m = sentences.size();
        int[] sentenceVerb = new int[m];
        List<List<Integer>> sentenceNouns = new java.util.ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            Ek100Sentence s = sentences.get(j);
            if (s.hasLabels()) {
                sentenceVerb[j] = s.labels().verbClass();
                sentenceNouns.add(s.labels().nounClasses());
            } else {
                Ek100Clip c = byId.get(s.narrationId());
                if (c == null) {
                    throw new IllegalArgumentException("sentence " + j + (s.line() > 0 ? " (line " + s.line() + ")" : "")
                            + " names narration_id " + s.narrationId() + ", which is not a clip of the annotation file");
                }
                sentenceVerb[j] = c.verbClass();
                sentenceNouns.add(c.allNounClasses());
            }
        }
        return new Labels(sentenceVerb, sentenceNouns);
    }

    /**
     * Builds {@code R[i][j] = ½·[verb_i = verb_j] + ½·|N_i ∩ N_j| / |N_i ∪ N_j|} (§2.5, EVA02-AT Eq. 5) from class labels
     * directly: rows are clips, columns sentences. Repeated nouns in a list count once (sets).
     *
     * @param videoVerb     verb class of each row
     * @param videoNouns    noun classes of each row
     * @param sentenceVerb  verb class of each column
     * @param sentenceNouns noun classes of each column
     * @throws IllegalArgumentException if a verb array and its noun list differ in length
     */
    public static RelevancyMatrix fromLabels(int[] videoVerb, List<List<Integer>> videoNouns, int[] sentenceVerb,
                                             List<List<Integer>> sentenceNouns) {
        if (videoVerb.length != videoNouns.size() || sentenceVerb.length != sentenceNouns.size()) {
            throw new IllegalArgumentException("verb and noun labels differ in count: rows " + videoVerb.length + "/"
                    + videoNouns.size() + ", columns " + sentenceVerb.length + "/" + sentenceNouns.size());
        }
        int n = videoVerb.length;
        int m = sentenceVerb.length;
        // dense ids for the noun classes, then one bit set per row / column
        Map<Integer, Integer> dense = new HashMap<>();
        videoNouns.forEach(l -> l.forEach(c -> dense.putIfAbsent(c, dense.size())));
        sentenceNouns.forEach(l -> l.forEach(c -> dense.putIfAbsent(c, dense.size())));
        int words = dense.size() / 64 + 1;
        long[] videoBits = bitSets(videoNouns, dense, words);
        long[] sentenceBits = bitSets(sentenceNouns, dense, words);
        int[] videoCount = counts(videoBits, n, words);
        int[] sentenceCount = counts(sentenceBits, m, words);
        float[] out = new float[Math.multiplyExact(n, m)];
        IntStream.range(0, n).parallel().forEach(i -> {
            int vb = i * words;
            int base = i * m;
            for (int j = 0; j < m; j++) {
                int sb = j * words;
                int inter = 0;
                for (int w = 0; w < words; w++) {
                    inter += Long.bitCount(videoBits[vb + w] & sentenceBits[sb + w]);
                }
                int union = videoCount[i] + sentenceCount[j] - inter;
                double noun = union == 0 ? 0.0 : (double) inter / union;
                double verb = videoVerb[i] == sentenceVerb[j] ? 1.0 : 0.0;
                out[base + j] = (float) ((verb + noun) / 2);
            }
        });
        return new RelevancyMatrix(DenseMatrix.ofFloats(n, m, out));
    }

    private static long[] bitSets(List<List<Integer>> sets, Map<Integer, Integer> dense, int words) {
        long[] bits = new long[Math.multiplyExact(sets.size(), words)];
        for (int i = 0; i < sets.size(); i++) {
            for (int c : sets.get(i)) {
                int d = dense.get(c);
                bits[i * words + d / 64] |= 1L << (d % 64);
            }
        }
        return bits;
    }

    private static int[] counts(long[] bits, int n, int words) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            for (int w = 0; w < words; w++) {
                out[i] += Long.bitCount(bits[i * words + w]);
            }
        }
        return out;
    }

    /** Number of videos (rows). */
    public int videos() {
        return values.rows();
    }

    /** Number of sentences (columns). */
    public int sentences() {
        return values.cols();
    }

    /** Relevancy of sentence {@code sentence} to video {@code video}. */
    public double get(int video, int sentence) {
        return values.get(video, sentence);
    }

    /** The values as a {@code (videos, sentences)} matrix. */
    public DenseMatrix values() {
        return values;
    }

    @Override
    public String toString() {
        return "RelevancyMatrix(" + videos() + " videos, " + sentences() + " sentences)";
    }
}
