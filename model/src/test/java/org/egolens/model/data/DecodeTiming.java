package org.egolens.model.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Measurement, not a test: time to sample 16 frames at 224 (AVION evaluation centres over the whole clip) with
 * {@link JavaCvVideoSource}, against the {@code ffmpeg} command line producing the same frames, and how close the
 * pixels are. Run with the test classpath:
 * <pre>java -cp model/target/test-classes:model/target/classes:CP org.egolens.model.data.DecodeTiming [clip ...]</pre>
 * Defaults to the 640×360 Ego4D clip and the 1080p60 EPIC video wall from the shared test data.
 */
public final class DecodeTiming {
    private static final int T = 16;
    private static final int SIZE = 224;
    private static final int RUNS = 5;

    private DecodeTiming() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("egolens.shared.data", "../shared/data"));
        List<Path> clips = new ArrayList<>();
        if (args.length == 0) {
            clips.add(data.resolve("clips/ego4d-site__catania_1.mp4"));
            clips.add(data.resolve("clips/epic-site__04x04_videowall.mp4"));
        } else {
            for (String a : args) {
                clips.add(Path.of(a));
            }
        }
        boolean haveFfmpeg = run(List.of("ffmpeg", "-version"), false) != null;
        for (Path clip : clips) {
            measure(clip, haveFfmpeg);
        }
    }

    private static void measure(Path clip, boolean haveFfmpeg) throws Exception {
        System.out.println("== " + clip.getFileName());
        VideoInfo info = new JavaCvVideoSource().probe(clip);
        System.out.printf(Locale.ROOT, "   %dx%d, %.2f fps, %d frames, %.2f s%n", info.width(), info.height(), info.fps(),
                info.frameCount(), info.durationSec());
        ClipWindow whole = ClipWindow.whole("timing", clip);
        SampledClip reference = null;
        for (int threads : new int[] {1, 0}) {
            JavaCvVideoSource source = new JavaCvVideoSource(new JavaCvVideoSource.Options(threads, 16));
            long t0 = System.nanoTime();
            reference = source.sampleClip(whole, T, SIZE, null); // includes indexing the file
            double first = (System.nanoTime() - t0) / 1e6;
            double[] ms = new double[RUNS];
            for (int r = 0; r < RUNS; r++) {
                long t = System.nanoTime();
                source.sampleClip(whole, T, SIZE, null);
                ms[r] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "   JavaCvVideoSource (decoder threads %s): first call %.0f ms, then median %.0f ms "
                    + "(min %.0f)%n", threads == 0 ? "auto" : threads, first, ms[RUNS / 2], ms[0]);
        }
        System.out.println("   frames " + Arrays.toString(reference.frameIndices()));
        if (!haveFfmpeg) {
            System.out.println("   ffmpeg CLI not installed: no comparison");
            return;
        }
        ResizeCrop crop = ResizeCrop.of(info.width(), info.height(), SIZE);
        String select = Arrays.stream(reference.frameIndices()).distinct().mapToObj(i -> "eq(n\\," + i + ")")
                .collect(Collectors.joining("+"));
        String filter = "select='" + select + "',scale=" + crop.scaledWidth() + ":" + crop.scaledHeight()
                + ":flags=area+accurate_rnd+full_chroma_int,crop=" + SIZE + ":" + SIZE + ":" + crop.cropX() + ":"
                + crop.cropY();
        List<String> cmd = List.of("ffmpeg", "-v", "error", "-threads", "1", "-i", clip.toString(), "-filter_threads",
                "1", "-vf", filter, "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
        byte[] rgb = null;
        double[] ms = new double[3];
        for (int r = 0; r < ms.length; r++) {
            long t = System.nanoTime();
            rgb = run(cmd, true);
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "   ffmpeg CLI, one decoding pass + select (1 thread): median %.0f ms%n", ms[1]);
        // 16 accurate seeks, one process each
        long t = System.nanoTime();
        for (long i : reference.frameIndices()) {
            double sec = i / info.fps();
            run(List.of("ffmpeg", "-v", "error", "-threads", "1", "-ss", String.format(Locale.ROOT, "%.6f", sec), "-i",
                    clip.toString(), "-frames:v", "1", "-vf", "scale=" + crop.scaledWidth() + ":" + crop.scaledHeight()
                            + ":flags=area+accurate_rnd+full_chroma_int,crop=" + SIZE + ":" + SIZE + ":" + crop.cropX()
                            + ":" + crop.cropY(),
                    "-f", "rawvideo", "-pix_fmt", "rgb24", "-"), true);
        }
        System.out.printf(Locale.ROOT, "   ffmpeg CLI, 16 processes with accurate -ss seek: %.0f ms%n",
                (System.nanoTime() - t) / 1e6);
        compare(reference, rgb);
    }

    /** Mean and max absolute difference (0–255 levels) between our frames and ffmpeg's rgb24 output. */
    private static void compare(SampledClip ours, byte[] rgb) {
        long[] idx = ours.frameIndices();
        long[] distinct = Arrays.stream(idx).distinct().toArray();
        int frameBytes = SIZE * SIZE * 3;
        if (rgb == null || rgb.length != distinct.length * frameBytes) {
            System.out.println("   ffmpeg returned " + (rgb == null ? 0 : rgb.length / frameBytes) + " frames, expected "
                    + distinct.length);
            return;
        }
        float[] d = ours.frames().data();
        double sum = 0;
        int max = 0;
        long n = 0;
        for (int slot = 0; slot < idx.length; slot++) {
            int f = Arrays.binarySearch(distinct, idx[slot]);
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < SIZE * SIZE; p++) {
                    float v = d[((c * idx.length + slot) * SIZE * SIZE) + p];
                    int mine = Math.round(ClipNormalization.denormalize(c, v) * 255f);
                    int theirs = rgb[f * frameBytes + p * 3 + c] & 0xff;
                    int diff = Math.abs(mine - theirs);
                    sum += diff;
                    max = Math.max(max, diff);
                    n++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "   pixels vs ffmpeg CLI: mean |diff| %.3f levels, max %d%n", sum / n, max);
    }

    private static byte[] run(List<String> cmd, boolean mustSucceed) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            if (mustSucceed) {
                throw e;
            }
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        int rc = p.waitFor();
        if (rc != 0 && mustSucceed) {
            throw new IOException(String.join(" ", cmd) + " exited with " + rc);
        }
        return rc == 0 ? out.toByteArray() : null;
    }
}
