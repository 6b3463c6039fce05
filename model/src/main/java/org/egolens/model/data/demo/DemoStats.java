package org.egolens.model.data.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a generated demo workspace contains.
 *
 * @param trainClips              rows of the train CSV
 * @param testClips               rows of the test CSV
 * @param mirrorClips             rows of {@code mirror_pairs.csv}
 * @param videos                  mp4 files written
 * @param verbs                   verb class keys that occur (train ∪ test)
 * @param nouns                   noun class keys that occur (train ∪ test)
 * @param trainSentences          rows of the train sentence CSV
 * @param testSentences           rows of the test sentence CSV
 * @param distinctRelevancyValues distinct values of the test relevancy matrix
 * @param relevancyHistogram      test relevancy value → number of (clip, sentence) cells
 * @param baselines               reference scores (random, order-blind oracle)
 * @param elapsedMillis           generation wall time, ms
 * @param bytesOnDisk             size of the workspace, bytes
 */
public record DemoStats(int trainClips, int testClips, int mirrorClips, int videos, List<String> verbs,
        List<String> nouns, int trainSentences, int testSentences, int distinctRelevancyValues,
        SortedMap<Double, Long> relevancyHistogram, DemoBaselines baselines, long elapsedMillis, long bytesOnDisk) {

    /** A multi-line human-readable summary (counts, relevancy histogram, reference scores). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "clips: %d train, %d test, %d mirror-pair (%d videos)%n", trainClips,
                testClips, mirrorClips, videos));
        sb.append(String.format(Locale.ROOT, "sentences: %d train, %d test%n", trainSentences, testSentences));
        sb.append(String.format(Locale.ROOT, "verbs (%d): %s%n", verbs.size(), String.join(", ", verbs)));
        sb.append(String.format(Locale.ROOT, "nouns (%d): %s%n", nouns.size(), String.join(", ", nouns)));
        sb.append(String.format(Locale.ROOT, "test relevancy: %d distinct values%n", distinctRelevancyValues));
        long total = relevancyHistogram.values().stream().mapToLong(Long::longValue).sum();
        for (Map.Entry<Double, Long> e : relevancyHistogram.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %.4f  %8d  (%5.2f %%)%n", e.getKey(), e.getValue(),
                    100.0 * e.getValue() / total));
        }
        DemoBaselines.Scores r = baselines.random();
        DemoBaselines.Scores o = baselines.orderBlind();
        sb.append("reference points (test split):           mAP V→T / T→V / avg     nDCG V→T / T→V / avg   mirror\n");
        sb.append(String.format(Locale.ROOT, "  random ranking          %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f   %.3f%n",
                r.mapVT(), r.mapTV(), r.mapAvg(), r.ndcgVT(), r.ndcgTV(), r.ndcgAvg(), baselines.mirrorRandom()));
        sb.append(String.format(Locale.ROOT, "  order-blind oracle      %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f   %.3f%n",
                o.mapVT(), o.mapTV(), o.mapAvg(), o.ndcgVT(), o.ndcgTV(), o.ndcgAvg(), baselines.mirrorOrderBlind()));
        sb.append(String.format(Locale.ROOT, "generated in %.1f s, %.1f MB on disk%n", elapsedMillis / 1000.0,
                bytesOnDisk / 1e6));
        return sb.toString();
    }
}
