package org.egolens.app.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.egolens.app.task.TaskContext;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.data.demo.DemoVocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in demo workspace in the user's data folder ({@code <egolens home>/}{@value #FOLDER}): generated on first
 * start (or by File → Open demo workspace when it is missing) with {@link DemoDataset}, and opened as an EK-100
 * workspace: the retrieval CSV of a split over {@code videos/}.
 *
 * <p>The size comes from the system property {@value #SIZE_PROPERTY}: {@code default} (600 train / 150 test clips, 40
 * mirror pairs; {@link DemoConfig#defaults()}) or {@code small} (24 train / 12 test clips, 2 mirror pairs; for tests and
 * quick looks).
 */
public final class DemoWorkspace {
    private static final Logger LOG = LoggerFactory.getLogger(DemoWorkspace.class);
    /** Folder name inside the EgoLens home. */
    public static final String FOLDER = "demo-workspace";
    /** System property choosing the demo size: {@code default} or {@code small}. */
    public static final String SIZE_PROPERTY = "egolens.demo.size";
    /** The split opened for browsing. */
    public static final String DEFAULT_SPLIT = "test";

    private DemoWorkspace() {}

    /** {@code <home>/demo-workspace}. */
    public static Path folder(Path home) {
        return home.resolve(FOLDER);
    }

    /**
     * The config for a size name.
     *
     * @param size {@code "default"}, {@code "small"}, or null/blank for the default
     * @throws IllegalArgumentException for another name
     */
    public static DemoConfig config(String size) {
        String s = size == null ? "" : size.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "", "default" -> DemoConfig.defaults();
            case "small" -> DemoConfig.defaults().withClips(24, 12, 2);
            default -> throw new IllegalArgumentException(SIZE_PROPERTY + " must be 'default' or 'small', got '"
                    + size + "'");
        };
    }

    /** The config chosen by {@value #SIZE_PROPERTY}. @throws IllegalArgumentException for a bad value */
    public static DemoConfig configFromSystemProperty() {
        return config(System.getProperty(SIZE_PROPERTY));
    }

    /**
     * True if {@code dir} holds a complete demo workspace that can be opened: the {@code DONE} marker and manifest, both
     * retrieval CSVs and the videos folder.
     */
    public static boolean isReady(Path dir) {
        return DemoDataset.isComplete(dir) && Files.isRegularFile(DemoDataset.retrievalCsv(dir, "test", false))
                && Files.isRegularFile(DemoDataset.retrievalCsv(dir, "train", false))
                && Files.isDirectory(dir.resolve(DemoDataset.VIDEOS_DIR));
    }

    /**
     * The workspace to open for a folder the user picked: a ready demo workspace (from {@code egolens demo-data} or
     * an earlier first start) opens as its EK-100 test split, with narrations and verb filters; any other folder as a
     * folder of clips, one per video.
     *
     * @param folder the chosen folder
     */
    public static WorkspaceSpec specForFolder(Path folder) {
        return isReady(folder) ? spec(folder, "test") : WorkspaceSpec.folder(folder);
    }

    /** The EK-100 workspace of a split ({@code "test"} or {@code "train"}) of the demo in {@code dir}. */
    public static WorkspaceSpec spec(Path dir, String split) {
        return WorkspaceSpec.annotations(DemoDataset.retrievalCsv(dir, split, false),
                dir.resolve(DemoDataset.VIDEOS_DIR));
    }

    /**
     * Makes sure {@code dir} holds a ready demo workspace: generates it when missing (a complete but damaged one is
     * deleted and generated again), and adds the demo vocabulary to one generated without it. Progress goes to
     * {@code ctx} as thousandths; the task's cancel flag stops generation (the partial output is removed).
     *
     * @param dir    the demo folder, e.g. {@link #folder}
     * @param config size and seed for a new workspace
     * @return {@code dir}
     * @throws IOException           if {@code dir} holds something else than a demo workspace, or generating fails
     * @throws CancellationException if cancelled
     */
    public static Path prepare(Path dir, DemoConfig config, TaskContext ctx) throws IOException {
        if (isReady(dir)) {
            DemoVocabulary.ensure(dir);
            return dir;
        }
        if (DemoDataset.isComplete(dir)) {
            LOG.warn("demo workspace {} is incomplete (a CSV or the videos are missing); generating it again", dir);
            DemoDataset.delete(dir);
        } else if (Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new IOException(dir + " exists but is not a complete demo workspace; move it away to generate the"
                    + " demo there");
        } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " exists and is not a folder");
        }
        ctx.updateProgress(0, 1000, "Generating the demo workspace\u2026");
        try {
            DemoDataset.generate(config, dir, (fraction, message) -> {
                if (ctx.isCancelled()) {
                    throw new CancellationException("demo generation cancelled");
                }
                ctx.updateProgress(Math.round(fraction * 1000), 1000, "Generating the demo workspace: " + message);
            });
        } catch (IOException | RuntimeException e) {
            if (ctx.isCancelled()) {
                throw new CancellationException("demo generation cancelled");
            }
            throw e;
        }
        return dir;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
