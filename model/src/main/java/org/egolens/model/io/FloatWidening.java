package org.egolens.model.io;

/**
 * Exact widening of 16-bit floating point values to {@code float}, for checkpoints stored in float16 or bfloat16.
 *
 * <p>Both conversions are exact (every float16 and every bfloat16 value is representable as a float32); signed
 * zeros, subnormals, infinities and NaN payloads are preserved. Java 17 has no {@code Float.float16ToFloat}, hence
 * this class.
 */
public final class FloatWidening {
    private FloatWidening() {}

    /**
     * IEEE 754 binary16 to binary32.
     *
     * @param bits the 16 bits of the half-precision value (sign 1, exponent 5 with bias 15, mantissa 10)
     * @return the same value as a float
     */
    public static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) { // infinity or NaN: all-ones exponent, payload shifted into the top mantissa bits
            return Float.intBitsToFloat(sign | 0x7f80_0000 | (mantissa << 13));
        }
        if (exponent == 0) { // zero or subnormal: mantissa · 2^-24, exact in float32
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        // normal: rebias the exponent from 15 to 127
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /**
     * bfloat16 to binary32: a bfloat16 is the upper 16 bits of a float32.
     *
     * @param bits the 16 bits of the bfloat16 value
     * @return the same value as a float
     */
    public static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}
