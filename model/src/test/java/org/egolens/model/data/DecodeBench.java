package org.egolens.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Decode benchmark (issue 9, item 2; not a unit test, runs only with {@code -Degolens.bench=true}): sample T = 16 frames
 * at AVION evaluation centres, short side resized to 224 and centre-cropped, with {@link JavaCvVideoSource}, against the
 * {@code ffmpeg} command line producing the same frames in the same run. The clips are made with the ffmpeg CLI in a
 * temporary folder and deleted afterwards: a 10 s 640×360 30 fps H.264 re-encode of a shared Ego4D clip (testsrc2 when
 * the shared data is missing) and a 10 s 1920×1080 60 fps H.264 testsrc2 clip.
 *
 * <p>Timings are wall-clock medians. "cold" is a fresh source per call (the file's packet table is scanned first, as
 * when a clip is seen for the first time); "warm" reuses the cached table. The ffmpeg references are (a) one process
 * decoding the whole stream through a {@code select} filter, (b) one process per frame with an accurate {@code -ss}
 * seek; each is timed as a whole process, decoder threads matched to ours. Both sides must give the same frame
 * indices; the bench prints the mean absolute pixel difference.
 *
 * <pre>mvn -B -o -pl model test -Dtest=DecodeBench -Degolens.bench=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "egolens.bench", matches = "true")
class DecodeBench {
    private static final int T = 16;
    private static final int SIZE = 224;
    private static final int RUNS = Integer.getInteger("egolens.bench.runs", 5);

    /** Median of the measured wall times, ms. */
    private record Timing(double medianMs, double minMs) {
        static Timing of(double[] ms) {
            double[] s = ms.clone();
            Arrays.sort(s);
            return new Timing(s[s.length / 2], s[0]);
        }
    }

    @FunctionalInterface
    private interface Timed {
        void run() throws Exception;
    }

    @Test
    void sixteenFramesAgainstFfmpegCli() throws Exception {
        Path dir = Files.createTempDirectory("egolens-decode-bench");
        try {
            List<Path> clips = makeClips(dir);
            StringBuilder csv = new StringBuilder("clip,threads,ours_cold_ms,ours_warm_ms,ffmpeg_select_ms,"
                    + "ffmpeg_seek_ms,ratio_cold_vs_best,mean_abs_diff,max_abs_diff\n");
            System.out.println("load average before: " + loadAverage());
            for (Path clip : clips) {
                for (int threads : new int[] {1, 0}) {
                    csv.append(measure(clip, threads)).append('\n');
                }
            }
            System.out.println("load average after: " + loadAverage());
            Files.writeString(Path.of("target/decode-bench.csv"), csv);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static List<Path> makeClips(Path dir) throws IOException, InterruptedException {
        Path ego = Path.of(System.getProperty("egolens.shared.data", "../shared/data"), "clips",
                "ego4d-site__catania_1.mp4");
        if (!Files.isRegularFile(ego)) {
            ego = Path.of("../" + ego); // surefire runs in the module folder
        }
        Path small = dir.resolve("ego-640x360-30fps.mp4");
        List<String> input = Files.isRegularFile(ego) ? List.of("-i", ego.toString())
                : List.of("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=10");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        cmd.addAll(input);
        cmd.addAll(List.of("-t", "10", "-vf", "scale=640:360", "-an", "-c:v", "libx264", "-preset", "medium",
                "-pix_fmt", "yuv420p", small.toString()));
        run(cmd);
        Path big = dir.resolve("testsrc2-1920x1080-60fps.mp4");
        run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=60:duration=10",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", big.toString()));
        System.out.println("clips made with ffmpeg CLI (libx264 defaults: keyframe every <= 250 frames, B-frames) from "
                + (input.size() == 2 ? ego : "testsrc2") + " and testsrc2");
        return List.of(small, big);
    }

    private static String measure(Path clip, int threads) throws Exception {
        JavaCvVideoSource.Options opts = new JavaCvVideoSource.Options(threads, 16);
        VideoInfo info = new JavaCvVideoSource(opts).probe(clip);
        ClipWindow whole = ClipWindow.whole("bench", clip);
        SampledClip[] ours = new SampledClip[1];
        for (int i = 0; i < 2; i++) { // JIT and native library warm-up
            ours[0] = new JavaCvVideoSource(opts).sampleClip(whole, T, SIZE, null);
        }
        Timing cold = time(() -> ours[0] = new JavaCvVideoSource(opts).sampleClip(whole, T, SIZE, null));
        JavaCvVideoSource cached = new JavaCvVideoSource(opts);
        cached.probe(clip);
        Timing warm = time(() -> cached.sampleClip(whole, T, SIZE, null));

        ResizeCrop crop = ResizeCrop.of(info.width(), info.height(), SIZE);
        String scaleCrop = "scale=" + crop.scaledWidth() + ":" + crop.scaledHeight()
                + ":flags=area+accurate_rnd+full_chroma_int,crop=" + SIZE + ":" + SIZE + ":" + crop.cropX() + ":"
                + crop.cropY();
        long[] indices = ours[0].frameIndices();
        long[] distinct = Arrays.stream(indices).distinct().sorted().toArray();
        String select = Arrays.stream(distinct).mapToObj(i -> "eq(n\\," + i + ")").collect(Collectors.joining("+"));
        String t = threads == 0 ? "0" : String.valueOf(threads);
        List<String> selectCmd = List.of("ffmpeg", "-v", "error", "-threads", t, "-i", clip.toString(),
                "-filter_threads", threads == 0 ? "0" : "1", "-vf", "select='" + select + "'," + scaleCrop, "-fps_mode",
                "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
        byte[][] rgb = new byte[1][];
        Timing selectT = time(() -> rgb[0] = run(selectCmd));
        byte[][] seekRgb = new byte[distinct.length][];
        Timing seekT = time(() -> {
            for (int f = 0; f < distinct.length; f++) {
                String sec = String.format(Locale.ROOT, "%.6f", distinct[f] / info.fps());
                seekRgb[f] = run(List.of("ffmpeg", "-v", "error", "-threads", t, "-ss", sec, "-i", clip.toString(),
                        "-frames:v", "1", "-vf", scaleCrop, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"));
            }
        });
        int frameBytes = SIZE * SIZE * 3;
        assertEquals(distinct.length * frameBytes, rgb[0].length, "ffmpeg select returned another number of frames");
        double[] diff = compare(ours[0], distinct, rgb[0]);
        byte[] seekAll = new byte[distinct.length * frameBytes];
        for (int f = 0; f < distinct.length; f++) {
            System.arraycopy(seekRgb[f], 0, seekAll, f * frameBytes, frameBytes);
        }
        // the per-frame seek should land on the same frames as the single pass (same indices)
        boolean seekSame = Arrays.equals(rgb[0], seekAll);
        assertTrue(diff[0] < 2.0, "mean |diff| vs ffmpeg " + diff[0] + " levels");
        double best = Math.min(selectT.medianMs(), seekT.medianMs());
        double ratio = cold.medianMs() / best;
        System.out.printf(Locale.ROOT, "%s %dx%d %.0f fps %d frames, decoder threads %s%n", clip.getFileName(),
                info.width(), info.height(), info.fps(), info.frameCount(), threads == 0 ? "auto" : threads);
        System.out.printf(Locale.ROOT, "  frames %s%n", Arrays.toString(indices));
        System.out.printf(Locale.ROOT, "  JavaCvVideoSource cold %.0f ms (min %.0f), warm %.0f ms (min %.0f)%n",
                cold.medianMs(), cold.minMs(), warm.medianMs(), warm.minMs());
        System.out.printf(Locale.ROOT, "  ffmpeg CLI select pass %.0f ms (min %.0f); %d processes with -ss %.0f ms "
                + "(min %.0f)%n", selectT.medianMs(), selectT.minMs(), distinct.length, seekT.medianMs(), seekT.minMs());
        System.out.println("  ffmpeg -ss frames identical to the select-pass frames: " + seekSame);
        System.out.printf(Locale.ROOT, "  ratio ours cold / best ffmpeg %.2f; pixels mean |diff| %.3f, max %d levels%n",
                ratio, diff[0], (int) diff[1]);
        return String.format(Locale.ROOT, "%s,%s,%.1f,%.1f,%.1f,%.1f,%.3f,%.4f,%d", clip.getFileName(),
                threads == 0 ? "auto" : threads, cold.medianMs(), warm.medianMs(), selectT.medianMs(), seekT.medianMs(),
                ratio, diff[0], (int) diff[1]);
    }

    private static Timing time(Timed work) throws Exception {
        double[] ms = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long t = System.nanoTime();
            work.run();
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        return Timing.of(ms);
    }

    /** Mean and max absolute difference (0–255 levels) between our frames and ffmpeg's rgb24 frames. */
    private static double[] compare(SampledClip ours, long[] distinct, byte[] rgb) {
        long[] idx = ours.frameIndices();
        int frameBytes = SIZE * SIZE * 3;
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
        return new double[] {sum / n, max};
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static byte[] run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + rc);
        }
        return out.toByteArray();
    }
}
