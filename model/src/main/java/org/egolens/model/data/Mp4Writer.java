package org.egolens.model.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Writes H.264 (yuv420p) mp4 files frame by frame with JavaCV. The file appears atomically: frames go to a temporary
 * file beside the target, which is renamed on {@link #close()}; a writer that is never closed leaves no target file.
 */
public final class Mp4Writer implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final FFmpegFrameRecorder recorder;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final int width;
    private final int height;
    private long frames;

    /**
     * Opens a writer.
     *
     * @param target output {@code .mp4}
     * @param width  frame width, pixels (even)
     * @param height frame height, pixels (even)
     * @param fps    frames per second
     * @param crf    x264 constant rate factor (0 = lossless, 18 ≈ visually lossless, 23 default)
     * @throws IOException if the encoder cannot be opened
     */
    public Mp4Writer(Path target, int width, int height, double fps, int crf) throws IOException {
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("H.264 yuv420p needs even frame sizes, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.target = target.toAbsolutePath();
        Files.createDirectories(this.target.getParent());
        this.tmp = this.target.resolveSibling("." + this.target.getFileName() + ".part.mp4");
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        recorder = new FFmpegFrameRecorder(tmp.toFile(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setVideoOption("crf", Integer.toString(crf));
        recorder.setVideoOption("preset", "veryfast");
        // deterministic output: single-threaded x264
        recorder.setVideoOption("threads", "1");
        recorder.setGopSize((int) Math.max(1, Math.round(fps)));
        // RGB -> YUV 4:2:0 with proper rounding; swscale's default fast path (bilinear, truncating) shifts colours by
        // about one level (grey 128 came back as 125,128,125)
        recorder.setImageScalingFlags(swscale.SWS_AREA | swscale.SWS_ACCURATE_RND);
        try {
            recorder.start();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("cannot open H.264 encoder for " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends one frame. Any {@link BufferedImage} type is accepted: images that are not {@code TYPE_3BYTE_BGR} are
     * first redrawn into one, because the recorder is told the pixels are packed BGR24 (an {@code int}-packed or
     * grey image handed over as is would be misread).
     *
     * @throws IllegalArgumentException if the image size differs from the writer's
     */
    public void write(BufferedImage image) throws IOException {
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new IllegalArgumentException("frame " + frames + " of " + target + " is " + image.getWidth() + "x"
                    + image.getHeight() + ", the writer was opened for " + width + "x" + height);
        }
        Frame f = converter.convert(asBgr(image));
        try {
            recorder.record(f, avutil.AV_PIX_FMT_BGR24);
            frames++;
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("encoding frame " + frames + " of " + target + " failed: " + e.getMessage(), e);
        }
    }

    private static BufferedImage asBgr(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = bgr.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return bgr;
    }

    /** Frames written so far. */
    public long frameCount() {
        return frames;
    }

    /** Finishes the file and moves it into place; on failure the partial file is deleted. */
    @Override
    public void close() throws IOException {
        try {
            recorder.stop();
            recorder.release();
        } catch (FFmpegFrameRecorder.Exception e) {
            converter.close();
            Files.deleteIfExists(tmp);
            throw new IOException("finishing " + target + " failed: " + e.getMessage(), e);
        }
        converter.close();
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
