package org.egolens.model.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipFolder;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.VideoInfo;
import org.egolens.model.data.VideoSource;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Indexing throughput benchmark (issue 9, items 2 and 3; not a unit test, runs only with {@code -Degolens.bench=true}):
 * clips/s of {@link IndexBuilder} over a folder of short clips, with the time per stage, against a sequential
 * decode-then-embed loop over the same clips, model and decoder in the same run (the reference: what indexing costs
 * without the decode prefetch, i.e. the sum of the stages).
 *
 * <p>Clips: {@code egolens.bench.clips} (default 20) 4 s 640×360 30 fps H.264 clips cut with the ffmpeg CLI from the
 * shared Ego4D clips into a temporary folder (deleted afterwards). Model: preset {@code egolens.bench.model} (default
 * {@code tiny}; e.g. {@code eva02-at-b16} with {@code -Degolens.bench.clips=4}), random weights, T from the preset,
 * batch {@code egolens.bench.batch} (default 4). Stage times are measured by wrapping the decoder (probe + sample, summed
 * over decode threads) and the model ({@code encodeVideos}); "write" is the time after the last model call (assembling
 * and writing the index file and report). Each variant runs on a fresh output file (no resume). Both paths must give the
 * same embeddings. Variants ({@code egolens.bench.variants}): {@code seq-auto}, {@code seq-1t} (sequential) and
 * {@code pipe<N>-auto}, {@code pipe<N>-1t} (IndexBuilder with N decode threads), with FFmpeg's choice of decoder threads
 * (the product default) or one; they run interleaved for {@code egolens.bench.rounds} rounds (default 3) and the median
 * round by wall time is reported, because the machine is shared. Writes {@code target/indexing-bench-<model>.csv}.
 *
 * <pre>mvn -B -o -pl model test -Dtest=IndexingBench -Degolens.bench=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "egolens.bench", matches = "true")
class IndexingBench {
    private static final double CLIP_SEC = 4.0;

    /** Wall and per-stage seconds of one indexing run. */
    private record Stages(String variant, int clips, double wallSec, double decodeSec, double modelSec, double writeSec) {
        double clipsPerSec() {
            return clips / wallSec;
        }

        String line() {
            return String.format(Locale.ROOT, "%-36s %6.2f clips/s  wall %7.2f s  decode %7.2f s  model %7.2f s  "
                    + "write %5.3f s", variant, clipsPerSec(), wallSec, decodeSec, modelSec, writeSec);
        }

        String csv(String model) {
            return String.format(Locale.ROOT, "%s,%s,%d,%.3f,%.3f,%.3f,%.3f,%.4f", model, variant, clips, clipsPerSec(),
                    wallSec, decodeSec, modelSec, writeSec);
        }
    }

    @Test
    void throughputWithStageBreakdown() throws Exception {
        String preset = System.getProperty("egolens.bench.model", "tiny");
        int n = Integer.getInteger("egolens.bench.clips", 20);
        int batch = Integer.getInteger("egolens.bench.batch", 4);
        Path shared = SharedData.require("clips");
        Path dir = Files.createTempDirectory("egolens-index-bench");
        try {
            Path clipDir = Files.createDirectories(dir.resolve("clips"));
            makeClips(shared, clipDir, n);
            List<ClipWindow> clips = ClipFolder.scan(clipDir);
            assertEquals(n, clips.size());
            System.out.println("load average before: " + loadAverage());
            StringBuilder csv = new StringBuilder("model,variant,clips,clips_per_s,wall_s,decode_s,model_s,write_s\n");
            try (TimedModel model = new TimedModel(ModelFactory.open(preset))) {
                ModelDescriptor md = model.descriptor();
                System.out.printf(Locale.ROOT, "model %s: T=%d, %d px, D=%d; %d clips of %.0f s; batch %d; %d cores%n",
                        preset, md.numFrames(), md.imageSize(), md.embedDim(), n, CLIP_SEC, batch,
                        Runtime.getRuntime().availableProcessors());
                // warm-up: one batch through decoder and model, not timed
                model.encodeVideos(new JavaCvVideoSource().sample(clips.get(0), md.numFrames(), md.imageSize(), null));
                int rounds = Integer.getInteger("egolens.bench.rounds", 3);
                List<String> variants = List.of(System.getProperty("egolens.bench.variants",
                        "seq-auto,seq-1t,pipe1-auto,pipe1-1t,pipe2-auto,pipe2-1t").split(","));
                java.util.Map<String, List<Stages>> byVariant = new java.util.LinkedHashMap<>();
                float[][] ref = null;
                for (int round = 0; round < rounds; round++) {
                    for (String v : variants) {
                        float[][] emb = new float[n][];
                        Stages s = run(v, clips, model, batch, dir.resolve(v + "-" + round + ".idx"), emb);
                        System.out.println("round " + round + ": " + s.line());
                        byVariant.computeIfAbsent(v, k -> new ArrayList<>()).add(s);
                        if (ref == null) {
                            ref = emb;
                        }
                        for (int i = 0; i < n; i++) {
                            assertArrayEquals(ref[i], emb[i], 1e-5f, v + ": embedding of clip " + i);
                        }
                    }
                }
                System.out.println("median over " + rounds + " rounds (by wall time):");
                Stages base = null;
                for (List<Stages> l : byVariant.values()) {
                    List<Stages> sorted = l.stream().sorted(Comparator.comparingDouble(Stages::wallSec)).toList();
                    Stages m = sorted.get(sorted.size() / 2);
                    base = base == null ? m : base;
                    System.out.printf(Locale.ROOT, "%s  | %.2f x %s; max(decode, model) %.2f s, sum %.2f s%n", m.line(),
                            m.clipsPerSec() / base.clipsPerSec(), base.variant(), Math.max(m.decodeSec(), m.modelSec()),
                            m.decodeSec() + m.modelSec());
                    csv.append(m.csv(preset)).append('\n');
                }
            }
            System.out.println("load average after: " + loadAverage());
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "indexing-bench-" + preset + ".csv"), csv);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Runs one variant: {@code seq-auto|seq-1t|pipe<N>-auto|pipe<N>-1t} (decode threads N, decoder threads). */
    private static Stages run(String variant, List<ClipWindow> clips, TimedModel model, int batch, Path out,
                              float[][] emb) throws IOException {
        int decoderThreads = variant.endsWith("-1t") ? 1 : 0;
        if (variant.startsWith("seq")) {
            return sequential(clips, model, batch, decoderThreads, out, emb);
        }
        int threads = Integer.parseInt(variant.substring(4, variant.indexOf('-')));
        return pipelined(clips, model, batch, threads, decoderThreads, out, emb);
    }

    /** The reference: probe + decode a batch on this thread, embed it, repeat; then write the index file. */
    private static Stages sequential(List<ClipWindow> clips, TimedModel model, int batch, int decoderThreads, Path out,
                                     float[][] emb) throws IOException {
        ModelDescriptor md = model.descriptor();
        TimedSource source = new TimedSource(new JavaCvVideoSource(new JavaCvVideoSource.Options(decoderThreads, 256)));
        model.reset();
        long t0 = System.nanoTime();
        List<IndexEntry> entries = new ArrayList<>();
        float[] flat = new float[clips.size() * md.embedDim()];
        for (int from = 0; from < clips.size(); from += batch) {
            List<FrameBatch> fbs = new ArrayList<>();
            for (ClipWindow c : clips.subList(from, Math.min(clips.size(), from + batch))) {
                VideoInfo info = source.probe(c.video());
                fbs.add(source.sample(c, md.numFrames(), md.imageSize(), null));
                entries.add(new IndexEntry(c.clipId(), c.video(), 0, info.durationSec(), info.frameCount()));
            }
            float[][] e = model.encodeVideos(FrameBatch.stack(fbs));
            for (int i = 0; i < e.length; i++) {
                emb[from + i] = e[i].clone();
                EmbeddingIndex.normalizeInPlace(emb[from + i]);
                System.arraycopy(emb[from + i], 0, flat, (from + i) * md.embedDim(), md.embedDim());
            }
        }
        long tw = System.nanoTime();
        IndexFile.write(EmbeddingIndex.of(IndexHeader.of(md, java.time.Instant.now()), entries, flat), out);
        long t1 = System.nanoTime();
        return new Stages("sequential, decoder " + (decoderThreads == 0 ? "auto" : "1t"), clips.size(), (t1 - t0) / 1e9, source.seconds(),
                model.seconds(), (t1 - tw) / 1e9);
    }

    /** {@link IndexBuilder} with {@code threads} decode threads feeding the queue. */
    private static Stages pipelined(List<ClipWindow> clips, TimedModel model, int batch, int threads,
                                    int decoderThreads, Path out, float[][] emb) throws IOException {
        TimedSource source = new TimedSource(new JavaCvVideoSource(new JavaCvVideoSource.Options(decoderThreads, 256)));
        model.reset();
        IndexBuildConfig cfg = new IndexBuildConfig(batch, threads, 2 * batch, false);
        long t0 = System.nanoTime();
        IndexBuildResult r = new IndexBuilder(source, model, cfg).build(clips, out, BuildMonitor.NONE);
        long t1 = System.nanoTime();
        assertEquals(clips.size(), r.report().embedded(), "clips embedded");
        for (int i = 0; i < clips.size(); i++) {
            emb[i] = r.index().embedding(i);
        }
        return new Stages("IndexBuilder " + threads + " dec. thr., decoder " + (decoderThreads == 0 ? "auto" : "1t"),
                clips.size(), (t1 - t0) / 1e9, source.seconds(), model.seconds(), (t1 - model.lastEnd()) / 1e9);
    }

    private static void makeClips(Path shared, Path out, int n) throws IOException, InterruptedException {
        List<Path> sources;
        try (Stream<Path> s = Files.list(shared)) {
            sources = s.filter(p -> p.getFileName().toString().startsWith("ego4d-")).sorted().toList();
        }
        for (int i = 0; i < n; i++) {
            Path src = sources.get(i % sources.size());
            double start = (i / sources.size()) * CLIP_SEC;
            Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-ss", String.valueOf(start), "-i",
                    src.toString(), "-t", String.valueOf(CLIP_SEC), "-an", "-vf", "scale=640:360", "-c:v", "libx264",
                    "-preset", "veryfast", "-pix_fmt", "yuv420p", out.resolve(String.format("clip%02d.mp4", i)).toString())
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("ffmpeg failed making clip " + i + " from " + src);
            }
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Decoder wrapper summing the wall time of probe and sample calls (over all threads). */
    private static final class TimedSource implements VideoSource {
        private final VideoSource inner;
        private final AtomicLong nanos = new AtomicLong();

        TimedSource(VideoSource inner) {
            this.inner = inner;
        }

        double seconds() {
            return nanos.get() / 1e9;
        }

        @Override
        public VideoInfo probe(Path video) throws IOException {
            long t = System.nanoTime();
            try {
                return inner.probe(video);
            } finally {
                nanos.addAndGet(System.nanoTime() - t);
            }
        }

        @Override
        public FrameBatch sample(ClipWindow window, int frames, int size, Random jitter) throws IOException {
            long t = System.nanoTime();
            try {
                return inner.sample(window, frames, size, jitter);
            } finally {
                nanos.addAndGet(System.nanoTime() - t);
            }
        }

        @Override
        public BufferedImage frameAt(Path video, double timeSec) throws IOException {
            return inner.frameAt(video, timeSec);
        }

        @Override
        public BufferedImage frameByIndex(Path video, long index) throws IOException {
            return inner.frameByIndex(video, index);
        }

        @Override
        public BufferedImage thumbnail(ClipWindow window, int maxSide) throws IOException {
            return inner.thumbnail(window, maxSide);
        }
    }

    /** Model wrapper summing the wall time of {@code encodeVideos} and remembering when the last call ended. */
    private static final class TimedModel implements VideoTextModel {
        private final VideoTextModel inner;
        private long nanos;
        private long lastEnd;

        TimedModel(VideoTextModel inner) {
            this.inner = inner;
        }

        void reset() {
            nanos = 0;
        }

        double seconds() {
            return nanos / 1e9;
        }

        long lastEnd() {
            return lastEnd;
        }

        @Override
        public ModelDescriptor descriptor() {
            return inner.descriptor();
        }

        @Override
        public float[][] encodeVideos(FrameBatch frames) {
            long t = System.nanoTime();
            try {
                return inner.encodeVideos(frames);
            } finally {
                lastEnd = System.nanoTime();
                nanos += lastEnd - t;
            }
        }

        @Override
        public float[][] encodeTexts(List<String> texts) {
            return inner.encodeTexts(texts);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
