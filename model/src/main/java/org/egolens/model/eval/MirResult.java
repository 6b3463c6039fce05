package org.egolens.model.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * EK-100 MIR scores (fractions in {@code [0, 1]}, docs §2.3/§2.4) with per-query values.
 *
 * <p>A query is <em>excluded</em> from a mean when it is undefined: for mAP when no candidate has relevancy exactly 1,
 * for nDCG when all its relevancies are 0. Excluded queries are counted in {@link #excluded()} and hold
 * {@code Double.NaN} in the per-query arrays; they never enter a mean. A direction with no defined query at all has a
 * NaN mean (written as JSON {@code null}); that cannot happen for EK-100 test data.
 *
 * @param mAP      mean average precision (graded numerator, docs §2.3)
 * @param nDCG     mean normalised discounted cumulative gain (docs §2.4)
 * @param excluded how many queries each mean left out
 * @param apV2T    AP per video query ({@code videos} entries)
 * @param apT2V    AP per sentence query ({@code sentences} entries)
 * @param ndcgV2T  nDCG per video query
 * @param ndcgT2V  nDCG per sentence query
 */
public record MirResult(Scores mAP, Scores nDCG, Excluded excluded, double[] apV2T, double[] apT2V, double[] ndcgV2T,
                        double[] ndcgT2V) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One metric in both directions.
     *
     * @param v2t video → text (queries = videos, candidates = sentences)
     * @param t2v text → video (queries = sentences, candidates = videos)
     * @param avg {@code (v2t + t2v) / 2}
     */
    public record Scores(double v2t, double t2v, double avg) {}

    /** Number of excluded queries per metric and direction. */
    public record Excluded(int mapV2T, int mapT2V, int ndcgV2T, int ndcgT2V) {}

    /** Copies the arrays. */
    public MirResult {
        Objects.requireNonNull(mAP, "mAP");
        Objects.requireNonNull(nDCG, "nDCG");
        Objects.requireNonNull(excluded, "excluded");
        apV2T = apV2T.clone();
        apT2V = apT2V.clone();
        ndcgV2T = ndcgV2T.clone();
        ndcgT2V = ndcgT2V.clone();
    }

    @Override
    public double[] apV2T() {
        return apV2T.clone();
    }

    @Override
    public double[] apT2V() {
        return apT2V.clone();
    }

    @Override
    public double[] ndcgV2T() {
        return ndcgV2T.clone();
    }

    @Override
    public double[] ndcgT2V() {
        return ndcgT2V.clone();
    }

    /**
     * The scores as JSON: {@code {"mAP": {"v2t", "t2v", "avg"}, "nDCG": {…}, "excluded": {"mAP": {"v2t", "t2v"},
     * "nDCG": {"v2t", "t2v"}}}}; fractions 0–1, an undefined mean as {@code null}. Per-query arrays are not included.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        scores(root.putObject("mAP"), mAP);
        scores(root.putObject("nDCG"), nDCG);
        ObjectNode ex = root.putObject("excluded");
        ex.putObject("mAP").put("v2t", excluded.mapV2T()).put("t2v", excluded.mapT2V());
        ex.putObject("nDCG").put("v2t", excluded.ndcgV2T()).put("t2v", excluded.ndcgT2V());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void scores(ObjectNode node, Scores s) {
        put(node, "v2t", s.v2t());
        put(node, "t2v", s.t2v());
        put(node, "avg", s.avg());
    }

    private static void put(ObjectNode node, String key, double v) {
        if (Double.isNaN(v)) {
            node.putNull(key);
        } else {
            node.put(key, v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MirResult r && mAP.equals(r.mAP) && nDCG.equals(r.nDCG) && excluded.equals(r.excluded)
                && Arrays.equals(apV2T, r.apV2T) && Arrays.equals(apT2V, r.apT2V)
                && Arrays.equals(ndcgV2T, r.ndcgV2T) && Arrays.equals(ndcgT2V, r.ndcgT2V);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mAP, nDCG, excluded, Arrays.hashCode(apV2T), Arrays.hashCode(apT2V),
                Arrays.hashCode(ndcgV2T), Arrays.hashCode(ndcgT2V));
    }

    @Override
    public String toString() {
        return "MirResult[mAP=" + mAP + ", nDCG=" + nDCG + ", excluded=" + excluded + "]";
    }
}
