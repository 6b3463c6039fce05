package org.egolens.model.data.demo;

/** Derives independent 64-bit seeds from a root seed and integer coordinates (SplitMix64 finaliser per step). */
final class Seeds {
    private Seeds() {}

    /** A seed for the coordinates {@code parts} under {@code root}; different coordinates give unrelated seeds. */
    static long mix(long root, long... parts) {
        long h = fmix(root ^ 0x9E3779B97F4A7C15L);
        for (long p : parts) {
            h = fmix(h + 0x9E3779B97F4A7C15L + p * 0xBF58476D1CE4E5B9L);
        }
        return h;
    }

    private static long fmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
