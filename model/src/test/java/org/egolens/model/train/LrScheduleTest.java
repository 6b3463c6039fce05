package org.egolens.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
    private final LrSchedule s = new LrSchedule(1e-3, 1e-5, 4, 12);

    @Test
    void linearWarmUpReachesThePeakAtTheLastWarmUpStep() {
        assertEquals(2.5e-4, s.at(0), 1e-15);
        assertEquals(5.0e-4, s.at(1), 1e-15);
        assertEquals(1.0e-3, s.at(3), 1e-15);
    }

    @Test
    void cosineDecayGoesFromPeakThroughTheMidpointToMin() {
        assertEquals(1.0e-3, s.at(4), 1e-15); // cos(0) = 1
        assertEquals(1e-5 + 0.5 * (1e-3 - 1e-5), s.at(8), 1e-15); // cos(π/2) = 0
        assertEquals(1e-5 + 0.5 * (1e-3 - 1e-5) * (1 + Math.cos(Math.PI * 6 / 8)), s.at(10), 1e-15);
        assertEquals(1e-5, s.at(12), 1e-15);
        assertEquals(1e-5, s.at(99), 1e-15);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(0, 0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(1e-3, 2e-3, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(1e-3, 0, -1, 10));
    }
}
