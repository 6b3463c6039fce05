package org.egolens.app.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.egolens.app.backend.Backend;
import org.egolens.app.task.TaskContext;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.VideoInfo;
import org.egolens.model.data.VideoSource;
import org.egolens.model.retrieval.BuildMonitor;
import org.egolens.model.retrieval.EmbeddingIndex;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.model.retrieval.IndexBuildResult;
import org.egolens.model.retrieval.IndexBuilder;
import org.egolens.model.retrieval.SearchHit;
import org.egolens.viewer.ClipAnnotation;
import org.egolens.viewer.ClipItem;
import org.egolens.viewer.SearchResult;

/**
 * The workspace logic behind the GUI, free of JavaFX controls: lists and probes a workspace's clips, builds or reuses its
 * index (cached in the workspace's {@code .egolens/} folder), and answers text queries. Every method is long-running
 * and meant for a background task; each polls the task's cancel flag.
 */
public final class WorkspaceService {
    private final Backend backend;
    private final Path home;
    private final IndexBuildConfig config;

    /**
     * @param home   EgoLens settings folder (fallback cache location)
     * @param config index build scheduling
     */
    public WorkspaceService(Backend backend, Path home, IndexBuildConfig config) {
        this.backend = backend;
        this.home = home;
        this.config = config;
    }

    /**
     * Lists the clips of {@code spec} and probes each distinct video once (in parallel). Clips of an annotation file
     * carry its narration, verb and nouns ({@link ClipAnnotations}).
     *
     * @throws IOException           if the folder or annotation file cannot be read
     * @throws CancellationException if cancelled
     */
    public LoadedWorkspace load(WorkspaceSpec spec, TaskContext ctx) throws IOException {
        ctx.updateMessage("Listing clips of " + spec.displayName() + "\u2026");
        List<ClipWindow> windows = switch (spec.kind()) {
            case FOLDER -> {
                if (!Files.isDirectory(spec.path())) {
                    throw new IOException("clips folder not found: " + spec.path());
                }
                yield backend.scanFolder(spec.path());
            }
            case ANNOTATIONS -> Ek100Clips.read(spec.path(), spec.videoRoot());
        };
        Map<String, ClipAnnotation> annotations = spec.kind() == WorkspaceSpec.Kind.ANNOTATIONS
                ? ClipAnnotations.read(spec.path()) : Map.of();
        Set<Path> videos = new LinkedHashSet<>();
        windows.forEach(w -> videos.add(w.video()));
        Map<Path, Object> probes = new ConcurrentHashMap<>();
        VideoSource src = backend.videoSource();
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "egolens-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (Path v : videos) {
                fs.add(pool.submit(() -> {
                    try {
                        probes.put(v, src.probe(v));
                    } catch (IOException | RuntimeException e) {
                        probes.put(v, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    }
                }));
            }
            int done = 0;
            for (Future<?> f : fs) {
                if (ctx.isCancelled()) {
                    throw new CancellationException("opening " + spec.displayName() + " cancelled");
                }
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
                done++;
                ctx.updateProgress(done, fs.size(), "Reading videos\u2026 " + done + " / " + fs.size());
            }
        } finally {
            pool.shutdownNow();
        }
        List<ClipItem> items = new ArrayList<>(windows.size());
        for (ClipWindow w : windows) {
            items.add(probed(w, probes.get(w.video())).withAnnotation(annotations.get(w.clipId())));
        }
        return new LoadedWorkspace(spec, windows, items);
    }

    /** The clip as shown, from its video's probe result ({@link VideoInfo} or the error text). */
    private static ClipItem probed(ClipWindow w, Object p) {
        if (p instanceof VideoInfo info) {
            double end = w.isOpenEnded() ? info.durationSec() : w.endSec();
            if (w.startSec() >= info.durationSec() || !(end > w.startSec())) {
                return ClipItem.unreadable(w, "window [" + w.startSec() + ", " + w.endSec()
                        + "] s lies outside the video (" + info.durationSec() + " s)");
            }
            return ClipItem.of(w, Math.min(end, info.durationSec()), info.fps(), info.frameCount());
        }
        return ClipItem.unreadable(w, String.valueOf(p));
    }

    /** The index file of {@code spec} for the session's model. */
    public Path indexFile(WorkspaceSpec spec, ModelSession session) {
        return spec.indexFile(home, session.modelId(), session.frames());
    }

    /**
     * Builds the workspace index, or completes/reuses the cached one (only new or changed clips are embedded).
     *
     * @throws CancellationException if cancelled (finished batches are kept for the next run)
     */
    public IndexBuildResult index(LoadedWorkspace ws, ModelSession session, TaskContext ctx) throws IOException {
        Path file = indexFile(ws.spec(), session);
        List<ClipWindow> clips = ws.readableWindows();
        ctx.updateMessage("Loading model " + session.modelId() + "\u2026");
        return session.with(model -> {
            ctx.updateMessage("Indexing " + clips.size() + " clips with " + session.modelId() + "\u2026");
            return new IndexBuilder(backend.videoSource(), model, config).build(clips, file, new BuildMonitor() {
                @Override
                public void progress(int done, int total, String message) {
                    ctx.updateProgress(done, total, "Indexing clips\u2026 " + done + " / " + total);
                }

                @Override
                public boolean isCancelled() {
                    return ctx.isCancelled();
                }
            });
        });
    }

    /**
     * Text→clip search.
     *
     * @param k hits wanted
     */
    public List<SearchResult> search(EmbeddingIndex index, Map<String, ClipItem> items, ModelSession session, String query,
                                     int k) throws IOException {
        float[] q = session.embedText(query);
        List<SearchResult> out = new ArrayList<>();
        for (SearchHit h : index.searchByText(q, k)) {
            ClipItem c = items.get(h.entry().clipId());
            if (c != null) {
                out.add(new SearchResult(h.rank(), h.score(), c));
            }
        }
        return out;
    }
}
