package org.egolens.model.data.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.egolens.model.data.Mp4Writer;
import org.egolens.model.eval.MirTestSet;
import org.egolens.model.eval.RelevancyMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the built-in demo workspace: a synthetic first-person "kitchen table" dataset in the exact EK-100 MIR
 * layout, so every part of the workbench can be tried without the licensed data.
 *
 * <pre>
 * OUT/
 *   videos/&lt;participant&gt;/&lt;video_id&gt;.mp4        H.264, several clips per video (mirror-test videos under M01/)
 *   retrieval_annotations/EPIC_100_retrieval_train.csv / _test.csv   15 official columns, sorted by narration_id
 *   retrieval_annotations/EPIC_100_retrieval_train_sentence.csv / _test_sentence.csv
 *   EPIC_100_verb_classes.csv / EPIC_100_noun_classes.csv   demo class tables
 *   mirror_pairs.csv                               mirror-pair test set ({@link MirrorPairSet})
 *   bpe_vocab.txt.gz                               text vocabulary in CLIP's BPE layout ({@link DemoVocabulary})
 *   boxes/&lt;narration_id&gt;.json                     per-frame hand and object boxes ({@link ClipBoxes})
 *   dataset.json                                   config and statistics
 *   DONE                                           written last
 * </pre>
 *
 * <p>The annotation files sit where they sit in the official {@code epic-kitchens-100-annotations} repository (and in
 * {@code shared/data/ek100}), so an EK-100 reader pointed at {@code OUT} reads the demo like the real data.
 *
 * <p>Everything is written into a hidden sibling folder {@code .<name>.partial}, the {@code DONE} marker last, and the
 * folder is then renamed to {@code OUT}; a killed run leaves no folder that looks complete. The output depends only on
 * the config, not on the number of threads (each video is rendered and encoded by one thread; x264 runs
 * single-threaded).
 */
public final class DemoDataset {
    /** Marker file written last into a complete workspace. */
    public static final String DONE_MARKER = "DONE";
    /** Manifest with config and statistics. */
    public static final String MANIFEST = "dataset.json";
    /** Folder of the retrieval CSVs, as in the official annotation repository. */
    public static final String ANNOTATIONS_DIR = "retrieval_annotations";
    /** Folder of the mp4 files ({@code videos/<participant>/<video_id>.mp4}). */
    public static final String VIDEOS_DIR = "videos";
    /** Folder of the per-clip box files ({@code boxes/<narration_id>.json}). */
    public static final String BOXES_DIR = "boxes";

    /**
     * A retrieval CSV of a workspace.
     *
     * @param workspace the workspace folder
     * @param split     {@code "train"} or {@code "test"}
     * @param sentences true for the {@code _sentence} file
     */
    public static Path retrievalCsv(Path workspace, String split, boolean sentences) {
        if (!split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException("split must be train or test, got '" + split + "'");
        }
        return workspace.resolve(ANNOTATIONS_DIR)
                .resolve("EPIC_100_retrieval_" + split + (sentences ? "_sentence" : "") + ".csv");
    }

    /** The mp4 file of a video of a workspace. */
    public static Path videoFile(Path workspace, String participantId, String videoId) {
        return workspace.resolve(VIDEOS_DIR).resolve(participantId).resolve(videoId + ".mp4");
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoDataset.class);

    private DemoDataset() {}

    /** True if {@code dir} holds a complete demo workspace (its {@code DONE} marker exists). */
    public static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(DONE_MARKER)) && Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /**
     * Deletes a complete demo workspace (to regenerate it). Refuses folders without the {@code DONE} marker and
     * manifest, so it cannot remove unrelated data.
     *
     * @throws IOException if {@code dir} is not a complete demo workspace or cannot be deleted
     */
    public static void delete(Path dir) throws IOException {
        if (!isComplete(dir)) {
            throw new IOException(dir + " is not a complete demo workspace (no " + DONE_MARKER + " and " + MANIFEST
                    + "); not deleting it");
        }
        deleteTree(dir);
    }

    /**
     * Generates a workspace.
     *
     * @param config   the settings
     * @param outDir   target folder; must not exist or be empty
     * @param listener progress (called from worker threads)
     * @return counts, relevancy histogram and reference scores
     * @throws IOException            if {@code outDir} is not empty or writing fails (nothing is left at {@code outDir})
     * @throws InterruptedIOException if the calling thread is interrupted (the partial output is removed)
     */
    public static DemoStats generate(DemoConfig config, Path outDir, ProgressListener listener) throws IOException {
        long t0 = System.nanoTime();
        Path out = outDir.toAbsolutePath().normalize();
        if (Files.exists(out) && (!Files.isDirectory(out) || !isEmptyDir(out))) {
            throw new IOException("output folder " + out + " exists and is not empty"
                    + (isComplete(out) ? " (it holds a demo workspace; delete it first)" : ""));
        }
        Path tmp = out.resolveSibling("." + out.getFileName() + ".partial");
        if (Files.exists(tmp)) {
            LOG.info("removing leftover partial workspace {}", tmp);
            deleteTree(tmp);
        }
        Files.createDirectories(tmp);
        boolean ok = false;
        try {
            listener.progress(0, "planning clips");
            DemoPlan plan = DemoPlan.of(config);
            Map<DemoPlan.Split, List<RetrievalRow>> rows = render(plan, tmp, listener);
            listener.progress(0.96, "writing annotations");
            DemoStats stats = writeAnnotations(plan, rows, tmp, t0);
            Files.writeString(tmp.resolve(DONE_MARKER), "egolens demo workspace, seed " + config.seed() + "\n",
                    StandardCharsets.UTF_8);
            if (Files.exists(out)) {
                Files.delete(out); // empty, checked above
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            ok = true;
            listener.progress(1, "done");
            LOG.info("demo workspace {} ready: {} train, {} test, {} mirror-pair clips in {} ms", out,
                    stats.trainClips(), stats.testClips(), stats.mirrorClips(), stats.elapsedMillis());
            LOG.debug("demo workspace {}:\n{}", out, stats.format());
            return stats;
        } finally {
            if (!ok) {
                deleteTree(tmp);
            }
        }
    }

    /** Renders and encodes all videos in parallel; returns the CSV rows per split. */
    private static Map<DemoPlan.Split, List<RetrievalRow>> render(DemoPlan plan, Path root, ProgressListener listener)
            throws IOException {
        DemoConfig cfg = plan.config();
        SceneRenderer renderer = new SceneRenderer(cfg.frameSize());
        int total = plan.videos().stream().mapToInt(v -> v.clips().size()).sum();
        AtomicInteger done = new AtomicInteger();
        Files.createDirectories(root.resolve(BOXES_DIR));
        ExecutorService pool = Executors.newFixedThreadPool(cfg.effectiveThreads(), r -> {
            Thread t = new Thread(r, "demo-render");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<RetrievalRow>>> futures = new ArrayList<>();
            for (DemoPlan.Video video : plan.videos()) {
                futures.add(pool.submit(() -> {
                    List<RetrievalRow> rows = renderVideo(plan, video, renderer, root);
                    int d = done.addAndGet(video.clips().size());
                    listener.progress(0.95 * d / total, "rendered " + d + " / " + total + " clips");
                    return rows;
                }));
            }
            Map<DemoPlan.Split, List<RetrievalRow>> out = new LinkedHashMap<>();
            for (int i = 0; i < futures.size(); i++) {
                out.computeIfAbsent(plan.videos().get(i).split(), s -> new ArrayList<>())
                        .addAll(futures.get(i).get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("demo generation interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException("rendering the demo workspace failed: " + c, c);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<RetrievalRow> renderVideo(DemoPlan plan, DemoPlan.Video video, SceneRenderer renderer,
            Path root) throws IOException {
        DemoConfig cfg = plan.config();
        int t = cfg.clipFrames();
        Path file = videoFile(root, video.participantId(), video.videoId());
        List<RetrievalRow> rows = new ArrayList<>();
        try (Mp4Writer w = new Mp4Writer(file, cfg.frameSize(), cfg.frameSize(), cfg.fps(), cfg.crf())) {
            for (DemoPlan.Clip clip : video.clips()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("demo generation interrupted");
                }
                List<SceneRenderer.Frame> frames = renderer.renderClip(clip.spec(), t);
                RetrievalRow row = plan.row(video, clip);
                for (int i = 0; i < DemoPlan.PAD; i++) {
                    w.write(frames.get(0).image());
                }
                List<ClipBoxes.FrameEntry> entries = new ArrayList<>();
                for (int i = 0; i < t; i++) {
                    BufferedImage img = frames.get(i).image();
                    w.write(img);
                    entries.add(ClipBoxes.entry(row.startFrame() + i, frames.get(i).boxes()));
                }
                for (int i = 0; i < DemoPlan.PAD; i++) {
                    w.write(frames.get(t - 1).image());
                }
                new ClipBoxes(clip.narrationId(), video.videoId(), cfg.frameSize(), cfg.fps(), row.startFrame(),
                        row.stopFrame(), clip.spec().label().narration(), entries)
                        .write(root.resolve(BOXES_DIR).resolve(clip.narrationId() + ".json"));
                rows.add(row);
            }
        }
        return rows;
    }

    private static DemoStats writeAnnotations(DemoPlan plan, Map<DemoPlan.Split, List<RetrievalRow>> rows, Path root,
            long t0) throws IOException {
        List<RetrievalRow> train = DemoCsvWriter.sorted(rows.getOrDefault(DemoPlan.Split.TRAIN, List.of()));
        List<RetrievalRow> test = DemoCsvWriter.sorted(rows.getOrDefault(DemoPlan.Split.TEST, List.of()));
        Files.createDirectories(root.resolve(ANNOTATIONS_DIR));
        DemoCsvWriter.writeRetrieval(retrievalCsv(root, "train", false), train);
        DemoCsvWriter.writeRetrieval(retrievalCsv(root, "test", false), test);
        DemoCsvWriter.writeTrainSentences(retrievalCsv(root, "train", true), train);
        DemoCsvWriter.writeTestSentences(retrievalCsv(root, "test", true), test);
        DemoCsvWriter.writeVerbClasses(root.resolve("EPIC_100_verb_classes.csv"));
        DemoCsvWriter.writeNounClasses(root.resolve("EPIC_100_noun_classes.csv"));
        DemoVocabulary.write(root);

        List<MirrorPairSet.MirrorPair> pairs = new ArrayList<>();
        List<ClipLabel> mirrorLabels = new ArrayList<>();
        for (DemoPlan.Video v : plan.videos()) {
            if (v.split() != DemoPlan.Split.MIRROR) {
                continue;
            }
            for (DemoPlan.Clip c : v.clips()) {
                RetrievalRow r = plan.row(v, c);
                ClipLabel l = c.spec().label();
                pairs.add(new MirrorPairSet.MirrorPair(c.narrationId(), v.participantId(), v.videoId(), r.startSec(),
                        r.stopSec(), r.startFrame(), r.stopFrame(), l.narration(), l.mirror().narration(),
                        l.verbClass(), l.mirror().verbClass(), c.twinId()));
                mirrorLabels.add(l);
            }
        }
        MirrorPairSet mirror = new MirrorPairSet(pairs);
        mirror.write(root.resolve(MirrorPairSet.FILE_NAME));

        List<RetrievalRow> testSentences = DemoCsvWriter.sentences(test);
        List<ClipLabel> testLabels = test.stream().map(RetrievalRow::label).toList();
        List<ClipLabel> sentenceLabels = testSentences.stream().map(RetrievalRow::label).toList();
        // the relevancy of the files as written, by the evaluation package (docs §2.5)
        RelevancyMatrix rel = MirTestSet.load(retrievalCsv(root, "test", false), retrievalCsv(root, "test", true))
                .relevancy();
        SortedMap<Double, Long> hist = relevancyHistogram(rel);
        DemoBaselines baselines = DemoBaselines.compute(testLabels, sentenceLabels, rel, mirrorLabels, mirror,
                plan.config().seed());
        TreeSet<VerbClass> verbs = new TreeSet<>();
        TreeSet<Noun> nouns = new TreeSet<>();
        Stream.concat(train.stream(), test.stream()).forEach(r -> {
            verbs.add(r.label().action().verbClass());
            nouns.addAll(r.label().nouns());
        });
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        DemoStats partial = new DemoStats(train.size(), test.size(), pairs.size(), plan.videos().size(),
                verbs.stream().map(VerbClass::key).toList(), nouns.stream().map(Noun::key).toList(),
                DemoCsvWriter.sentences(train).size(), testSentences.size(), hist.size(), hist, baselines, elapsed,
                0);
        writeManifest(root, plan.config(), partial);
        long bytes = folderSize(root);
        DemoStats stats = new DemoStats(partial.trainClips(), partial.testClips(), partial.mirrorClips(),
                partial.videos(), partial.verbs(), partial.nouns(), partial.trainSentences(),
                partial.testSentences(), partial.distinctRelevancyValues(), hist, baselines, elapsed, bytes);
        writeManifest(root, plan.config(), stats);
        return stats;
    }

    /**
     * Counts of each distinct relevancy value, ascending; values are rounded to 6 decimals first (the matrix is
     * float32, so 1/3 and its float differ below that).
     */
    static SortedMap<Double, Long> relevancyHistogram(RelevancyMatrix r) {
        SortedMap<Double, Long> h = new TreeMap<>();
        double[] row = new double[r.sentences()];
        for (int i = 0; i < r.videos(); i++) {
            r.values().copyRow(i, row);
            for (double v : row) {
                h.merge(Math.round(v * 1e6) / 1e6, 1L, Long::sum);
            }
        }
        return h;
    }

    /**
     * The settings a workspace was generated with, read from its {@value #MANIFEST}.
     *
     * @throws IOException if the manifest is missing or has no readable {@code config} (names the file)
     */
    public static DemoConfig readConfig(Path workspace) throws IOException {
        Path file = workspace.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IOException(workspace + " is not a demo workspace: " + file + " is missing");
        }
        try {
            com.fasterxml.jackson.databind.JsonNode config = new ObjectMapper().readTree(file.toFile()).get("config");
            if (config == null || !config.isObject()) {
                throw new IOException(file + " has no 'config' object");
            }
            return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .treeToValue(config, DemoConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(file + ": unreadable demo config: " + e.getMessage(), e);
        }
    }

    private static void writeManifest(Path root, DemoConfig config, DemoStats stats) throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "egolens-demo-ek100-mir");
        manifest.put("version", 1);
        manifest.put("config", config);
        manifest.put("stats", stats);
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(root.resolve(MANIFEST).toFile(), manifest);
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    static long folderSize(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
