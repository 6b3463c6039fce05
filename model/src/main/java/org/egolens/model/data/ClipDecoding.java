package org.egolens.model.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples many clips and keeps going when one fails: a missing, truncated or corrupt video, or a window outside its
 * video, becomes a {@link ClipFailure} with the reason, and the other clips are still returned. Results keep the input
 * order, also when several clips are decoded in parallel. Used by index builders (embedding a clip collection).
 */
public final class ClipDecoding {
    private static final Logger LOG = LoggerFactory.getLogger(ClipDecoding.class);

    /** Turns one clip window into model input. */
    @FunctionalInterface
    public interface ClipSampler {
        /**
         * @throws IOException              if the video cannot be read
         * @throws IllegalArgumentException if the window does not fit the video
         */
        SampledClip sample(ClipWindow clip) throws IOException;
    }

    /** Receives decoded clips batch by batch. */
    @FunctionalInterface
    public interface BatchSink {
        void accept(List<SampledClip> batch) throws IOException;
    }

    /**
     * A clip that could not be sampled.
     *
     * @param clipId the clip's id
     * @param video  its video file
     * @param reason what went wrong (names the file, and the times for a bad window)
     */
    public record ClipFailure(String clipId, Path video, String reason) {}

    /**
     * Everything a {@link #decodeAll} run produced.
     *
     * @param decoded  the clips that decoded, in input order
     * @param failures the clips that did not, in input order
     */
    public record Report(List<SampledClip> decoded, List<ClipFailure> failures) {
        /** Failure reasons by clip id, in input order. */
        public Map<String, String> failuresById() {
            Map<String, String> m = new LinkedHashMap<>();
            for (ClipFailure f : failures) {
                m.put(f.clipId(), f.reason());
            }
            return m;
        }
    }

    private record Outcome(SampledClip sampled, ClipFailure failure) {}

    @FunctionalInterface
    private interface OutcomeSink {
        void accept(Outcome outcome) throws IOException;
    }

    private final ClipSampler sampler;
    private final int threads;

    /**
     * @param sampler how to sample one clip
     * @param threads clips decoded at the same time (1 = sequential on the calling thread)
     */
    public ClipDecoding(ClipSampler sampler, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.sampler = sampler;
        this.threads = threads;
    }

    /**
     * Evaluation sampling (AVION centres, no jitter) of {@code frames} frames at {@code size}×{@code size}.
     *
     * @param threads clips decoded at the same time
     */
    public static ClipDecoding evaluation(JavaCvVideoSource source, int frames, int size, int threads) {
        return new ClipDecoding(clip -> source.sampleClip(clip, frames, size, null), threads);
    }

    /** Samples every clip; holds all results in memory (for large collections use {@link #decodeInBatches}). */
    public Report decodeAll(List<ClipWindow> clips) throws IOException {
        List<SampledClip> decoded = new ArrayList<>();
        List<ClipFailure> failures = new ArrayList<>();
        run(clips, o -> {
            if (o.sampled() != null) {
                decoded.add(o.sampled());
            } else {
                failures.add(o.failure());
            }
        });
        return new Report(Collections.unmodifiableList(decoded), Collections.unmodifiableList(failures));
    }

    /**
     * Samples every clip and hands the decoded ones to {@code sink} in batches of {@code batchSize} (the last may be
     * smaller), in input order, without holding more than about one batch plus the clips in flight.
     *
     * @return the clips that failed, in input order
     * @throws IOException whatever the sink throws
     */
    public List<ClipFailure> decodeInBatches(List<ClipWindow> clips, int batchSize, BatchSink sink) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        List<ClipFailure> failures = new ArrayList<>();
        List<SampledClip> batch = new ArrayList<>(batchSize);
        run(clips, o -> {
            if (o.failure() != null) {
                failures.add(o.failure());
                return;
            }
            batch.add(o.sampled());
            if (batch.size() == batchSize) {
                sink.accept(List.copyOf(batch));
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            sink.accept(List.copyOf(batch));
        }
        return Collections.unmodifiableList(failures);
    }

    /** Stacks the frames of decoded clips into one {@code (B, 3, T, S, S)} batch. */
    public static FrameBatch stack(List<SampledClip> clips) {
        List<FrameBatch> frames = new ArrayList<>(clips.size());
        for (SampledClip c : clips) {
            frames.add(c.frames());
        }
        return FrameBatch.stack(frames);
    }

    private Outcome decodeOne(ClipWindow clip) {
        try {
            return new Outcome(sampler.sample(clip), null);
        } catch (IOException | IllegalArgumentException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String file = clip.video().toString();
            String reason = message.contains(file) ? message : file + ": " + message;
            LOG.warn("clip {} skipped: {}", clip.clipId(), reason);
            return new Outcome(null, new ClipFailure(clip.clipId(), clip.video(), reason));
        }
    }

    private void run(List<ClipWindow> clips, OutcomeSink sink) throws IOException {
        if (threads == 1 || clips.size() < 2) {
            for (ClipWindow c : clips) {
                sink.accept(decodeOne(c));
            }
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "clip-decoding-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<Outcome>> inFlight = new ArrayDeque<>();
            Iterator<ClipWindow> it = clips.iterator();
            while (it.hasNext() || !inFlight.isEmpty()) {
                while (it.hasNext() && inFlight.size() < 2 * threads) {
                    ClipWindow c = it.next();
                    inFlight.add(pool.submit(() -> decodeOne(c)));
                }
                sink.accept(await(inFlight.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome await(Future<Outcome> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("clip decoding interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }
}
