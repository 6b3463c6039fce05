package org.egolens.model.data.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The demo MIR metrics against the hand-checkable cases of docs/evaluation-and-formats.md §2.6. */
class DemoRetrievalMetricsTest {
    private static final double[][] R = {{1, .5, .25, 0}, {0, 1, .4, 0}, {.5, .3, 1, 0}};

    @Test
    void jposeSelfTestCase() {
        double[][] s = {{1, .7, .4, 0}, {.3, .9, .6, .1}, {.2, .5, .8, .4}};
        assertEquals(1.0, DemoRetrievalMetrics.meanAP(s, R), 1e-12);
        assertEquals(0.9371789900735429, DemoRetrievalMetrics.meanNDCG(s, R), 1e-12);
    }

    @Test
    void gradedApExceedsBinaryAp() {
        double[][] s = {{.1, .9, .5, .3}, {.8, .2, .6, .4}, {.3, .7, .1, .9}};
        // by hand: every row's relevant item is ranked last (rank 4); G(4) = 0.5+0.25+0+1 = 1.75, 0+0.4+0+1 = 1.4,
        // 0+0.3+0.5+1 = 1.8; AP = G/4; mean = 0.4125 (binary AP would be 1/4)
        assertEquals((1.75 / 4 + 1.4 / 4 + 1.8 / 4) / 3, DemoRetrievalMetrics.meanAP(s, R), 1e-12);
        assertEquals(0.4125, DemoRetrievalMetrics.meanAP(s, R), 1e-4);
        assertEquals(0.3192934497062205, DemoRetrievalMetrics.meanNDCG(s, R), 1e-12);
    }

    @Test
    void columnWithoutRelevantItemGivesNaNForTextToVideo() {
        double[][] s = {{1, .7, .4, 0}, {.3, .9, .6, .1}, {.2, .5, .8, .4}};
        assertTrue(Double.isNaN(DemoRetrievalMetrics.evaluate(s, R).mapTV()));
    }
}
