package org.egolens.model.data.ek100;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Ek100TimestampTest {

    @Test
    void parsesTwoAndThreeFractionalDigits() {
        assertEquals(1.89, Ek100Timestamp.parseSeconds("00:00:01.89"), 1e-12);
        assertEquals(3600 + 2 * 60 + 3.456, Ek100Timestamp.parseSeconds("01:02:03.456"), 1e-12);
        assertEquals(17 * 60 + 47.56, Ek100Timestamp.parseSeconds("00:17:47.56"), 1e-12);
        assertEquals(5.0, Ek100Timestamp.parseSeconds("00:00:05"), 0);
    }

    @Test
    void rejectsOtherForms() {
        for (String bad : new String[] {"1:2:3", "00:61:00", "00:00:60.00", "00:00:01,5", "", "abc"}) {
            assertThrows(IllegalArgumentException.class, () -> Ek100Timestamp.parseSeconds(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Ek100Timestamp.format(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> Ek100Timestamp.format(Double.NaN, 2));
    }

    @Test
    void formatsOfficially() {
        assertEquals("00:00:01.89", Ek100Timestamp.format(1.89, 2));
        assertEquals("00:00:00.560", Ek100Timestamp.format(0.56, 3));
        assertEquals("01:02:03.456", Ek100Timestamp.format(3723.456, 3));
        assertEquals("00:01:00.00", Ek100Timestamp.format(59.999, 2)); // rounding carries into the minutes
        assertEquals("00:17:47.56", Ek100Timestamp.format(Ek100Timestamp.parseSeconds("00:17:47.56"), 2));
    }
}
