package org.egolens.model.retrieval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.data.VideoInfo;
import org.egolens.model.data.VideoSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@link EmbeddingIndex} from clips: decodes them on a pool of threads into a bounded queue, embeds them in
 * batches with {@link VideoTextModel#encodeVideos} on the calling thread, and checkpoints every batch.
 *
 * <p>Frames per clip T and frame size come from {@code model.descriptor()}; frames are sampled at segment centres
 * without jitter ({@code VideoSource.sample(window, T, size, null)}). Every finished batch is appended to the journal
 * {@code <index>.partial}; a build that is cancelled, crashes or is killed resumes from it and re-embeds nothing that was
 * journalled. With {@link IndexBuildConfig#resume()} the clips of an existing index file made by the same model with the
 * same window are reused too, so adding clips to a folder only embeds the new ones. A clip that cannot be probed,
 * decoded or embedded (missing file, corrupt stream, window outside the video, non-finite embedding) is skipped and
 * listed with its reason in the report {@code <name>.report.json}. Entries keep the order of the input list.
 */
public final class IndexBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBuilder.class);

    private final VideoSource source;
    private final VideoTextModel model;
    private final IndexBuildConfig config;

    /**
     * @param source decoder (thread-safe)
     * @param model  the dual encoder; called only from the thread that runs {@link #build}
     * @param config scheduling
     */
    public IndexBuilder(VideoSource source, VideoTextModel model, IndexBuildConfig config) {
        this.source = Objects.requireNonNull(source, "source");
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Builds (or completes) the index of {@code clips} and writes it to {@code indexFile} atomically, with its report.
     *
     * @param clips     clips to index, unique ids; entries keep this order
     * @param indexFile the {@code .idx} file to write
     * @param monitor   progress and cancel
     * @return the index and the report
     * @throws CancellationException    if the monitor cancelled or the thread was interrupted; finished batches stay in
     *                                  the journal for the next run
     * @throws IllegalArgumentException if clip ids repeat (names the id)
     * @throws IOException              if the journal or the index cannot be written
     */
    public IndexBuildResult build(List<ClipWindow> clips, Path indexFile, BuildMonitor monitor) throws IOException {
        long t0 = System.nanoTime();
        checkUnique(clips);
        ModelDescriptor md = model.descriptor();
        Path journalFile = BuildJournal.fileFor(indexFile);
        Map<String, IndexedRow> reusable = config.resume() ? reusableRows(indexFile, md) : Map.of();
        try (BuildJournal journal = BuildJournal.open(journalFile, md, config.resume())) {
            Map<String, BuildJournal.Record> journalled = journal.records();
            List<ClipWindow> todo = new ArrayList<>();
            int resumed = 0;
            int reused = 0;
            for (ClipWindow c : clips) {
                BuildJournal.Record r = journalled.get(c.clipId());
                if (r != null && sameWindow(r, c)) {
                    resumed++;
                } else if (reusable.containsKey(c.clipId()) && reusable.get(c.clipId()).matches(c)) {
                    reused++;
                } else {
                    todo.add(c);
                }
            }
            LOG.info("indexing {} clips into {}: {} from journal, {} reused, {} to embed (model {}, T={}, B={}, {} decode"
                    + " threads)", clips.size(), indexFile, resumed, reused, todo.size(), md.modelId(), md.numFrames(),
                    config.batchSize(), config.decodeThreads());
            int embedded = new Run(md, journal, todo, clips.size(), clips.size() - todo.size(), monitor).execute();

            // assemble in input order
            List<IndexEntry> entries = new ArrayList<>();
            float[] flat = new float[clips.size() * md.embedDim()];
            List<SkippedClip> skipped = new ArrayList<>();
            int resumedKept = 0;
            for (ClipWindow c : clips) {
                BuildJournal.Record r = journalled.get(c.clipId());
                IndexedRow row = null;
                if (r instanceof BuildJournal.Embedded e && sameWindow(e, c)) {
                    row = new IndexedRow(new IndexEntry(c.clipId(), c.video(), c.startSec(), e.resolvedEnd(),
                            e.frameCount()), e.embedding());
                } else if (r instanceof BuildJournal.Skipped s && sameWindow(s, c)) {
                    skipped.add(new SkippedClip(c.clipId(), c.video(), c.startSec(), c.endSec(), s.reason()));
                    continue;
                } else {
                    row = reusable.get(c.clipId());
                }
                if (row == null) {
                    throw new IllegalStateException("clip " + c.clipId() + " was neither embedded nor skipped");
                }
                System.arraycopy(row.embedding, 0, flat, entries.size() * md.embedDim(), md.embedDim());
                entries.add(row.entry);
            }
            float[] rows = entries.size() == clips.size() ? flat
                    : Arrays.copyOf(flat, entries.size() * md.embedDim());
            EmbeddingIndex index = EmbeddingIndex.of(IndexHeader.of(md, Instant.now()), entries, rows);
            IndexFile.write(index, indexFile);
            double secs = (System.nanoTime() - t0) / 1e9;
            IndexReport report = new IndexReport(indexFile, md.modelId(), md.configHash(), md.numFrames(), clips.size(),
                    embedded, resumed, reused, skipped, secs, config.batchSize(), config.decodeThreads());
            report.write(IndexReport.fileFor(indexFile));
            journal.delete();
            LOG.info("index {} written: {} clips ({} embedded, {} resumed, {} reused), {} skipped, {} s", indexFile,
                    entries.size(), embedded, resumed, reused, skipped.size(), String.format("%.1f", secs));
            monitor.progress(clips.size(), clips.size(), "index written");
            return new IndexBuildResult(index, report);
        }
    }

    private static void checkUnique(List<ClipWindow> clips) {
        Set<String> seen = new HashSet<>();
        for (ClipWindow c : clips) {
            if (!seen.add(c.clipId())) {
                throw new IllegalArgumentException("clip id '" + c.clipId() + "' occurs more than once (" + c.video()
                        + ")");
            }
        }
    }

    private static boolean sameWindow(BuildJournal.Record r, ClipWindow c) {
        return r.video().equals(c.video()) && r.startSec() == c.startSec() && r.requestedEnd() == c.endSec();
    }

    /** Row of a previous index that may be reused. */
    private record IndexedRow(IndexEntry entry, float[] embedding) {
        boolean matches(ClipWindow c) {
            return entry.source().equals(c.video()) && entry.startSec() == c.startSec()
                    && (c.isOpenEnded() || entry.endSec() == c.endSec());
        }
    }

    private static Map<String, IndexedRow> reusableRows(Path indexFile, ModelDescriptor md) {
        if (!Files.isRegularFile(indexFile)) {
            return Map.of();
        }
        try {
            EmbeddingIndex old = IndexFile.read(indexFile);
            if (!old.header().matches(md)) {
                LOG.info("{} was made by another model ({}); not reusing it", indexFile, old.header().modelId());
                return Map.of();
            }
            Map<String, IndexedRow> m = new HashMap<>();
            for (int i = 0; i < old.size(); i++) {
                m.put(old.entry(i).clipId(), new IndexedRow(old.entry(i), old.embedding(i)));
            }
            return m;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot reuse existing index {}: {}", indexFile, e.getMessage());
            return Map.of();
        }
    }

    /** A decoded clip or the reason it could not be decoded. */
    private record Decoded(ClipWindow clip, FrameBatch frames, double resolvedEnd, long frameCount, String error,
                           Throwable fatal) {}

    /** One pass over the clips still to embed. */
    private final class Run {
        private final ModelDescriptor md;
        private final BuildJournal journal;
        private final List<ClipWindow> todo;
        private final int total;
        private final BuildMonitor monitor;
        private final Map<Path, Object> probes = new ConcurrentHashMap<>();
        private int done;
        private int embedded;

        Run(ModelDescriptor md, BuildJournal journal, List<ClipWindow> todo, int total, int done, BuildMonitor monitor) {
            this.md = md;
            this.journal = journal;
            this.todo = todo;
            this.total = total;
            this.done = done;
            this.monitor = monitor;
        }

        /** @return clips embedded */
        int execute() throws IOException {
            monitor.progress(done, total, todo.isEmpty() ? "nothing to embed" : "decoding");
            if (todo.isEmpty()) {
                return 0;
            }
            BlockingQueue<Decoded> queue = new ArrayBlockingQueue<>(config.queueCapacity());
            AtomicInteger next = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            int threads = Math.min(config.decodeThreads(), todo.size());
            AtomicInteger threadNo = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "index-decode-" + threadNo.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                for (int i = 0; i < threads; i++) {
                    pool.execute(() -> decodeLoop(queue, next, stop));
                }
                consume(queue);
                return embedded;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw cancelled();
            } finally {
                stop.set(true);
                pool.shutdownNow();
                try {
                    if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                        LOG.warn("decode threads did not stop within 10 s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void decodeLoop(BlockingQueue<Decoded> queue, AtomicInteger next, AtomicBoolean stop) {
            try {
                while (!stop.get()) {
                    int i = next.getAndIncrement();
                    if (i >= todo.size()) {
                        return;
                    }
                    Decoded d = decode(todo.get(i));
                    while (!queue.offer(d, 100, TimeUnit.MILLISECONDS)) {
                        if (stop.get()) {
                            return;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Decoded decode(ClipWindow c) {
            try {
                VideoInfo info = probe(c.video());
                double end = c.isOpenEnded() ? info.durationSec() : c.endSec();
                if (!(end > c.startSec())) {
                    return failed(c, "window starts at " + c.startSec() + " s, at or after the end of the video ("
                            + info.durationSec() + " s)");
                }
                FrameBatch fb = source.sample(c, md.numFrames(), md.imageSize(), null);
                if (fb.batch() != 1 || fb.channels() != 3 || fb.frames() != md.numFrames()
                        || fb.height() != md.imageSize() || fb.width() != md.imageSize()) {
                    return failed(c, "decoder returned shape " + Arrays.toString(fb.shape()) + ", expected [1, 3, "
                            + md.numFrames() + ", " + md.imageSize() + ", " + md.imageSize() + "]");
                }
                long frames = Math.max(1, Math.round((end - c.startSec()) * info.fps()));
                if (info.frameCount() > 0) {
                    frames = Math.min(frames, info.frameCount());
                }
                return new Decoded(c, fb, end, frames, null, null);
            } catch (IOException | RuntimeException e) {
                return failed(c, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (Error e) {
                return new Decoded(c, null, 0, 0, null, e);
            }
        }

        private Decoded failed(ClipWindow c, String reason) {
            return new Decoded(c, null, 0, 0, reason, null);
        }

        private VideoInfo probe(Path video) throws IOException {
            Object o = probes.computeIfAbsent(video, v -> {
                try {
                    return source.probe(v);
                } catch (IOException | RuntimeException e) {
                    return e;
                }
            });
            if (o instanceof IOException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (o instanceof RuntimeException e) {
                throw new IOException(e.getMessage(), e);
            }
            return (VideoInfo) o;
        }

        private void consume(BlockingQueue<Decoded> queue) throws IOException, InterruptedException {
            List<Decoded> pending = new ArrayList<>(config.batchSize());
            List<BuildJournal.Record> skips = new ArrayList<>();
            int received = 0;
            while (received < todo.size()) {
                if (monitor.isCancelled() || Thread.currentThread().isInterrupted()) {
                    throw cancelled();
                }
                Decoded d = queue.poll(50, TimeUnit.MILLISECONDS);
                if (d == null) {
                    continue;
                }
                received++;
                if (d.fatal != null) {
                    throw new IllegalStateException("decoding " + d.clip.clipId() + " failed fatally", d.fatal);
                }
                if (d.error != null) {
                    LOG.warn("skipping clip {} ({}): {}", d.clip.clipId(), d.clip.video(), d.error);
                    skips.add(skip(d.clip, d.error));
                } else {
                    pending.add(d);
                }
                boolean last = received == todo.size();
                if (pending.size() == config.batchSize() || last || (pending.isEmpty() && !skips.isEmpty())) {
                    flush(pending, skips);
                }
            }
        }

        private BuildJournal.Skipped skip(ClipWindow c, String reason) {
            return new BuildJournal.Skipped(c.clipId(), c.video(), c.startSec(), c.endSec(), reason);
        }

        private void flush(List<Decoded> pending, List<BuildJournal.Record> skips) throws IOException {
            List<BuildJournal.Record> out = new ArrayList<>(skips);
            int ok = 0;
            if (!pending.isEmpty()) {
                List<FrameBatch> fbs = new ArrayList<>(pending.size());
                for (Decoded d : pending) {
                    fbs.add(d.frames);
                }
                float[][] emb = model.encodeVideos(FrameBatch.stack(fbs));
                if (emb.length != pending.size()) {
                    throw new IllegalStateException("model returned " + emb.length + " embeddings for " + pending.size()
                            + " clips");
                }
                for (int i = 0; i < emb.length; i++) {
                    Decoded d = pending.get(i);
                    String bad = check(emb[i]);
                    if (bad != null) {
                        LOG.warn("skipping clip {}: {}", d.clip.clipId(), bad);
                        out.add(skip(d.clip, bad));
                        continue;
                    }
                    float[] e = emb[i].clone();
                    EmbeddingIndex.normalizeInPlace(e);
                    out.add(new BuildJournal.Embedded(d.clip.clipId(), d.clip.video(), d.clip.startSec(), d.clip.endSec(),
                            d.resolvedEnd, d.frameCount, e));
                    ok++;
                }
            }
            journal.append(out);
            embedded += ok;
            done += out.size();
            String last = out.isEmpty() ? "" : out.get(out.size() - 1).clipId();
            pending.clear();
            skips.clear();
            monitor.progress(done, total, last);
        }

        private String check(float[] e) {
            if (e.length != md.embedDim()) {
                return "model returned an embedding of dimension " + e.length + ", expected " + md.embedDim();
            }
            double n2 = 0;
            for (float v : e) {
                if (!Float.isFinite(v)) {
                    return "model returned a non-finite embedding";
                }
                n2 += (double) v * v;
            }
            return n2 > 0 ? null : "model returned a zero embedding";
        }

        private CancellationException cancelled() {
            return new CancellationException("index build cancelled after " + done + " of " + total + " clips; progress"
                    + " is kept in " + journal.file() + " and resumes on the next run");
        }
    }
}
