package org.egolens.model.eval.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Sentence;
import org.egolens.model.eval.DenseMatrix;
import org.egolens.model.eval.MirResult;
import org.egolens.model.eval.RankOrder;
import org.egolens.model.eval.RelevancyMatrix;

/**
 * An EK-100 MIR evaluation held in memory: the clip rows and sentence columns that were scored, the similarity and
 * relevancy matrices {@code (clips, sentences)}, and the metrics. Gives the ranked candidate list of any query, which
 * is what the relevancy inspector shows.
 *
 * <p>Column {@code j}'s text is the narration of the clip row its {@code narration_id} names (docs §2.2, §5.1: the
 * sentence file's own text is shifted in its last rows and never used).
 */
public final class MirEvaluation {
    private final List<Ek100Clip> clips;
    private final List<Ek100Sentence> sentences;
    private final List<String> sentenceTexts;
    private final int[] sentenceOwnRow;
    private final DenseMatrix similarity;
    private final RelevancyMatrix relevancy;
    private final MirResult result;

    /**
     * @param clips          the scored clip rows (matrix rows)
     * @param sentences      the sentence columns
     * @param sentenceTexts  the text embedded for each column
     * @param sentenceOwnRow for each column, the row of the clip its {@code narration_id} names, or −1 when that clip
     *                       was not scored (a missing clip)
     * @param similarity     {@code (clips, sentences)} cosine similarities
     * @param relevancy      {@code (clips, sentences)} relevancies
     * @param result         the metrics of {@code similarity} against {@code relevancy}
     * @throws IllegalArgumentException if the sizes disagree
     */
    public MirEvaluation(List<Ek100Clip> clips, List<Ek100Sentence> sentences, List<String> sentenceTexts,
            int[] sentenceOwnRow, DenseMatrix similarity, RelevancyMatrix relevancy, MirResult result) {
        this.clips = List.copyOf(clips);
        this.sentences = List.copyOf(sentences);
        this.sentenceTexts = List.copyOf(sentenceTexts);
        this.sentenceOwnRow = sentenceOwnRow.clone();
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        this.relevancy = Objects.requireNonNull(relevancy, "relevancy");
        this.result = Objects.requireNonNull(result, "result");
        int n = this.clips.size();
        int m = this.sentences.size();
        if (this.sentenceTexts.size() != m || this.sentenceOwnRow.length != m || similarity.rows() != n
                || similarity.cols() != m || relevancy.videos() != n || relevancy.sentences() != m
                || result.apV2T().length != n || result.apT2V().length != m) {
            throw new IllegalArgumentException("MIR evaluation parts disagree: " + n + " clips, " + m + " sentences, "
                    + similarity + ", " + relevancy);
        }
    }

    /**
     * Reads a finished EK-100 MIR run folder back (annotation files named in its {@code run.json}, its
     * {@code similarity.npy}); the metrics are recomputed and equal those of its {@code metrics.json}.
     *
     * @throws java.io.IOException      if a file is missing or does not match (names the file)
     * @throws IllegalArgumentException if the run is not an EK-100 MIR run
     */
    public static MirEvaluation load(EvalSummary run) throws java.io.IOException {
        return MirTask.load(run);
    }

    /** The scored clip rows. */
    public List<Ek100Clip> clips() {
        return clips;
    }

    /** The sentence columns. */
    public List<Ek100Sentence> sentences() {
        return sentences;
    }

    /** Text embedded for column {@code j}. */
    public String sentenceText(int j) {
        return sentenceTexts.get(j);
    }

    /** Row of the clip that column {@code j}'s {@code narration_id} names, or −1 if that clip was not scored. */
    public int sentenceOwnRow(int j) {
        return sentenceOwnRow[j];
    }

    /** {@code (clips, sentences)} similarities. */
    public DenseMatrix similarity() {
        return similarity;
    }

    /** {@code (clips, sentences)} relevancies. */
    public RelevancyMatrix relevancy() {
        return relevancy;
    }

    /** The metrics, with per-query AP and nDCG. */
    public MirResult result() {
        return result;
    }

    /** Number of queries in a direction (clips for V→T, sentences for T→V). */
    public int queries(MirDirection d) {
        return d == MirDirection.V2T ? clips.size() : sentences.size();
    }

    /** Id of query {@code q}: the clip's or the sentence's {@code narration_id}. */
    public String queryId(MirDirection d, int q) {
        return d == MirDirection.V2T ? clips.get(q).narrationId() : sentences.get(q).narrationId();
    }

    /** Text of query {@code q}: the clip's narration (V→T) or the sentence text embedded (T→V). */
    public String queryText(MirDirection d, int q) {
        return d == MirDirection.V2T ? clips.get(q).narration() : sentenceTexts.get(q);
    }

    /** AP of query {@code q} (NaN when excluded). */
    public double ap(MirDirection d, int q) {
        return d == MirDirection.V2T ? result.apV2T()[q] : result.apT2V()[q];
    }

    /** nDCG of query {@code q} (NaN when excluded). */
    public double ndcg(MirDirection d, int q) {
        return d == MirDirection.V2T ? result.ndcgV2T()[q] : result.ndcgT2V()[q];
    }

    /**
     * The first {@code limit} candidates of query {@code q} by descending similarity, with the tie rule of the
     * metrics ({@link RankOrder}: higher index first).
     *
     * @throws IndexOutOfBoundsException if {@code q} is not a query of {@code d}
     */
    public List<RankedCandidate> ranking(MirDirection d, int q, int limit) {
        int candidates = d == MirDirection.V2T ? sentences.size() : clips.size();
        double[] s = new double[candidates];
        double[] r = new double[candidates];
        if (d == MirDirection.V2T) {
            Objects.checkIndex(q, clips.size());
            similarity.copyRow(q, s);
            relevancy.values().copyRow(q, r);
        } else {
            Objects.checkIndex(q, sentences.size());
            for (int i = 0; i < candidates; i++) {
                s[i] = similarity.get(i, q);
                r[i] = relevancy.get(i, q);
            }
        }
        int[] order = RankOrder.descending(s);
        int k = Math.min(limit, candidates);
        List<RankedCandidate> out = new ArrayList<>(k);
        for (int p = 0; p < k; p++) {
            out.add(new RankedCandidate(p + 1, order[p], s[order[p]], r[order[p]]));
        }
        return out;
    }

    /** Candidate text: sentence text for V→T, clip narration for T→V. */
    public String candidateText(MirDirection d, int index) {
        return d == MirDirection.V2T ? sentenceTexts.get(index) : clips.get(index).narration();
    }

    /** Candidate id: sentence or clip {@code narration_id}. */
    public String candidateId(MirDirection d, int index) {
        return d == MirDirection.V2T ? sentences.get(index).narrationId() : clips.get(index).narrationId();
    }

    /**
     * The candidate that is the query's own pair: for a clip query the sentence naming this clip (if any), for a
     * sentence query the clip it names; −1 if there is none.
     */
    public int ownCandidate(MirDirection d, int q) {
        if (d == MirDirection.T2V) {
            return sentenceOwnRow[q];
        }
        for (int j = 0; j < sentenceOwnRow.length; j++) {
            if (sentenceOwnRow[j] == q) {
                return j;
            }
        }
        return -1;
    }
}
