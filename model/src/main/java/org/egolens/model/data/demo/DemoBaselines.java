package org.egolens.model.data.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

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
 *
 * @param random           MIR metrics of random similarities on the test split
 * @param orderBlind       MIR metrics of the order-blind oracle on the test split
 * @param mirrorRandom     mirror-pair score of random embeddings
 * @param mirrorOrderBlind mirror-pair score of the order-blind oracle's embeddings
 */
public record DemoBaselines(DemoRetrievalMetrics.Scores random, DemoRetrievalMetrics.Scores orderBlind,
        double mirrorRandom, double mirrorOrderBlind) {

    /**
     * Computes the reference points.
     *
     * @param testClips     labels of the test clips (rows of the test CSV, file order)
     * @param testSentences labels of the test sentences (sentence CSV order)
     * @param mirror        labels of the mirror-test clips, in {@code mirror_pairs.csv} order (may be empty)
     * @param mirrorSet     the mirror-pair set matching {@code mirror}
     * @param seed          seed of the random draws
     */
    public static DemoBaselines compute(List<ClipLabel> testClips, List<ClipLabel> testSentences,
            List<ClipLabel> mirror, MirrorPairSet mirrorSet, long seed) {
        double[][] rel = DemoRelevancy.matrix(testClips, testSentences);
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, 9001));
        double[][] random = new double[rel.length][rel[0].length];
        double[][] blind = new double[rel.length][rel[0].length];
        for (int i = 0; i < rel.length; i++) {
            for (int j = 0; j < rel[i].length; j++) {
                random[i][j] = rng.nextDouble();
                ClipLabel v = testClips.get(i);
                ClipLabel s = testSentences.get(j);
                double verb = pair(v.action().verbClass()) == pair(s.action().verbClass()) ? 1 : 0;
                blind[i][j] = (verb + DemoRelevancy.jaccard(v.allNounClasses(), s.allNounClasses())) / 2
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
        return new DemoBaselines(DemoRetrievalMetrics.evaluate(random, rel),
                DemoRetrievalMetrics.evaluate(blind, rel), mirrorRandom, mirrorBlind);
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
