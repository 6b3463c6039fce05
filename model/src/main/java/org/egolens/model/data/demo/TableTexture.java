package org.egolens.model.data.demo;

import java.awt.image.BufferedImage;

/**
 * Bakes a kitchen's table top (wood planks, checked cloth or speckled stone) into an image already in the camera's
 * perspective, covering screen u ∈ [−{@value #MARGIN}, 1 + {@value #MARGIN}] and v ∈ [far edge, 1 + {@value #MARGIN}],
 * so a frame only needs one image draw under the head-motion transform. Each pixel averages 2×2 samples.
 */
final class TableTexture {
    /** Extra screen area around the frame covered by the texture, fraction of the frame side (head motion room). */
    static final double MARGIN = 0.2;
    /** Depth of the far table edge, table units. */
    static final double FAR_EDGE = 1.12;

    private TableTexture() {}

    /** Screen v of the far table edge. */
    static double farEdgeV() {
        return TableGeometry.v(FAR_EDGE, 0);
    }

    /**
     * Renders the texture for a frame side of {@code size} pixels.
     *
     * @return an image of {@code round((1+2·MARGIN)·size)} × {@code round((1+MARGIN−farEdgeV)·size)} pixels whose
     *     top-left corner belongs at screen (−MARGIN, farEdgeV)
     */
    static BufferedImage create(KitchenStyle style, int size) {
        int w = (int) Math.round((1 + 2 * MARGIN) * size);
        double v0 = farEdgeV();
        int h = (int) Math.round((1 + MARGIN - v0) * size);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        long seed = style.textureSeed();
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int sy = 0; sy < 2; sy++) {
                    for (int sx = 0; sx < 2; sx++) {
                        double u = -MARGIN + (px + 0.25 + 0.5 * sx) / size;
                        double v = v0 + (py + 0.25 + 0.5 * sy) / size;
                        double ty = (0.92 - v) / TableGeometry.Y_SPAN;
                        double tx = (u - 0.5) / (TableGeometry.X_SPAN * TableGeometry.depthScale(ty));
                        int c = sample(style, seed, tx, ty);
                        // soft light from above-centre: brighter in the middle of the table
                        double light = 1.06 - 0.22 * Math.min(1, Math.hypot(tx * 0.55, (ty - 0.5) * 0.9));
                        r += ((c >> 16) & 255) * light;
                        g += ((c >> 8) & 255) * light;
                        b += (c & 255) * light;
                    }
                }
                img.setRGB(px, py, (clamp(r / 4) << 16) | (clamp(g / 4) << 8) | clamp(b / 4));
            }
        }
        return img;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Colour of table point (x, y). */
    private static int sample(KitchenStyle style, long seed, double x, double y) {
        int base = style.tableColor();
        int accent = style.tableAccent();
        return switch (style.surface()) {
            case WOOD -> {
                double plank = 0.32;
                double idx = Math.floor(x / plank);
                double f = x / plank - idx;
                if (f < 0.025) {
                    yield Canvas.scale(accent, 0.7);
                }
                double warp = noise(seed, x * 4, y * 1.5) * 2.2 + idx * 1.7;
                double grain = 0.5 + 0.5 * StrictMath.sin((x * 55 + warp * 3 + y * 1.5));
                double tone = 0.9 + 0.2 * hash01(seed, (long) idx, 11);
                yield mix(Canvas.scale(base, tone), accent, 0.55 * grain * grain);
            }
            case CLOTH -> {
                double cell = 0.22;
                boolean sx = Math.floorMod((long) Math.floor(x / cell), 2) == 0;
                boolean sy = Math.floorMod((long) Math.floor(y / cell), 2) == 0;
                double weave = 0.04 * StrictMath.sin(x * 260) * StrictMath.sin(y * 260);
                double a = (sx ? 0.38 : 0) + (sy ? 0.38 : 0);
                yield Canvas.scale(mix(base, accent, a), 1 + weave);
            }
            case STONE -> {
                double n = noise(seed, x * 6, y * 6) * 0.6 + noise(seed + 1, x * 17, y * 17) * 0.4;
                double speck = hash01(seed, (long) Math.floor(x * 90), (long) Math.floor(y * 120));
                int c = mix(base, accent, 0.5 * n);
                yield speck > 0.93 ? Canvas.scale(c, 1.25) : (speck < 0.05 ? Canvas.scale(c, 0.7) : c);
            }
        };
    }

    private static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 255) * (1 - t) + ((b >> 16) & 255) * t);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - t) + ((b >> 8) & 255) * t);
        int bl = (int) Math.round((a & 255) * (1 - t) + (b & 255) * t);
        return (r << 16) | (g << 8) | bl;
    }

    /** Smooth value noise in [0, 1]. */
    private static double noise(long seed, double x, double y) {
        long ix = (long) Math.floor(x);
        long iy = (long) Math.floor(y);
        double fx = x - ix;
        double fy = y - iy;
        double sx = fx * fx * (3 - 2 * fx);
        double sy = fy * fy * (3 - 2 * fy);
        double a = hash01(seed, ix, iy);
        double b = hash01(seed, ix + 1, iy);
        double c = hash01(seed, ix, iy + 1);
        double d = hash01(seed, ix + 1, iy + 1);
        return (a * (1 - sx) + b * sx) * (1 - sy) + (c * (1 - sx) + d * sx) * sy;
    }

    private static double hash01(long seed, long i, long j) {
        return (Seeds.mix(seed, i, j) >>> 11) * 0x1.0p-53;
    }
}
