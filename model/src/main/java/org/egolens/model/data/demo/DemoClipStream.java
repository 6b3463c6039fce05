package org.egolens.model.data.demo;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * An endless supply of fresh training clips from the demo generator, rendered straight into float tensors without
 * writing video files. Sample (epoch, index) is a pure function of (config seed, epoch, index): every epoch draws new
 * scenes, and a rerun reproduces them. Labels cycle through the verb classes in shuffled rounds of ten, as in the
 * written train split, and kitchens are drawn among the config's participants. Thread-safe; data loaders may call
 * {@link #sample} from several threads.
 *
 * <p>Frames: the clip of {@code round(fps · clipSeconds)} frames is split into T equal segments and the centre frame of
 * each is rendered (the AVION/LaViLa evaluation rule, docs/evaluation-and-formats.md §6).
 */
public final class DemoClipStream {
    /** CLIP image mean (RGB, of 0…1 values). */
    public static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    /** CLIP image standard deviation (RGB, of 0…1 values). */
    public static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private static final long STREAM = 4;

    /** Pixel encodings of {@link DemoSample#pixels()}. */
    public enum Pixels {
        /** {@code (v/255 − mean)/std} with the CLIP mean/std, ready for the video encoder. */
        CLIP_NORMALISED,
        /** Raw RGB values 0 … 255. */
        RGB_255
    }

    private final DemoConfig config;
    private final int frames;
    private final Pixels pixels;
    private final float[][] levels;
    private final SceneRenderer renderer;

    /**
     * @param config seed, frame size, fps, clip length and participants of the generator
     * @param frames T, frames per sample (1 … frames per clip)
     * @param pixels pixel encoding
     * @throws IllegalArgumentException if T is out of range
     */
    public DemoClipStream(DemoConfig config, int frames, Pixels pixels) {
        this.config = Objects.requireNonNull(config, "config");
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.levels = levels(pixels);
        if (frames < 1 || frames > config.clipFrames()) {
            throw new IllegalArgumentException("frames per sample must be in [1, " + config.clipFrames() + "], got "
                    + frames);
        }
        this.frames = frames;
        this.renderer = new SceneRenderer(config.frameSize());
    }

    /** Frame indices (0-based, in the full clip) that a sample renders: segment centres. */
    public int[] frameIndices() {
        int total = config.clipFrames();
        int[] idx = new int[frames];
        for (int i = 0; i < frames; i++) {
            idx[i] = (int) Math.floor((i + 0.5) * total / frames);
        }
        return idx;
    }

    /** The scene of sample (epoch, index), without rendering it. */
    public ClipSpec spec(long epoch, long index) {
        if (epoch < 0 || index < 0) {
            throw new IllegalArgumentException("epoch and index must be >= 0, got " + epoch + ", " + index);
        }
        ClipLabel label = DemoPlan.balancedLabel(config.seed(), STREAM, epoch, index);
        int participant = (int) Long.remainderUnsigned(Seeds.mix(config.seed(), STREAM, epoch, index, 3),
                config.participants()) + 1;
        KitchenStyle style = ClipSampler.style(config.seed(), participant);
        return ClipSampler.sample(label, style, Seeds.mix(config.seed(), STREAM, epoch, index, 2));
    }

    /**
     * Renders sample (epoch, index).
     *
     * @return pixels {@code (3, T, H, W)}, labels and boxes
     */
    public DemoSample sample(long epoch, long index) {
        ClipSpec spec = spec(epoch, index);
        int size = config.frameSize();
        int plane = size * size;
        float[] out = new float[3 * frames * plane];
        List<FrameBoxes> boxes = new ArrayList<>(frames);
        int[] idx = frameIndices();
        for (int t = 0; t < frames; t++) {
            SceneRenderer.Frame f = renderer.render(spec, SceneModel.at(spec, ClipTime.ofFrame(idx[t],
                    config.clipFrames())));
            boxes.add(f.boxes());
            write(f.image(), out, t, plane);
        }
        return new DemoSample(epoch, index, spec, out, frames, size, boxes);
    }

    /** An endless iterator over samples 0, 1, 2, … of one epoch. */
    public Iterator<DemoSample> epoch(long epoch) {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public DemoSample next() {
                return sample(epoch, next++);
            }
        };
    }

    /** Copies a TYPE_3BYTE_BGR image into channel planes of frame t. */
    private void write(BufferedImage img, float[] out, int t, int plane) {
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int tPlanes = frames * plane;
        for (int c = 0; c < 3; c++) {
            float[] lut = levels[c];
            int dst = c * tPlanes + t * plane;
            for (int p = 0, src = 2 - c; p < plane; p++, src += 3) {
                out[dst + p] = lut[bgr[src] & 0xFF];
            }
        }
    }

    /** Per-channel table of the 256 byte levels in this stream's encoding (raw 0–255, or CLIP-normalised). */
    private static float[][] levels(Pixels pixels) {
        float[][] lut = new float[3][256];
        for (int c = 0; c < 3; c++) {
            for (int b = 0; b < 256; b++) {
                float v = b;
                lut[c][b] = pixels == Pixels.CLIP_NORMALISED ? (v / 255f - CLIP_MEAN[c]) / CLIP_STD[c] : v;
            }
        }
        return lut;
    }
}
