package org.egolens.model.eval.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.VideoSource;
import org.egolens.model.retrieval.BuildMonitor;
import org.egolens.model.retrieval.EmbeddingIndex;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.model.retrieval.IndexBuildResult;
import org.egolens.model.retrieval.IndexBuilder;
import org.egolens.model.retrieval.IndexEntry;
import org.egolens.model.retrieval.IndexFile;
import org.egolens.model.retrieval.IndexHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds the clips of an evaluation through an {@link IndexBuilder}, reusing what earlier work already embedded.
 *
 * <p>An index file is reused row by row when its header {@linkplain IndexHeader#matches matches} the model (config
 * hash, T, frame size, D) and the row has the same clip id, video file and window. Rows of the
 * {@linkplain EvalOptions#reuseIndexes read-only indexes} are first merged into the {@linkplain EvalOptions#cacheIndex
 * cache index}; the builder then reuses the cache (and an interrupted run's journal), embeds the rest, and rewrites the
 * cache as the complete index of the clips asked for. Without a cache index the builder writes to a
 * temporary file that is deleted afterwards. Clips that fail to decode are returned with their reasons, and the
 * embedded clips whose window overhangs the end of its video (clamped to the last frame) by id (see
 * {@code ClampedWindows}: reused clips count too, at the cost of one probe per video). The
 * applications keep the cache apart from the Browse view's index (which they pass as read-only), so that the two never
 * write the same file at once.
 */
public final class ClipEmbedder {
    private static final Logger LOG = LoggerFactory.getLogger(ClipEmbedder.class);

    private final VideoSource source;
    private final VideoTextModel model;
    private final EvalOptions options;

    /**
     * @param source  decoder (thread-safe)
     * @param model   the dual encoder (called from the calling thread only)
     * @param options batch size, decode threads, index files
     */
    public ClipEmbedder(VideoSource source, VideoTextModel model, EvalOptions options) {
        this.source = Objects.requireNonNull(source, "source");
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Embeds {@code clips} (unique ids).
     *
     * @param monitor progress in clips, and cancel
     * @throws java.util.concurrent.CancellationException if the monitor cancelled; finished batches stay in the cache
     *                                                    index's journal
     * @throws IOException                                if an index file cannot be written
     */
    public ClipEmbeddings embed(List<ClipWindow> clips, BuildMonitor monitor) throws IOException {
        ModelDescriptor md = model.descriptor();
        Path cache = options.cacheIndex();
        Path tempDir = null;
        if (cache == null) {
            tempDir = Files.createTempDirectory("egolens-eval");
            cache = tempDir.resolve("clips.idx");
        } else {
            seedCache(clips, cache.toAbsolutePath(), md);
        }
        try {
            IndexBuildConfig cfg = new IndexBuildConfig(options.batchSize(), options.decodeThreads(),
                    Math.max(4, 2 * options.batchSize()), true);
            IndexBuildResult r = new IndexBuilder(source, model, cfg).build(clips, cache, monitor);
            EmbeddingIndex index = r.index();
            Map<String, float[]> byId = new HashMap<>(index.size() * 2);
            for (int i = 0; i < index.size(); i++) {
                byId.put(index.entry(i).clipId(), index.embedding(i));
            }
            List<String> clamped = ClampedWindows.find(source, clips, byId.keySet(), md.numFrames());
            if (!clamped.isEmpty()) {
                LOG.info("{} of {} clip windows overhang the end of their video and were clamped to its last frame;"
                        + " first: {}", clamped.size(), clips.size(), clamped.get(0));
            }
            return new ClipEmbeddings(byId, r.report().skipped(), r.report().embedded(),
                    r.report().reused() + r.report().resumed(), tempDir == null ? cache : null, clamped);
        } finally {
            if (tempDir != null) {
                deleteTree(tempDir);
            }
        }
    }

    /** Merges reusable rows of the read-only indexes into the cache index file. */
    private void seedCache(List<ClipWindow> clips, Path cache, ModelDescriptor md) throws IOException {
        if (options.reuseIndexes().isEmpty()) {
            return;
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        if (Files.isRegularFile(cache)) {
            try {
                EmbeddingIndex own = IndexFile.read(cache);
                if (own.header().matches(md)) {
                    for (int i = 0; i < own.size(); i++) {
                        rows.put(own.entry(i).clipId(), new Row(own.entry(i), own.embedding(i)));
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot read the evaluation index {}: {}; it is rebuilt", cache, e.getMessage());
            }
        }
        Map<String, ClipWindow> wanted = new HashMap<>();
        for (ClipWindow c : clips) {
            wanted.put(c.clipId(), c);
        }
        int seeded = 0;
        for (Path other : options.reuseIndexes()) {
            if (other.toAbsolutePath().normalize().equals(cache.normalize()) || !Files.isRegularFile(other)) {
                continue;
            }
            try {
                if (!IndexFile.readHeader(other).matches(md)) {
                    LOG.info("{} was made by another model or T; not reused", other);
                    continue;
                }
                EmbeddingIndex idx = IndexFile.read(other);
                for (ClipWindow c : clips) {
                    OptionalInt i = idx.indexOf(c.clipId());
                    Row have = rows.get(c.clipId());
                    if (i.isPresent() && sameWindow(idx.entry(i.getAsInt()), c)
                            && (have == null || !sameWindow(have.entry, c))) {
                        IndexEntry e = idx.entry(i.getAsInt());
                        // the builder matches rows by exact path: store the path as this run asks for it
                        rows.put(c.clipId(), new Row(new IndexEntry(c.clipId(), c.video(), e.startSec(), e.endSec(),
                                e.frameCount()), idx.embedding(i.getAsInt())));
                        seeded++;
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot reuse index {}: {}", other, e.getMessage());
            }
        }
        if (seeded == 0) {
            return;
        }
        List<IndexEntry> entries = new ArrayList<>();
        float[] flat = new float[rows.size() * md.embedDim()];
        for (Row r : rows.values()) {
            System.arraycopy(r.embedding, 0, flat, entries.size() * md.embedDim(), md.embedDim());
            entries.add(r.entry);
        }
        IndexFile.write(EmbeddingIndex.of(IndexHeader.of(md, Instant.now()), entries, flat), cache);
        LOG.info("reusing {} clip embeddings from {} (of {} clips wanted)", seeded, options.reuseIndexes(),
                wanted.size());
    }

    private static boolean sameWindow(IndexEntry e, ClipWindow c) {
        return e.source().toAbsolutePath().normalize().equals(c.video().toAbsolutePath().normalize())
                && e.startSec() == c.startSec() && (c.isOpenEnded() || e.endSec() == c.endSec());
    }

    private record Row(IndexEntry entry, float[] embedding) {}

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", dir, e.getMessage());
        }
    }
}
