package org.egolens.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * All 65,536 float16 and bfloat16 bit patterns against the IEEE 754 definition evaluated in double precision:
 * value = (-1)^s · 2^(e - bias) · (1 + m / 2^p) for normal numbers, (-1)^s · 2^(1 - bias) · (m / 2^p) for subnormals.
 */
class FloatWideningTest {
    private static float ieee(int bits, int exponentBits, int mantissaBits) {
        int bias = (1 << (exponentBits - 1)) - 1;
        int sign = (bits >>> (exponentBits + mantissaBits)) & 1;
        int e = (bits >>> mantissaBits) & ((1 << exponentBits) - 1);
        int m = bits & ((1 << mantissaBits) - 1);
        double magnitude;
        if (e == (1 << exponentBits) - 1) {
            magnitude = m == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (e == 0) {
            magnitude = Math.scalb((double) m / (1 << mantissaBits), 1 - bias);
        } else {
            magnitude = Math.scalb(1 + (double) m / (1 << mantissaBits), e - bias);
        }
        return (float) (sign == 1 ? -magnitude : magnitude);
    }

    @Test
    void everyFloat16PatternMatchesTheDefinition() {
        for (int bits = 0; bits < 65536; bits++) {
            float expected = ieee(bits, 5, 10);
            float actual = FloatWidening.halfToFloat((short) bits);
            if (Float.isNaN(expected)) {
                assertEquals(Float.NaN, actual, "0x" + Integer.toHexString(bits));
            } else {
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                        "0x" + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void everyBfloat16PatternMatchesTheDefinition() {
        for (int bits = 0; bits < 65536; bits++) {
            float expected = ieee(bits, 8, 7);
            float actual = FloatWidening.bfloat16ToFloat((short) bits);
            if (Float.isNaN(expected)) {
                assertEquals(Float.NaN, actual, "0x" + Integer.toHexString(bits));
            } else {
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                        "0x" + Integer.toHexString(bits));
            }
        }
    }
}
