package org.egolens.model.retrieval.fakes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.FrameBatch;

/**
 * A deterministic stand-in for the dual encoder. A clip's raw feature is its mean colour, centred across the three
 * channels (dims 0–2), plus small noise seeded by a hash of its pixels (dims 3..D−1); a text's raw feature is the
 * centred RGB of a colour word it contains, else hash noise. So "red" retrieves red clips, and every distinct clip gets
 * a distinct embedding. Counts what it embedded.
 */
public final class FakeVideoTextModel implements VideoTextModel {
    /** Colour words the text tower understands, as RGB in [0, 1]. */
    public static final Map<String, float[]> COLOURS = Map.of("red", new float[] {0.85f, 0.2f, 0.2f}, "green",
            new float[] {0.2f, 0.75f, 0.25f}, "blue", new float[] {0.2f, 0.3f, 0.9f}, "yellow",
            new float[] {0.9f, 0.85f, 0.2f}, "purple", new float[] {0.6f, 0.25f, 0.8f}, "orange",
            new float[] {0.95f, 0.55f, 0.15f}, "cyan", new float[] {0.2f, 0.8f, 0.85f});

    private final ModelDescriptor descriptor;
    private final AtomicInteger videos = new AtomicInteger();
    private final AtomicInteger texts = new AtomicInteger();
    private volatile boolean closed;

    /** A fake with id {@code fake}, config hash {@code fake-0001}, T frames, 32 px frames, D = 16. */
    public FakeVideoTextModel(int frames) {
        this(new ModelDescriptor("fake", "fake-0001", frames, 32, 16));
    }

    /** A fake with the given descriptor (D ≥ 4). */
    public FakeVideoTextModel(ModelDescriptor d) {
        if (d.embedDim() < 4) {
            throw new IllegalArgumentException("fake model needs D >= 4");
        }
        this.descriptor = d;
    }

    /** Clips embedded so far. */
    public int videosEmbedded() {
        return videos.get();
    }

    /** Texts embedded so far. */
    public int textsEmbedded() {
        return texts.get();
    }

    /** True after {@link #close()}. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public float[][] encodeVideos(FrameBatch frames) {
        float[][] raw = rawVideoFeatures(frames);
        for (float[] r : raw) {
            normalize(r);
        }
        videos.addAndGet(raw.length);
        return raw;
    }

    /** Un-normalised clip features {@code (B, D)}. */
    public float[][] rawVideoFeatures(FrameBatch frames) {
        check(!closed, "model closed");
        check(frames.frames() == descriptor.numFrames() && frames.height() == descriptor.imageSize(),
                "fake model expects T=" + descriptor.numFrames() + ", " + descriptor.imageSize() + " px");
        int n = frames.clipSize();
        int plane = frames.frames() * frames.height() * frames.width();
        float[][] out = new float[frames.batch()][];
        for (int b = 0; b < frames.batch(); b++) {
            float[] rgb = new float[3];
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (int k = 0; k < plane; k++) {
                    sum += frames.data()[b * n + c * plane + k];
                }
                rgb[c] = (float) (sum / plane * FakeVideoSource.STD[c] + FakeVideoSource.MEAN[c]);
            }
            int h = Arrays.hashCode(Arrays.copyOfRange(frames.data(), b * n, (b + 1) * n));
            out[b] = feature(rgb, h, 0.04f);
        }
        return out;
    }

    @Override
    public int textTokens(String text) {
        return (text.isBlank() ? 0 : text.trim().split("\\s+").length) + 2; // toy rule: a token per word, SOT, EOT
    }

    @Override
    public float[][] encodeTexts(List<String> ts) {
        float[][] raw = rawTextFeatures(ts);
        for (float[] r : raw) {
            normalize(r);
        }
        texts.addAndGet(raw.length);
        return raw;
    }

    /** Un-normalised text features {@code (N, D)}. */
    public float[][] rawTextFeatures(List<String> ts) {
        check(!closed, "model closed");
        float[][] out = new float[ts.size()][];
        for (int i = 0; i < ts.size(); i++) {
            String t = ts.get(i).toLowerCase(Locale.ROOT);
            float[] rgb = null;
            for (var e : COLOURS.entrySet()) {
                if (t.matches(".*\\b" + e.getKey() + "\\b.*")) {
                    rgb = e.getValue();
                }
            }
            out[i] = rgb != null ? feature(rgb, t.hashCode(), 0.0f) : feature(new float[3], t.hashCode(), 1f);
        }
        return out;
    }

    private float[] feature(float[] rgb, int seed, float noise) {
        float[] v = new float[descriptor.embedDim()];
        float m = (rgb[0] + rgb[1] + rgb[2]) / 3;
        for (int c = 0; c < 3; c++) {
            v[c] = rgb[c] - m;
        }
        Random r = new Random(seed);
        for (int j = 3; j < v.length; j++) {
            v[j] = (float) (noise * r.nextGaussian());
        }
        if (noise == 0) {
            v[3] = 1e-3f; // keeps grey texts non-zero
        }
        return v;
    }

    /** L2-normalises in place. */
    public static void normalize(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int j = 0; j < v.length; j++) {
            v[j] *= inv;
        }
    }

    private static void check(boolean ok, String msg) {
        if (!ok) {
            throw new IllegalStateException(msg);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
