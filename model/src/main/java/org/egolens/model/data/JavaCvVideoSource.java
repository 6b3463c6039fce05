package org.egolens.model.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.ffmpeg.global.swscale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VideoSource} on the FFmpeg libraries bundled with JavaCV 1.5.14 (linux-x86_64).
 *
 * <p><b>Frames.</b> Frame {@code i} is the {@code i}-th frame in presentation order among the video stream's packets
 * (decord's definition). On first use of a file its packets are demuxed once, without decoding, into a table of
 * presentation timestamps and keyframes (cached per file, size and modification time); the table gives the real frame
 * count, so a container that over-reports its length is never read past its last frame. A frame is returned only when
 * the decoder produced exactly that timestamp.
 *
 * <p><b>Decoding.</b> The wanted frames of one call are decoded in ascending order from one open file: the decoder seeks
 * to the keyframe before the first one and decodes forward, seeking again only when a keyframe lies between the current
 * position and the next wanted frame. Only the wanted frames are colour-converted.
 *
 * <p><b>Model input</b> ({@link #sample}, {@link #sampleClip}): AVION frame indices ({@link SamplingPlan}), short side
 * resized to {@code size} and centre-cropped ({@link ResizeCrop}); the resize runs in swscale together with the YUV→RGB
 * conversion, with area averaging when shrinking (anti-aliased, like OpenCV's {@code INTER_AREA}) and bicubic when
 * enlarging; pixels are normalised with the CLIP mean/std ({@link ClipNormalization}). Colour uses the stream's YUV
 * matrix and range (BT.601 when unspecified, as FFmpeg does). Rotation metadata and non-square pixel aspect ratios are
 * ignored (frames are taken as stored).
 *
 * <p><b>Time.</b> Second 0 is the presentation time of frame 0 (a stream that starts at a later timestamp is measured
 * from its first frame); window times map to frames with the stream's average frame rate, as in AVION.
 *
 * <p>Thread-safe: every call opens, uses and closes its own native decoder (all native memory is freed before the call
 * returns).
 */
public final class JavaCvVideoSource implements VideoSource {
    private static final Logger LOG = LoggerFactory.getLogger(JavaCvVideoSource.class);

    /**
     * Settings.
     *
     * @param decoderThreads     threads per decoder: 0 lets FFmpeg choose (fastest for one call at a time); 1 suits many
     *                           clips decoded in parallel
     * @param frameTableCacheSize files whose frame tables are kept (0 = index the file on every call)
     */
    public record Options(int decoderThreads, int frameTableCacheSize) {
        /** @throws IllegalArgumentException on negative values */
        public Options {
            if (decoderThreads < 0 || frameTableCacheSize < 0) {
                throw new IllegalArgumentException("decoder threads and cache size must be >= 0, got " + decoderThreads
                        + " and " + frameTableCacheSize);
            }
        }

        /** FFmpeg's choice of decoder threads, 256 cached frame tables. */
        public static Options defaults() {
            return new Options(0, 256);
        }

        /** One thread per decoder, for decoding many clips in parallel (e.g. {@link ClipDecoding} with threads). */
        public static Options singleThreaded() {
            return new Options(1, 256);
        }
    }

    private final Options options;
    private final FrameTableCache tables;

    /** A source with {@link Options#defaults()}. */
    public JavaCvVideoSource() {
        this(Options.defaults());
    }

    public JavaCvVideoSource(Options options) {
        this.options = options;
        this.tables = new FrameTableCache(options.frameTableCacheSize());
    }

    @FunctionalInterface
    private interface DecoderWork<T> {
        T run(FfmpegDecoder decoder, FrameTable table, double fps) throws IOException;
    }

    private <T> T withDecoder(Path video, DecoderWork<T> work) throws IOException {
        FrameTableCache.Key key;
        try {
            key = FrameTableCache.key(video);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.nio.file.NoSuchFileException(video.toString(), null, "video file not found");
        }
        try (FfmpegDecoder decoder = FfmpegDecoder.open(video, options.decoderThreads())) {
            FrameTable table = tables.get(key);
            if (table == null) {
                table = decoder.scanFrameTable();
                tables.put(key, table);
            }
            double fps = decoder.containerFps();
            if (!(fps > 0)) {
                double d = table.meanFrameDuration();
                if (!(d > 0)) {
                    throw new IOException("frame rate of " + video + " is unknown");
                }
                fps = 1 / d;
            }
            return work.run(decoder, table, fps);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code frameCount} is the number of decodable frames (from the packet table) and {@code durationSec} runs from
     * the first frame to the end of the last one.
     */
    @Override
    public VideoInfo probe(Path video) throws IOException {
        return withDecoder(video, (d, table, fps) -> new VideoInfo(video, table.durationSec(fps), fps, d.width(),
                d.height(), table.size()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Same as {@link #sampleClip}{@code .frames()}.
     */
    @Override
    public FrameBatch sample(ClipWindow window, int frames, int size, Random jitter) throws IOException {
        return sampleClip(window, frames, size, jitter).frames();
    }

    /**
     * Samples a clip for the video encoder and reports which frames were used.
     *
     * @param window the clip window; a window overhanging the end of the video is clamped
     *               ({@link SampledClip#clamped()})
     * @param frames T, frames to sample
     * @param size   S, output side in pixels
     * @param jitter random source for training-time jitter (AVION), or null for evaluation
     * @return the clip, frames {@code (1, 3, T, S, S)}
     * @throws IOException              if the file is missing or cannot be decoded (names the file)
     * @throws IllegalArgumentException if the window starts after the end of the video (names clip, file and times), or
     *                                  T or S is not positive
     */
    public SampledClip sampleClip(ClipWindow window, int frames, int size, Random jitter) throws IOException {
        requirePositive(frames, "frames to sample");
        requirePositive(size, "output size");
        return withDecoder(window.video(), (d, table, fps) -> {
            SamplingPlan plan = SamplingPlan.avion(window, fps, table.size(), frames, jitter);
            float[] data = new float[3 * frames * size * size];
            long[] delivered = new long[frames];
            d.decodeFrames(table, distinctSorted(plan.indices()), (requested, got) -> {
                int w = d.currentWidth();
                int h = d.currentHeight();
                ResizeCrop crop = ResizeCrop.of(w, h, size);
                byte[] rgb = d.convertCurrent(crop.scaledWidth(), crop.scaledHeight(), false, interpolation(crop, w, h));
                for (int t = 0; t < frames; t++) {
                    if (plan.indices()[t] == requested) {
                        ClipNormalization.writeCrop(rgb, crop, data, 0, frames, t);
                        delivered[t] = got;
                    }
                }
            });
            if (plan.clamped()) {
                LOG.debug("clip {}: window [{}, {}] s overhangs {} ({} frames at {} fps); clamped to frame {}",
                        window.clipId(), window.startSec(), window.endSec(), window.video(), table.size(),
                        String.format(Locale.ROOT, "%.3f", fps), plan.endFrame() - 1);
            }
            return new SampledClip(plan, new FrameBatch(data, 1, 3, frames, size, size), delivered);
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code timeSec} is negative or past the end of the last frame (names the file)
     */
    @Override
    public BufferedImage frameAt(Path video, double timeSec) throws IOException {
        return withDecoder(video, (d, table, fps) -> {
            double duration = table.durationSec(fps);
            if (!(timeSec >= 0) || timeSec >= duration) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "time %s s is outside video %s (0 to %.3f s)", timeSec, video, duration));
            }
            int index = Math.max(0, table.indexAtTime(timeSec));
            return decodeImages(d, table, new int[] {index}, 0).get(0);
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the index is outside {@code [0, frameCount)} (names the file)
     */
    @Override
    public BufferedImage frameByIndex(Path video, long index) throws IOException {
        return framesByIndex(video, index).get(0);
    }

    /**
     * Several frames of one file at full resolution, decoded in one pass (ascending, seeking only across keyframes).
     *
     * @param indices frame numbers, any order, repeats allowed
     * @return one image per requested index, in the requested order ({@code TYPE_3BYTE_BGR})
     * @throws IllegalArgumentException if an index is outside {@code [0, frameCount)} (names the file)
     */
    public List<BufferedImage> framesByIndex(Path video, long... indices) throws IOException {
        return withDecoder(video, (d, table, fps) -> {
            for (long i : indices) {
                if (i < 0 || i >= table.size()) {
                    throw new IllegalArgumentException("frame " + i + " is outside video " + video + " (" + table.size()
                            + " frames)");
                }
            }
            int[] targets = distinctSorted(indices);
            List<BufferedImage> decoded = decodeImages(d, table, targets, 0);
            List<BufferedImage> out = new ArrayList<>(indices.length);
            for (long i : indices) {
                out.add(decoded.get(Arrays.binarySearch(targets, (int) i)));
            }
            return out;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>The middle frame is frame {@code a + (b − a)/2} of the window's AVION frame range {@code [a, b)}.
     *
     * @throws IllegalArgumentException if the window starts after the end of the video or {@code maxSide} is not
     *                                  positive
     */
    @Override
    public BufferedImage thumbnail(ClipWindow window, int maxSide) throws IOException {
        requirePositive(maxSide, "thumbnail size");
        return withDecoder(window.video(), (d, table, fps) -> {
            SamplingPlan plan = SamplingPlan.avion(window, fps, table.size(), 1, null);
            return decodeImages(d, table, new int[] {Math.toIntExact(plan.middleFrame())}, maxSide).get(0);
        });
    }

    /** Decodes frames (ascending, distinct) to BGR images, full size or scaled so the longer side is maxSide. */
    private static List<BufferedImage> decodeImages(FfmpegDecoder d, FrameTable table, int[] targets, int maxSide)
            throws IOException {
        List<BufferedImage> out = new ArrayList<>(targets.length);
        d.decodeFrames(table, targets, (requested, got) -> {
            int w = d.currentWidth();
            int h = d.currentHeight();
            int ow = w;
            int oh = h;
            if (maxSide > 0) {
                if (w >= h) {
                    ow = maxSide;
                    oh = Math.max(1, (int) Math.round((double) h * maxSide / w));
                } else {
                    oh = maxSide;
                    ow = Math.max(1, (int) Math.round((double) w * maxSide / h));
                }
            }
            int flags = ow < w ? swscale.SWS_AREA : swscale.SWS_BICUBIC;
            byte[] bgr = d.convertCurrent(ow, oh, true, flags);
            BufferedImage img = new BufferedImage(ow, oh, BufferedImage.TYPE_3BYTE_BGR);
            byte[] raster = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            System.arraycopy(bgr, 0, raster, 0, raster.length);
            out.add(img);
        });
        return out;
    }

    private static int interpolation(ResizeCrop crop, int width, int height) {
        return crop.upscales(width, height) ? swscale.SWS_BICUBIC : swscale.SWS_AREA;
    }

    private static int[] distinctSorted(long[] indices) {
        return Arrays.stream(indices).sorted().distinct().mapToInt(Math::toIntExact).toArray();
    }

    private static void requirePositive(int value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
