package org.egolens.model.tokenize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the CLIP BPE vocabulary file ({@value ClipBpeTokenizer#VOCAB_FILE_NAME}, or a workspace's own merge file
 * {@value ClipBpeTokenizer#WORKSPACE_VOCAB_FILE_NAME} in the same layout). EgoLens never bundles or downloads CLIP's
 * file; it is looked up, in this order:
 * <ol>
 *   <li>the system property {@value #PROPERTY} (set by {@code egolens --vocab FILE}), a file or a folder holding it;</li>
 *   <li>the environment variable {@value #ENV};</li>
 *   <li>the model folder (when a model folder was opened);</li>
 *   <li>the workspace folder (when one was given, e.g. the demo workspace, which carries
 *       {@value ClipBpeTokenizer#WORKSPACE_VOCAB_FILE_NAME} learned from its narrations);</li>
 *   <li>the EgoLens home folder ({@code ~/.egolens/} or {@code -Degolens.home}) and {@code ~/.cache/clip/};</li>
 *   <li>{@code ../shared/data/tokenizer/} from the working directory (the layout of the EgoLens test data).</li>
 * </ol>
 * In the folders named by the property, the environment variable, the model and the workspace, CLIP's file name is
 * tried first, then {@value ClipBpeTokenizer#WORKSPACE_VOCAB_FILE_NAME}; the other folders are searched for CLIP's
 * file only.
 */
public final class ClipVocabularyLocator {
    /** System property naming the vocabulary file or its folder. */
    public static final String PROPERTY = "egolens.clip.vocab";
    /** Environment variable naming the vocabulary file or its folder. */
    public static final String ENV = "EGOLENS_CLIP_VOCAB";

    private ClipVocabularyLocator() {}

    /** Candidate paths in search order (files or folders), for a model folder that may be null. */
    public static List<Path> candidates(Path modelDir) {
        return candidates(modelDir, null);
    }

    /**
     * Candidate paths in search order (files or folders).
     *
     * @param modelDir     the opened model folder, or null
     * @param workspaceDir the open workspace's folder, or null
     */
    public static List<Path> candidates(Path modelDir, Path workspaceDir) {
        List<Path> c = new ArrayList<>(ownFileFolders(modelDir, workspaceDir));
        String home = System.getProperty("egolens.home");
        c.add(home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".egolens"));
        c.add(Path.of(System.getProperty("user.home"), ".cache", "clip"));
        c.add(Path.of("").toAbsolutePath().resolve("../shared/data/tokenizer").normalize());
        return c;
    }

    /** The leading candidates, where a workspace's own merge file is accepted too. */
    private static List<Path> ownFileFolders(Path modelDir, Path workspaceDir) {
        List<Path> c = new ArrayList<>();
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            c.add(Path.of(prop));
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            c.add(Path.of(env));
        }
        if (modelDir != null) {
            c.add(modelDir);
        }
        if (workspaceDir != null) {
            c.add(workspaceDir);
        }
        return c;
    }

    /** The first existing vocabulary file among {@link #candidates(Path)}. */
    public static Optional<Path> find(Path modelDir) {
        return find(modelDir, null);
    }

    /**
     * The first existing vocabulary file among {@link #candidates(Path, Path)}.
     *
     * @param modelDir     the opened model folder, or null
     * @param workspaceDir the open workspace's folder, or null
     */
    public static Optional<Path> find(Path modelDir, Path workspaceDir) {
        List<Path> own = ownFileFolders(modelDir, workspaceDir);
        for (Path p : candidates(modelDir, workspaceDir)) {
            Path f = own.contains(p) ? ClipBpeTokenizer.vocabularyFileIn(p)
                    : Files.isDirectory(p) ? p.resolve(ClipBpeTokenizer.VOCAB_FILE_NAME) : p;
            if (Files.isRegularFile(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Loads the tokenizer from the first vocabulary found for a model folder.
     *
     * @throws java.io.IOException as {@link #load(Path, Path)}
     */
    public static ClipBpeTokenizer load(Path modelDir) throws java.io.IOException {
        return load(modelDir, null);
    }

    /**
     * Loads the tokenizer from the first vocabulary found.
     *
     * @param modelDir     the opened model folder, or null
     * @param workspaceDir the open workspace's folder, or null
     * @throws java.io.IOException if none is found (the message lists every place looked at and how to provide one),
     *                             the file given with {@code --vocab} does not exist, or the file is corrupt
     */
    public static ClipBpeTokenizer load(Path modelDir, Path workspaceDir) throws java.io.IOException {
        Optional<ClipBpeTokenizer> tok = loadIfFound(modelDir, workspaceDir);
        if (tok.isEmpty()) {
            StringBuilder sb = new StringBuilder("the CLIP BPE vocabulary " + ClipBpeTokenizer.VOCAB_FILE_NAME
                    + " was not found (EgoLens does not bundle it; it ships with every CLIP install, e.g. openai/CLIP"
                    + " clip/" + ClipBpeTokenizer.VOCAB_FILE_NAME + ", MIT licence). Give it with --vocab FILE, -D"
                    + PROPERTY + "=FILE or " + ENV + "=FILE, or copy it into one of:");
            for (Path p : candidates(modelDir, workspaceDir)) {
                sb.append("\n  ").append(p);
            }
            throw new java.nio.file.NoSuchFileException(sb.toString());
        }
        return tok.get();
    }

    /**
     * The tokenizer from the first vocabulary found, or empty when there is none (for callers that need text only
     * later, if at all: indexing does not).
     *
     * @param modelDir     the opened model folder, or null
     * @param workspaceDir the open workspace's folder, or null
     * @throws java.io.IOException if the file given with {@code --vocab} does not exist (the user's error, not a reason
     *                             to look elsewhere), or the file found is corrupt
     */
    public static Optional<ClipBpeTokenizer> loadIfFound(Path modelDir, Path workspaceDir) throws java.io.IOException {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank() && !Files.exists(Path.of(given))) {
            throw new java.nio.file.NoSuchFileException(given, null,
                    "the vocabulary file given with --vocab (-D" + PROPERTY + ") does not exist");
        }
        Optional<Path> f = find(modelDir, workspaceDir);
        return f.isEmpty() ? Optional.empty() : Optional.of(ClipBpeTokenizer.load(f.get()));
    }
}
