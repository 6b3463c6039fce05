package org.egolens.model.data.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.egolens.model.eval.DenseMatrix;
import org.egolens.model.eval.MirMetrics;
import org.egolens.model.eval.MirResult;
import org.egolens.model.eval.RelevancyMatrix;

/**
 * Reference points printed with a demo workspace, so a trained model's numbers can be placed between "knows nothing"
 * and "knows everything except the order of frames":
 * <ul>
 *   <li><b>random</b>: i.i.d. uniform similarities;</li>
 *   <li><b>order-blind oracle</b>: knows each clip's nouns and its verb up to its mirror (pick up ≡ put down), i.e.
 *       similarity ½·[same verb pair] + ½·Jaccard(nouns), ties broken at random — the best a model can do without
 *       frame order;</li>
 *   <li>mirror-pair score of both (random ≈ 0.5, order-blind exactly 0.5).</li>
 * </ul>
 * The MIR numbers are computed with the evaluation package ({@link MirMetrics} against the {@link RelevancyMatrix} of
 * the written test files), exactly as a model's run is scored.
 *
 * @param random           MIR metrics of random similarities on the test split
 * @param orderBlind       MIR metrics of the order-blind oracle on the test split
 * @param mirrorRandom     mirror-pair score of random embeddings
 * @param mirrorOrderBlind mirror-pair score of the order-blind oracle's embeddings
 */
public record DemoBaselines(Scores random, Scores orderBlind, double mirrorRandom, double mirrorOrderBlind) {

    /**
     * The four MIR numbers of one reference point (fractions 0–1, docs §2.3/§2.4).
     *
     * @param mapVT  mAP, clips as queries
     * @param mapTV  mAP, sentences as queries
     * @param ndcgVT nDCG, clips as queries
     * @param ndcgTV nDCG, sentences as queries
     */
    public record Scores(double mapVT, double mapTV, double ndcgVT, double ndcgTV) {
        /** The numbers of an evaluation result. */
        public static Scores of(MirResult r) {
            return new Scores(r.mAP().v2t(), r.mAP().t2v(), r.nDCG().v2t(), r.nDCG().t2v());
        }

        /** (V→T + T→V)/2 mAP. */
        public double mapAvg() {
            return (mapVT + mapTV) / 2;
        }

        /** (V→T + T→V)/2 nDCG. */
        public double ndcgAvg() {
            return (ndcgVT + ndcgTV) / 2;
        }
    }

    /**
     * Computes the reference points.
     *
     * @param testClips     labels of the test clips (rows of the test CSV, file order)
     * @param testSentences labels of the test sentences (sentence CSV order)
     * @param relevancy     the test relevancy matrix {@code (testClips, testSentences)}
     * @param mirror        labels of the mirror-test clips, in {@code mirror_pairs.csv} order (may be empty)
     * @param mirrorSet     the mirror-pair set matching {@code mirror}
     * @param seed          seed of the random draws
     */
    public static DemoBaselines compute(List<ClipLabel> testClips, List<ClipLabel> testSentences,
            RelevancyMatrix relevancy, List<ClipLabel> mirror, MirrorPairSet mirrorSet, long seed) {
        if (relevancy.videos() != testClips.size() || relevancy.sentences() != testSentences.size()) {
            throw new IllegalArgumentException(relevancy + " does not match " + testClips.size() + " clips and "
                    + testSentences.size() + " sentences");
        }
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, 9001));
        double[][] random = new double[testClips.size()][testSentences.size()];
        double[][] blind = new double[testClips.size()][testSentences.size()];
        for (int i = 0; i < random.length; i++) {
            for (int j = 0; j < random[i].length; j++) {
                random[i][j] = rng.nextDouble();
                ClipLabel v = testClips.get(i);
                ClipLabel s = testSentences.get(j);
                double verb = pair(v.action().verbClass()) == pair(s.action().verbClass()) ? 1 : 0;
                blind[i][j] = (verb + jaccard(v.allNounClasses(), s.allNounClasses())) / 2
                        + 1e-6 * rng.nextDouble();
            }
        }
        double mirrorRandom = Double.NaN;
        double mirrorBlind = Double.NaN;
        if (!mirror.isEmpty()) {
            List<String> sentences = mirrorSet.sentences();
            float[][] vr = new float[mirror.size()][];
            float[][] vb = new float[mirror.size()][];
            for (int i = 0; i < mirror.size(); i++) {
                vr[i] = gaussian(rng, 32);
                vb[i] = orderBlindEmbedding(mirror.get(i));
            }
            float[][] tr = new float[sentences.size()][];
            float[][] tb = new float[sentences.size()][];
            List<ClipLabel> byText = new ArrayList<>();
            for (String s : sentences) {
                byText.add(ActionCatalog.all().stream().filter(l -> l.narration().equals(s)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown demo narration '" + s + "'")));
            }
            for (int k = 0; k < sentences.size(); k++) {
                tr[k] = gaussian(rng, 32);
                tb[k] = orderBlindEmbedding(byText.get(k));
            }
            mirrorRandom = MirrorPairScore.score(vr, tr, mirrorSet);
            mirrorBlind = MirrorPairScore.score(vb, tb, mirrorSet);
        }
        return new DemoBaselines(Scores.of(MirMetrics.evaluate(DenseMatrix.fromRows(random), relevancy)),
                Scores.of(MirMetrics.evaluate(DenseMatrix.fromRows(blind), relevancy)), mirrorRandom, mirrorBlind);
    }

    /** Jaccard index of two class-id sets (repeats ignored); 0 when both are empty. The oracle's noun similarity. */
    static double jaccard(int[] a, int[] b) {
        int[] x = Arrays.stream(a).distinct().toArray();
        int[] y = Arrays.stream(b).distinct().toArray();
        long inter = Arrays.stream(x).filter(v -> Arrays.stream(y).anyMatch(w -> w == v)).count();
        long union = x.length + y.length - inter;
        return union == 0 ? 0 : (double) inter / union;
    }

    /** The mirror pair a verb class belongs to (0 … 4): the class with its order forgotten. */
    static int pair(VerbClass v) {
        return v.classId() / 2;
    }

    /** One-hot of (verb pair, nouns): what an order-blind oracle knows about a clip or caption. */
    static float[] orderBlindEmbedding(ClipLabel l) {
        float[] e = new float[5 + Noun.values().length];
        e[pair(l.action().verbClass())] = 1;
        for (int c : l.allNounClasses()) {
            e[5 + c] = 1;
        }
        return e;
    }

    private static float[] gaussian(SplittableRandom rng, int d) {
        float[] v = new float[d];
        for (int k = 0; k < d; k++) {
            // Box–Muller
            double u1 = 1 - rng.nextDouble();
            double u2 = rng.nextDouble();
            v[k] = (float) (Math.sqrt(-2 * Math.log(u1)) * StrictMath.cos(2 * Math.PI * u2));
        }
        return v;
    }
}
