package org.egolens.model.retrieval.fakes;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.data.VideoInfo;
import org.egolens.model.data.VideoSource;

/**
 * A {@link VideoSource} over {@link FakeVideos} files: frame i is the video's colour with a white bar whose position
 * moves with i and a darker band below it, drawn with Java2D. Deterministic and thread-safe; counts samples so tests can
 * tell what was decoded.
 */
public final class FakeVideoSource implements VideoSource {
    /** CLIP image mean, RGB. */
    public static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    /** CLIP image std, RGB. */
    public static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicInteger frameReads = new AtomicInteger();
    private volatile long sampleDelayMillis;

    /** Clips sampled so far. */
    public int sampleCount() {
        return samples.get();
    }

    /** Display frames read so far ({@link #frameAt}, {@link #frameByIndex}, {@link #thumbnail}). */
    public int frameReadCount() {
        return frameReads.get();
    }

    /** Makes every {@link #sample} take at least this long (to exercise progress and cancel). */
    public void setSampleDelayMillis(long ms) {
        sampleDelayMillis = ms;
    }

    @Override
    public VideoInfo probe(Path video) throws IOException {
        FakeVideos.Spec s = FakeVideos.read(video);
        return new VideoInfo(video, s.durationSec(), s.fps(), s.width(), s.height(), s.frames());
    }

    @Override
    public FrameBatch sample(ClipWindow w, int frames, int size, Random jitter) throws IOException {
        FakeVideos.Spec s = FakeVideos.read(w.video());
        double end = w.isOpenEnded() ? s.durationSec() : w.endSec();
        if (w.startSec() >= s.durationSec() || end > s.durationSec() + 1e-9) {
            throw new IllegalArgumentException("clip " + w.clipId() + ": window [" + w.startSec() + ", " + w.endSec()
                    + "] s lies outside the video (" + s.durationSec() + " s)");
        }
        if (sampleDelayMillis > 0) {
            try {
                Thread.sleep(sampleDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while decoding " + w.video());
            }
        }
        float[] data = new float[3 * frames * size * size];
        int plane = size * size;
        for (int t = 0; t < frames; t++) {
            double time = w.startSec() + (t + 0.5) * (end - w.startSec()) / frames;
            BufferedImage img = scaled(render(s, indexAt(s, time)), size, size);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int rgb = img.getRGB(x, y);
                    for (int c = 0; c < 3; c++) {
                        float v = ((rgb >> (16 - 8 * c)) & 0xff) / 255f;
                        data[(c * frames + t) * plane + y * size + x] = (v - MEAN[c]) / STD[c];
                    }
                }
            }
        }
        samples.incrementAndGet();
        return new FrameBatch(data, 1, 3, frames, size, size);
    }

    @Override
    public BufferedImage frameAt(Path video, double timeSec) throws IOException {
        FakeVideos.Spec s = FakeVideos.read(video);
        frameReads.incrementAndGet();
        return render(s, indexAt(s, timeSec));
    }

    @Override
    public BufferedImage frameByIndex(Path video, long index) throws IOException {
        FakeVideos.Spec s = FakeVideos.read(video);
        if (index < 0 || index >= s.frames()) {
            throw new IOException(video + ": frame " + index + " out of range [0, " + s.frames() + ")");
        }
        frameReads.incrementAndGet();
        return render(s, (int) index);
    }

    @Override
    public BufferedImage thumbnail(ClipWindow w, int maxSide) throws IOException {
        FakeVideos.Spec s = FakeVideos.read(w.video());
        double end = w.isOpenEnded() ? s.durationSec() : w.endSec();
        frameReads.incrementAndGet();
        BufferedImage full = render(s, indexAt(s, (w.startSec() + end) / 2));
        double f = (double) maxSide / Math.max(s.width(), s.height());
        return scaled(full, Math.max(1, (int) Math.round(s.width() * f)), Math.max(1, (int) Math.round(s.height() * f)));
    }

    /** Frame index shown at {@code t} seconds. */
    public static int indexAt(FakeVideos.Spec s, double t) {
        return (int) Math.max(0, Math.min(s.frames() - 1, Math.floor(t * s.fps() + 1e-9)));
    }

    /** Renders frame {@code i}: background colour, white vertical bar at x = (i / frames) · width, dark lower band. */
    public static BufferedImage render(FakeVideos.Spec s, int i) {
        BufferedImage img = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(s.color());
            g.fillRect(0, 0, s.width(), s.height());
            g.setColor(s.color().darker());
            g.fillRect(0, s.height() * 3 / 4, s.width(), s.height() - s.height() * 3 / 4);
            g.setColor(Color.WHITE);
            int x = (int) ((long) i * s.width() / Math.max(1, s.frames()));
            g.fillRect(x, 0, Math.max(2, s.width() / 20), s.height() * 3 / 4);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(Math.max(1, s.width() / 80f)));
            g.setColor(new Color(255, 255, 255, 160));
            int r = Math.min(s.width(), s.height()) / 5;
            g.drawOval(s.width() / 2 - r, s.height() * 3 / 8 - r, 2 * r, 2 * r);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static BufferedImage scaled(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
