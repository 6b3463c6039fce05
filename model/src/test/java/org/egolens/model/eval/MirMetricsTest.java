package org.egolens.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Hand-checkable MIR cases of docs §2.6 and a tie fixture. */
class MirMetricsTest {
    private static final double[][] R = {{1, .5, .25, 0}, {0, 1, .4, 0}, {.5, .3, 1, 0}};
    private static final double[][] S_GOOD = {{1, .7, .4, 0}, {.3, .9, .6, .1}, {.2, .5, .8, .4}};
    private static final double[][] S_BAD = {{.1, .9, .5, .3}, {.8, .2, .6, .4}, {.3, .7, .1, .9}};
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    private static MirResult eval(double[][] s, double[][] r) {
        return MirMetrics.evaluate(DenseMatrix.fromRows(s), RelevancyMatrix.of(DenseMatrix.fromRows(r)));
    }

    @Test
    void jposeSelfTestCase() {
        MirResult res = eval(S_GOOD, R);
        assertEquals(1.0, res.mAP().v2t(), 1e-15);
        assertEquals(0.9371789900735429, res.nDCG().v2t(), 1e-12);
        // T→V by hand: column 3 has no relevant video (excluded from both metrics);
        // column 0: ranking 0,1,2 -> rel 1,0,.5: AP 1, nDCG 1/(1 + .5/log2 3); columns 1 and 2 are ranked ideally.
        assertEquals(1.0, res.mAP().t2v(), 1e-15);
        assertEquals((1 / (1 + .5 / LOG2_3) + 1 + 1) / 3, res.nDCG().t2v(), 1e-12);
        assertEquals(new MirResult.Excluded(0, 1, 0, 1), res.excluded());
        assertTrue(Double.isNaN(res.apT2V()[3]) && Double.isNaN(res.ndcgT2V()[3]));
        assertEquals((res.mAP().v2t() + res.mAP().t2v()) / 2, res.mAP().avg(), 0);
        assertEquals((res.nDCG().v2t() + res.nDCG().t2v()) / 2, res.nDCG().avg(), 0);
    }

    @Test
    void gradedNumeratorCase() {
        MirResult res = eval(S_BAD, R);
        assertEquals(0.4125, res.mAP().v2t(), 1e-12);
        assertEquals(0.3192934497062205, res.nDCG().v2t(), 1e-12);
        // by hand, row 0: ranking 1,2,3,0 -> rel .5,.25,0,1: G(4)=1.75, AP = 1.75/4
        assertEquals(1.75 / 4, res.apV2T()[0], 1e-15);
        double[][] binary = new double[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                binary[i][j] = R[i][j] == 1 ? 1 : 0;
            }
        }
        assertEquals(0.25, eval(S_BAD, binary).mAP().v2t(), 1e-12);
    }

    @Test
    void tiesPutTheHigherIndexFirst() {
        // all scores tie: ranking is 2,1,0 -> rel .5, 0, 1
        double[] s = {0.7, 0.7, 0.7};
        double[] r = {1, 0, 0.5};
        // G = .5, .5, 1.5; the only exact-1 item is at rank 3 -> AP = 1.5/3
        assertEquals(0.5, MirMetrics.averagePrecision(s, r), 1e-15);
        // k = 2 positives: DCG = .5/log2(2) + 0/log2(3); IDCG = 1 + .5/log2(3)
        assertEquals(0.5 / (1 + 0.5 / LOG2_3), MirMetrics.ndcg(s, r), 1e-15);
        // the same through the matrix path
        MirResult res = eval(new double[][] {s}, new double[][] {r});
        assertEquals(0.5, res.mAP().v2t(), 1e-15);
        assertEquals(0.5 / (1 + 0.5 / LOG2_3), res.nDCG().v2t(), 1e-15);
        // T→V: columns are single-candidate queries; column 1 has only 0, column 2 has no exact 1
        assertEquals(new MirResult.Excluded(0, 2, 0, 1), res.excluded());
        assertEquals(1.0, res.nDCG().t2v(), 0);
    }

    @Test
    void partialTieBetweenTwoGroups() {
        // scores: idx 3 highest, idx 0..2 tie; ranking 3,2,1,0 -> rel .5, 1, 0, 1
        double[] s = {0.5, 0.5, 0.5, 0.9};
        double[] r = {1, 0, 1, 0.5};
        // G = .5, 1.5, 1.5, 2.5; H = {2, 4}: AP = (1.5/2 + 2.5/4)/2
        assertEquals((1.5 / 2 + 2.5 / 4) / 2, MirMetrics.averagePrecision(s, r), 1e-15);
        // k = 3: DCG = .5 + 1/log2 3 + 0; IDCG = 1 + 1/log2 3 + .5/2
        assertEquals((0.5 + 1 / LOG2_3) / (1 + 1 / LOG2_3 + 0.25), MirMetrics.ndcg(s, r), 1e-15);
    }

    @Test
    void undefinedQueriesAreExcludedNotNaN() {
        double[] s = {0.1, 0.2};
        assertTrue(Double.isNaN(MirMetrics.averagePrecision(s, new double[] {0.5, 0})));
        assertTrue(Double.isNaN(MirMetrics.ndcg(s, new double[] {0, 0})));
        MirResult res = eval(new double[][] {{1, 0}, {0, 1}, {0.3, 0.2}}, new double[][] {{1, 0}, {0.5, 1}, {0, 0}});
        assertEquals(new MirResult.Excluded(1, 0, 1, 0), res.excluded());
        assertEquals(1.0, res.mAP().v2t(), 0);
        assertEquals(1.0, res.nDCG().v2t(), 0);
    }

    @Test
    void jsonSchema() throws Exception {
        JsonNode j = new ObjectMapper().readTree(eval(S_GOOD, R).toJson());
        assertEquals(1.0, j.at("/mAP/v2t").asDouble(), 1e-15);
        assertEquals(0.9371789900735429, j.at("/nDCG/v2t").asDouble(), 1e-12);
        assertEquals(1, j.at("/excluded/mAP/t2v").asInt());
        assertEquals(1, j.at("/excluded/nDCG/t2v").asInt());
        assertEquals(0, j.at("/excluded/mAP/v2t").asInt());
        assertTrue(j.at("/nDCG/avg").isDouble());
        assertEquals(3, j.size());
        // no exact-1 anywhere: mAP undefined in both directions -> null, never NaN
        JsonNode none = new ObjectMapper().readTree(eval(new double[][] {{1, 0}}, new double[][] {{0.5, 0}}).toJson());
        assertTrue(none.at("/mAP/v2t").isNull() && none.at("/mAP/avg").isNull());
        assertEquals(1.0, none.at("/nDCG/v2t").asDouble(), 0);
    }

    @Test
    void badInputIsRefused() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> eval(new double[][] {{1, Double.NaN}}, new double[][] {{1, 0}}));
        assertTrue(nan.getMessage().contains("video query 0"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> eval(new double[][] {{1, 0, 0}}, new double[][] {{1, 0}}));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> RelevancyMatrix.of(DenseMatrix.fromRows(new double[][] {{1, 1.5}})));
        assertTrue(range.getMessage().contains("(0, 1)"), range.getMessage());
    }
}
