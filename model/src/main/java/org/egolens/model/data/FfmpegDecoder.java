package org.egolens.model.data;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open video file: demuxer, video decoder and colour converter on the FFmpeg libraries that JavaCV bundles
 * ({@code org.bytedeco.ffmpeg}). Not thread-safe; each caller opens its own and closes it, which frees every native
 * object.
 *
 * <p>Why not {@code FFmpegFrameGrabber}: the grabber converts every decoded frame to RGB (it does not expose the
 * decoded {@code AVFrame}), so decoding forward through a group of pictures to reach a frame also pays a colour
 * conversion for each skipped frame, and its accurate seek stops on a timestamp heuristic. Here frames are identified
 * by their exact presentation timestamp against a {@link FrameTable} and only the wanted frames are converted.
 */
final class FfmpegDecoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegDecoder.class);
    private static final int ROW_ALIGN = 64;

    static {
        // FFmpeg's own log goes to stderr; keep only real errors there (exceptions carry the details).
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final Path file;
    private AVFormatContext format;
    private AVCodecContext codec;
    private AVPacket packet;
    private AVFrame received;
    private AVFrame current;
    private int streamIndex = -1;
    private AVStream stream;
    private boolean hasCurrent;
    private boolean inputDone;
    private boolean endOfStream;
    /** Presentation timestamps that must be decoded, ascending; other non-reference frames are skipped. */
    private long[] wantedPts;
    private SwsContext sws;
    private int[] swsDims = new int[0];
    private BytePointer dst;
    private long dstCapacity;

    private FfmpegDecoder(Path file) {
        this.file = file;
    }

    /**
     * Opens the best video stream of a file.
     *
     * @param file    the video
     * @param threads decoder threads (0 = FFmpeg's choice, 1 = single-threaded)
     * @throws IOException if the file is missing, has no decodable video stream, or the container is corrupt
     *                     (message names the file)
     */
    static FfmpegDecoder open(Path file, int threads) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "video file not found");
        }
        FfmpegDecoder d = new FfmpegDecoder(file);
        try {
            d.openInternal(threads);
            return d;
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private void openInternal(int threads) throws IOException {
        AVFormatContext ctx = new AVFormatContext(null);
        int r = avformat.avformat_open_input(ctx, file.toAbsolutePath().toString(), null, null);
        if (r < 0) {
            throw new IOException("cannot open video " + file + ": " + error(r));
        }
        format = ctx;
        r = avformat.avformat_find_stream_info(format, (PointerPointer<?>) null);
        if (r < 0) {
            throw new IOException("cannot read stream info of " + file + ": " + error(r));
        }
        streamIndex = avformat.av_find_best_stream(format, avutil.AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (streamIndex < 0) {
            throw new IOException("no video stream in " + file + ": " + error(streamIndex));
        }
        for (int i = 0; i < format.nb_streams(); i++) {
            if (i != streamIndex) {
                format.streams(i).discard(AVDISCARD_ALL);
            }
        }
        stream = format.streams(streamIndex);
        AVCodec decoder = avcodec.avcodec_find_decoder(stream.codecpar().codec_id());
        if (decoder == null) {
            throw new IOException("no decoder for the video codec (id " + stream.codecpar().codec_id() + ") of " + file);
        }
        codec = avcodec.avcodec_alloc_context3(decoder);
        if (codec == null) {
            throw new IOException("cannot allocate a decoder for " + file);
        }
        r = avcodec.avcodec_parameters_to_context(codec, stream.codecpar());
        if (r < 0) {
            throw new IOException("invalid codec parameters in " + file + ": " + error(r));
        }
        codec.pkt_timebase(stream.time_base());
        codec.thread_count(Math.max(0, threads));
        r = avcodec.avcodec_open2(codec, decoder, (PointerPointer<?>) null);
        if (r < 0) {
            throw new IOException("cannot open the video decoder for " + file + ": " + error(r));
        }
        packet = avcodec.av_packet_alloc();
        received = avutil.av_frame_alloc();
        current = avutil.av_frame_alloc();
        if (packet == null || received == null || current == null) {
            throw new IOException("out of memory opening " + file);
        }
    }

    /** The file. */
    Path file() {
        return file;
    }

    /** Coded frame width, pixels. */
    int width() {
        return stream.codecpar().width();
    }

    /** Coded frame height, pixels. */
    int height() {
        return stream.codecpar().height();
    }

    /** Stream time base numerator. */
    int timeBaseNum() {
        return stream.time_base().num();
    }

    /** Stream time base denominator. */
    int timeBaseDen() {
        return stream.time_base().den();
    }

    /**
     * Average frame rate of the stream (what decord's {@code get_avg_fps()} reports), else the nominal rate, else 0.
     */
    double containerFps() {
        AVRational avg = stream.avg_frame_rate();
        if (avg.num() > 0 && avg.den() > 0) {
            return (double) avg.num() / avg.den();
        }
        AVRational nominal = stream.r_frame_rate();
        if (nominal.num() > 0 && nominal.den() > 0) {
            return (double) nominal.num() / nominal.den();
        }
        return 0;
    }

    /**
     * Demuxes every packet of the video stream (without decoding) and returns the frame table, then rewinds.
     *
     * @throws IOException if the container cannot be read to its end, or has no timestamped video packet
     */
    FrameTable scanFrameTable() throws IOException {
        long[] pts = new long[1024];
        long[] keys = new long[64];
        int n = 0;
        int k = 0;
        int untimed = 0;
        long packets = 0;
        long damaged = 0;
        int r;
        while ((r = avformat.av_read_frame(format, packet)) >= 0) {
            try {
                if (packet.stream_index() != streamIndex) {
                    continue;
                }
                packets++;
                if ((packet.flags() & AV_PKT_FLAG_CORRUPT) != 0) {
                    damaged++;
                }
                if ((packet.flags() & AV_PKT_FLAG_DISCARD) != 0) {
                    continue;
                }
                long t = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                if (t == AV_NOPTS_VALUE) {
                    untimed++;
                    continue;
                }
                if (n == pts.length) {
                    pts = Arrays.copyOf(pts, n * 2);
                }
                pts[n++] = t;
                if ((packet.flags() & AV_PKT_FLAG_KEY) != 0) {
                    if (k == keys.length) {
                        keys = Arrays.copyOf(keys, k * 2);
                    }
                    keys[k++] = t;
                }
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
        if (r != AVERROR_EOF) {
            throw new IOException("reading the video packets of " + file + " failed after " + n + " frames: " + error(r));
        }
        if (damaged > 0) {
            throw new IOException(file + " is truncated or corrupt: " + damaged + " of its " + packets
                    + " video packets are damaged");
        }
        long declared = stream.nb_frames();
        if (declared > packets && format.iformat().name().getString().contains("mp4")) {
            // an MP4/MOV sample table is exact: fewer samples in the file than listed means the file was cut short
            throw new IOException(file + " is truncated: its index lists " + declared + " video frames but only "
                    + packets + " are in the file");
        }
        if (untimed > 0) {
            throw new IOException(file + " has " + untimed + " video packets without timestamps; frames cannot be indexed");
        }
        if (n == 0) {
            throw new IOException("no video frames in " + file);
        }
        FrameTable table = FrameTable.fromPackets(pts, n, keys, k, timeBaseNum(), timeBaseDen());
        seekToPts(table.pts(0));
        return table;
    }

    /**
     * Positions the demuxer at the last keyframe at or before {@code pts} (stream time base) and resets the decoder.
     */
    void seekToPts(long pts) throws IOException {
        int r = avformat.av_seek_frame(format, streamIndex, pts, avformat.AVSEEK_FLAG_BACKWARD);
        if (r < 0) {
            r = avformat.avformat_seek_file(format, streamIndex, Long.MIN_VALUE, pts, pts, 0);
        }
        if (r < 0) {
            throw new IOException("seeking to timestamp " + pts + " in " + file + " failed: " + error(r));
        }
        avcodec.avcodec_flush_buffers(codec);
        avutil.av_frame_unref(current);
        hasCurrent = false;
        inputDone = false;
        endOfStream = false;
    }

    /**
     * Decodes the next frame in presentation order; it becomes the current frame.
     *
     * @return false at the end of the stream (the previous frame stays current)
     * @throws IOException on a read or decoder error (names the file)
     */
    boolean next() throws IOException {
        if (endOfStream) {
            return false;
        }
        while (true) {
            int r = avcodec.avcodec_receive_frame(codec, received);
            if (r >= 0) {
                avutil.av_frame_unref(current);
                avutil.av_frame_move_ref(current, received);
                hasCurrent = true;
                return true;
            }
            if (r == AVERROR_EOF) {
                endOfStream = true;
                return false;
            }
            if (r != avutil.AVERROR_EAGAIN()) {
                throw new IOException("decoding a frame of " + file + " failed: " + error(r));
            }
            if (inputDone) {
                endOfStream = true;
                return false;
            }
            r = avformat.av_read_frame(format, packet);
            if (r < 0) {
                if (r != AVERROR_EOF) {
                    throw new IOException("reading " + file + " failed: " + error(r));
                }
                inputDone = true;
                avcodec.avcodec_send_packet(codec, null);
                continue;
            }
            try {
                if (packet.stream_index() == streamIndex) {
                    // a non-reference frame that nobody asked for need not be decoded: no other frame depends on it
                    long t = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    boolean skippable = wantedPts != null && Arrays.binarySearch(wantedPts, t) < 0;
                    codec.skip_frame(skippable ? avcodec.AVDISCARD_NONREF : avcodec.AVDISCARD_DEFAULT);
                    int s = avcodec.avcodec_send_packet(codec, packet);
                    if (s < 0 && s != avutil.AVERROR_EAGAIN()) {
                        // a damaged packet: the decoder conceals it; a frame that never appears is reported by the caller
                        LOG.debug("{}: decoder rejected packet at pts {}: {}", file, packet.pts(), error(s));
                    }
                }
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
    }

    /** Receives decoded frames from {@link #decodeFrames}; the decoder's current frame is the delivered one. */
    @FunctionalInterface
    interface FrameSink {
        /**
         * @param requested the frame index asked for
         * @param delivered the frame index decoded: equal to {@code requested}, or smaller when the stream ended before
         *                  the requested frame (the last decodable frame is delivered instead)
         */
        void accept(int requested, int delivered) throws IOException;
    }

    /**
     * Decodes the given frames, each exactly (identified by presentation timestamp), in ascending order. From one frame
     * to the next it decodes forward, unless a keyframe lies between them, in which case it seeks to that keyframe (a
     * seek costs a decode from the keyframe; decoding forward costs every frame in between).
     *
     * @param table   the file's frame table
     * @param targets frame indices, ascending, no duplicates, within {@code [0, table.size())}
     * @param sink    called once per target while that frame is current
     * @throws IOException if a frame in the table is not produced by the decoder (names the file and frame)
     */
    void decodeFrames(FrameTable table, int[] targets, FrameSink sink) throws IOException {
        wantedPts = new long[targets.length];
        for (int i = 0; i < targets.length; i++) {
            wantedPts[i] = table.pts(targets[i]);
        }
        try {
            decodeTargets(table, targets, sink);
        } finally {
            wantedPts = null;
            codec.skip_frame(avcodec.AVDISCARD_DEFAULT);
        }
    }

    private void decodeTargets(FrameTable table, int[] targets, FrameSink sink) throws IOException {
        int pos = -1; // index of the current frame since the last seek, -1 = none
        int streamEnd = -1; // the last frame the decoder produced before the stream ended early, -1 = not seen
        for (int target : targets) {
            if (streamEnd >= 0 && target > streamEnd) {
                sink.accept(target, streamEnd);
                continue;
            }
            int seekKey = table.keyframeAtOrBefore(target);
            boolean seek = pos < 0 || pos > target || seekKey > pos;
            int retries = 0;
            boolean delivered = false;
            while (!delivered) {
                boolean firstAfterSeek = false;
                if (seek) {
                    seekToPts(table.pts(seekKey));
                    pos = -1;
                    firstAfterSeek = true;
                    seek = false;
                }
                while (true) {
                    if (!next()) {
                        if (pos < 0) {
                            throw new IOException("no frame of " + file + " decodes from keyframe " + seekKey
                                    + " (wanted frame " + target + " of " + table.size() + ")");
                        }
                        LOG.warn("{}: stream ended at frame {} before frame {} of {}; using frame {}", file, pos, target,
                                table.size(), pos);
                        streamEnd = pos;
                        sink.accept(target, pos);
                        delivered = true;
                        break;
                    }
                    int idx = indexOfCurrent(table, pos, seekKey);
                    if (idx == target) {
                        pos = idx;
                        sink.accept(target, idx);
                        delivered = true;
                        break;
                    }
                    if (idx > target) {
                        if (firstAfterSeek && seekKey > 0 && retries < 8) {
                            // the demuxer landed after the target: start from an earlier keyframe
                            seekKey = table.keyframeAtOrBefore(seekKey - 1);
                            retries++;
                            seek = true;
                            break;
                        }
                        throw new IOException("frame " + target + " (pts " + table.pts(target) + ") of " + file
                                + " was not produced by the decoder (it went from frame " + pos + " to " + idx + ")");
                    }
                    pos = idx;
                    firstAfterSeek = false;
                }
            }
        }
    }

    private int indexOfCurrent(FrameTable table, int previous, int seekKey) {
        long t = currentPts();
        if (t == AV_NOPTS_VALUE) {
            return previous >= 0 ? previous + 1 : seekKey;
        }
        int idx = table.indexOfPts(t);
        if (idx < 0) {
            idx = table.nearestIndex(t);
            LOG.debug("{}: decoded timestamp {} is not in the frame table; taking frame {}", file, t, idx);
        }
        return idx;
    }

    /** True once a frame has been decoded since the last seek. */
    boolean hasCurrent() {
        return hasCurrent;
    }

    /** Presentation timestamp of the current frame (stream time base), or {@code AV_NOPTS_VALUE}. */
    long currentPts() {
        long t = current.best_effort_timestamp();
        return t != AV_NOPTS_VALUE ? t : current.pts();
    }

    /** Width of the current decoded frame. */
    int currentWidth() {
        return current.width();
    }

    /** Height of the current decoded frame. */
    int currentHeight() {
        return current.height();
    }

    /**
     * Converts the current frame to packed 8-bit RGB or BGR of the given size with swscale, honouring the frame's
     * colour matrix (BT.601 when unspecified, as FFmpeg does) and range.
     *
     * @param width  output width
     * @param height output height
     * @param bgr    true for {@code BGR24} (Java2D {@code TYPE_3BYTE_BGR}), false for {@code RGB24}
     * @param flags  swscale interpolation flags ({@code SWS_AREA}, {@code SWS_BICUBIC}, ...)
     * @return {@code width·height·3} bytes, rows top to bottom
     */
    byte[] convertCurrent(int width, int height, boolean bgr, int flags) throws IOException {
        if (!hasCurrent) {
            throw new IllegalStateException("no decoded frame");
        }
        int srcW = current.width();
        int srcH = current.height();
        int srcFmt = current.format();
        int dstFmt = bgr ? avutil.AV_PIX_FMT_BGR24 : avutil.AV_PIX_FMT_RGB24;
        int matrix = swsMatrix(current.colorspace());
        int fullRange = isFullRange(current) ? 1 : 0;
        int[] dims = {srcW, srcH, srcFmt, width, height, dstFmt, flags, matrix, fullRange};
        if (sws == null || !Arrays.equals(dims, swsDims)) {
            if (sws != null) {
                swscale.sws_freeContext(sws);
                sws = null;
            }
            int all = flags | swscale.SWS_ACCURATE_RND | swscale.SWS_FULL_CHR_H_INT;
            sws = swscale.sws_getContext(srcW, srcH, srcFmt, width, height, dstFmt, all, null, null, (DoublePointer) null);
            if (sws == null) {
                throw new IOException("cannot convert " + srcW + "x" + srcH + " frames (pixel format " + srcFmt + ") of "
                        + file + " to " + width + "x" + height + " RGB");
            }
            swscale.sws_setColorspaceDetails(sws, swscale.sws_getCoefficients(matrix), fullRange,
                    swscale.sws_getCoefficients(swscale.SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
            swsDims = dims;
        }
        int stride = (width * 3 + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
        long need = (long) stride * height + ROW_ALIGN;
        if (dst == null || dstCapacity < need) {
            if (dst != null) {
                dst.close();
            }
            dst = new BytePointer(need);
            dstCapacity = need;
        }
        try (PointerPointer<BytePointer> dstData = new PointerPointer<>(4);
                IntPointer dstStride = new IntPointer(4)) {
            dstData.put(0, dst.position(0));
            dstStride.put(0, stride);
            int rows = swscale.sws_scale(sws, current.data(), current.linesize(), 0, srcH, dstData, dstStride);
            if (rows != height) {
                throw new IOException("colour conversion of a frame of " + file + " produced " + rows + " of " + height
                        + " rows");
            }
        }
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            dst.position((long) y * stride).get(out, y * width * 3, width * 3);
        }
        dst.position(0);
        return out;
    }

    private static boolean isFullRange(AVFrame f) {
        int fmt = f.format();
        return f.color_range() == avutil.AVCOL_RANGE_JPEG || fmt == avutil.AV_PIX_FMT_YUVJ420P
                || fmt == avutil.AV_PIX_FMT_YUVJ422P || fmt == avutil.AV_PIX_FMT_YUVJ444P
                || fmt == avutil.AV_PIX_FMT_YUVJ440P || fmt == avutil.AV_PIX_FMT_YUVJ411P;
    }

    private static int swsMatrix(int colorspace) {
        if (colorspace == avutil.AVCOL_SPC_BT709) {
            return swscale.SWS_CS_ITU709;
        } else if (colorspace == avutil.AVCOL_SPC_FCC) {
            return swscale.SWS_CS_FCC;
        } else if (colorspace == avutil.AVCOL_SPC_SMPTE240M) {
            return swscale.SWS_CS_SMPTE240M;
        } else if (colorspace == avutil.AVCOL_SPC_BT2020_NCL || colorspace == avutil.AVCOL_SPC_BT2020_CL) {
            return swscale.SWS_CS_BT2020;
        }
        return swscale.SWS_CS_ITU601;
    }

    /** FFmpeg's text for an error code. */
    static String error(int code) {
        byte[] buf = new byte[256];
        avutil.av_strerror(code, buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8) + " (" + code + ")";
    }

    /** Frees every native object; safe to call twice. */
    @Override
    public void close() {
        if (sws != null) {
            swscale.sws_freeContext(sws);
            sws = null;
        }
        if (dst != null) {
            dst.close();
            dst = null;
        }
        if (received != null) {
            avutil.av_frame_free(received);
            received = null;
        }
        if (current != null) {
            avutil.av_frame_free(current);
            current = null;
        }
        if (packet != null) {
            avcodec.av_packet_free(packet);
            packet = null;
        }
        if (codec != null) {
            avcodec.avcodec_free_context(codec);
            codec = null;
        }
        if (format != null) {
            avformat.avformat_close_input(format);
            format = null;
        }
        stream = null;
    }
}
