package org.egolens.viewer.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CompactScientificFormatTest {
    @Test
    void formatsLearningRateTicks() {
        CompactScientificFormat f = new CompactScientificFormat(2);
        assertEquals("0", f.format(0.0));
        assertEquals("1e-3", f.format(1e-3));
        assertEquals("2.5e-4", f.format(2.5e-4));
        assertEquals("9e-4", f.format(9.0e-4));
        assertEquals("-1.2e-5", f.format(-1.2e-5));
        assertEquals("3", f.format(3.0));
        assertEquals("1.3e-3", f.format(1.25e-3 + 1e-9));
        assertEquals("1e2", CompactScientificFormat.format(100, 3));
    }
}
