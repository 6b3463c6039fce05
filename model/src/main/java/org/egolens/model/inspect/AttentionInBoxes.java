package org.egolens.model.inspect;

import java.util.ArrayList;
import java.util.List;
import org.egolens.model.data.ResizeCrop;
import org.egolens.model.data.demo.ClipBoxes;

/**
 * How much of an attention map lies on known hand and object boxes (the demo generator's {@code boxes/<narration_id>.json},
 * {@link ClipBoxes}), compared with how much of the clip those patches cover.
 *
 * <p>A patch token (t, h, w) covers the input pixels {@code [w·p, (w+1)·p) × [h·p, (h+1)·p)} of frame t after the
 * evaluation transform (short side resized to the input size, centre crop; {@link ResizeCrop}). It is <em>inside</em> when
 * that square overlaps a box of the sampled frame with positive area. For a map m over the T·G² patches (the CLS key left
 * out): {@code massInside = Σ_inside m / Σ_all m} and {@code areaInside = #inside / (T·G²)}. A map that ignores the boxes
 * has {@code massInside ≈ areaInside}; {@code massInside / areaInside > 1} means the boxes get more than their share.
 */
public final class AttentionInBoxes {
    private AttentionInBoxes() {}

    /** Which boxes count. */
    public enum Boxes {
        /** The acting hand(s) and the narrated objects (roles {@code acted} and {@code reference}). */
        ACTION,
        /** Every visible hand and object, distractors included. */
        ALL
    }

    /**
     * Share of one map on the boxes.
     *
     * @param massInside    share of the patch mass on inside patches, 0..1
     * @param areaInside    share of patches that are inside, 0..1
     * @param patchesInside number of inside patches
     * @param patches       T·G²
     */
    public record Share(double massInside, double areaInside, int patchesInside, int patches) {
        /** {@code massInside / areaInside} (NaN when no patch is inside). */
        public double lift() {
            return areaInside > 0 ? massInside / areaInside : Double.NaN;
        }
    }

    /**
     * The boxes of one sampled frame, {@code [x0, y0, x1, y1]} in source-frame pixels. Frame index i (0-based, as in
     * {@link org.egolens.model.data.SamplingPlan}) is the file's frame number i + 1; an index before the first or after
     * the last entry (the still padding frames around a demo clip, which repeat its first or last scene) takes the
     * nearest entry.
     *
     * @throws IllegalArgumentException if the file has no frames
     */
    public static List<double[]> boxesAt(ClipBoxes boxes, long frameIndex, Boxes which) {
        List<ClipBoxes.FrameEntry> frames = boxes.frames();
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("clip boxes of " + boxes.narrationId() + " hold no frames");
        }
        long number = frameIndex + 1;
        ClipBoxes.FrameEntry best = frames.get(0);
        for (ClipBoxes.FrameEntry f : frames) {
            if (Math.abs(f.frame() - number) < Math.abs(best.frame() - number)) {
                best = f;
            }
        }
        List<double[]> out = new ArrayList<>();
        for (ClipBoxes.HandEntry h : best.hands()) {
            if (which == Boxes.ALL || h.acting()) {
                out.add(h.box().clone());
            }
        }
        for (ClipBoxes.ObjectEntry o : best.objects()) {
            if (which == Boxes.ALL || o.role().equals("acted") || o.role().equals("reference")) {
                out.add(o.box().clone());
            }
        }
        return out;
    }

    /**
     * Marks the patches that overlap a box.
     *
     * @param grid      the clip's token layout
     * @param patchSize p, pixels
     * @param srcWidth  source frame width, pixels
     * @param srcHeight source frame height, pixels
     * @param perFrame  for each of the T sampled frames, its boxes in source pixels
     * @return T·G² flags, index {@code t·G² + h·G + w}
     * @throws IllegalArgumentException if the number of frames does not match or the input size is not G·p
     */
    public static boolean[] patchMask(TokenGrid grid, int patchSize, int srcWidth, int srcHeight,
            List<List<double[]>> perFrame) {
        if (perFrame.size() != grid.frames()) {
            throw new IllegalArgumentException(perFrame.size() + " frames of boxes for a clip of " + grid.frames());
        }
        int size = grid.grid() * patchSize;
        ResizeCrop rc = ResizeCrop.of(srcWidth, srcHeight, size);
        double sx = (double) rc.scaledWidth() / srcWidth;
        double sy = (double) rc.scaledHeight() / srcHeight;
        int g = grid.grid();
        boolean[] mask = new boolean[grid.patches()];
        for (int t = 0; t < perFrame.size(); t++) {
            for (double[] b : perFrame.get(t)) {
                double x0 = b[0] * sx - rc.cropX();
                double y0 = b[1] * sy - rc.cropY();
                double x1 = b[2] * sx - rc.cropX();
                double y1 = b[3] * sy - rc.cropY();
                for (int h = 0; h < g; h++) {
                    for (int w = 0; w < g; w++) {
                        if (x0 < (w + 1) * patchSize && x1 > w * patchSize && y0 < (h + 1) * patchSize
                                && y1 > h * patchSize) {
                            mask[(t * g + h) * g + w] = true;
                        }
                    }
                }
            }
        }
        return mask;
    }

    /**
     * The share of a map's patch mass on the marked patches.
     *
     * @throws IllegalArgumentException if the mask does not match the map or the map has no patch mass
     */
    public static Share share(PatchMap map, boolean[] mask) {
        float[] v = map.values();
        if (mask.length != v.length) {
            throw new IllegalArgumentException("mask of " + mask.length + " patches for a map of " + v.length);
        }
        double total = 0;
        double inside = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            total += v[i];
            if (mask[i]) {
                inside += v[i];
                n++;
            }
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the map from " + map.query() + " has no mass on the patches");
        }
        return new Share(inside / total, (double) n / v.length, n, v.length);
    }
}
