package org.egolens.app.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a workspace opens: a folder of clips, or an EK-100 annotation file with its video root.
 *
 * @param kind      folder or annotations
 * @param path      the clips folder, or the annotation CSV
 * @param videoRoot for annotations: the folder holding the videos; null for a folder workspace
 */
public record WorkspaceSpec(Kind kind, Path path, Path videoRoot) {
    /** Workspace kinds. */
    public enum Kind { FOLDER, ANNOTATIONS }

    /** @throws IllegalArgumentException if an annotations workspace lacks its video root */
    public WorkspaceSpec {
        Objects.requireNonNull(kind, "kind");
        path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
        if (kind == Kind.ANNOTATIONS) {
            videoRoot = Objects.requireNonNull(videoRoot, "an annotations workspace needs a video root").toAbsolutePath()
                    .normalize();
        } else {
            videoRoot = null;
        }
    }

    /** A folder of clips. */
    public static WorkspaceSpec folder(Path folder) {
        return new WorkspaceSpec(Kind.FOLDER, folder, null);
    }

    /** An EK-100 annotation file with the folder holding its videos. */
    public static WorkspaceSpec annotations(Path csv, Path videoRoot) {
        return new WorkspaceSpec(Kind.ANNOTATIONS, csv, videoRoot);
    }

    /** Folder of the retrieval CSVs in the official annotation repository (and in the demo workspace). */
    public static final String RETRIEVAL_ANNOTATIONS_DIR = "retrieval_annotations";
    private static final Pattern SPLIT_FILE =
            Pattern.compile("(.+)_(train|test)\\.csv", Pattern.CASE_INSENSITIVE);

    /**
     * Short name: the folder name; for an annotation file in a {@code retrieval_annotations/} folder with a split in
     * its name, the folder above it and the split (e.g. {@code "demo-workspace · test"}); otherwise the CSV file name.
     */
    public String displayName() {
        Path n = path.getFileName();
        String name = n == null ? path.toString() : n.toString();
        if (kind == Kind.ANNOTATIONS && split().isPresent() && path.getParent() != null
                && path.getParent().getParent() != null && path.getParent().getParent().getFileName() != null
                && RETRIEVAL_ANNOTATIONS_DIR.equals(path.getParent().getFileName().toString())) {
            return path.getParent().getParent().getFileName() + " \u00b7 " + split().get();
        }
        return name;
    }

    /**
     * The split of an annotation file named {@code <prefix>_train.csv} or {@code <prefix>_test.csv} (lower case), e.g.
     * {@code "test"} for {@code EPIC_100_retrieval_test.csv}; empty for folders and other names.
     */
    public Optional<String> split() {
        if (kind != Kind.ANNOTATIONS) {
            return Optional.empty();
        }
        Matcher m = SPLIT_FILE.matcher(path.getFileName().toString());
        return m.matches() ? Optional.of(m.group(2).toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    /**
     * The same annotation workspace with another split's file ({@code <prefix>_<split>.csv} beside this one, same video
     * root). Does not check that the file exists.
     *
     * @throws IllegalStateException if this workspace has no split ({@link #split()} is empty)
     */
    public WorkspaceSpec withSplit(String newSplit) {
        Matcher m = SPLIT_FILE.matcher(path.getFileName().toString());
        if (kind != Kind.ANNOTATIONS || !m.matches()) {
            throw new IllegalStateException(path + " is not an annotation file of a train/test split");
        }
        return annotations(path.resolveSibling(m.group(1) + "_" + newSplit + ".csv"), videoRoot);
    }

    /** The splits whose annotation files exist beside this one, in the order test, train (I/O: call off the UI thread). */
    public List<String> availableSplits() {
        if (split().isEmpty()) {
            return List.of();
        }
        return Stream.of("test", "train").filter(s -> Files.isRegularFile(withSplit(s).path()))
                .toList();
    }

    /**
     * The workspace's top folder: the clips folder, or for an annotation file its folder (the folder above a
     * {@code retrieval_annotations/} folder). A workspace's own files (e.g. the demo's {@code bpe_vocab.txt.gz}) live
     * here.
     */
    public Path root() {
        if (kind == Kind.FOLDER) {
            return path;
        }
        Path dir = path.getParent();
        if (dir != null && dir.getFileName() != null && RETRIEVAL_ANNOTATIONS_DIR.equals(dir.getFileName().toString())
                && dir.getParent() != null) {
            return dir.getParent();
        }
        return dir;
    }

    /** True when the folder (or CSV and video root) still exists. */
    public boolean exists() {
        return kind == Kind.FOLDER ? Files.isDirectory(path) : Files.isRegularFile(path) && Files.isDirectory(videoRoot);
    }

    /**
     * Where this workspace's index and thumbnails are cached: {@code <folder>/.egolens} (for annotations, beside the
     * CSV), or, when that folder is not writable, {@code <home>/cache/<hash of the path>}. A folder whose permission bits
     * say read-only counts as not writable even for root (shared, read-only data sets stay untouched).
     */
    public Path cacheDir(Path egolensHome) {
        Path base = kind == Kind.FOLDER ? path : path.getParent();
        if (base != null && writable(base)) {
            return base.resolve(".egolens");
        }
        return egolensHome.resolve("cache").resolve(hash(path.toString()));
    }

    private static boolean writable(Path dir) {
        if (!Files.isWritable(dir)) {
            return false;
        }
        try {
            return Files.getPosixFilePermissions(dir).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            return true;
        }
    }

    /** The index file for a model and T: {@code <cacheDir>/[<csv stem>-]<model>-t<T>.idx}. */
    public Path indexFile(Path egolensHome, String modelId, int frames) {
        String model = modelId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (model.length() > 48) {
            model = model.substring(model.length() - 40) + "-" + hash(modelId).substring(0, 7);
        }
        String prefix = "";
        if (kind == Kind.ANNOTATIONS) {
            String n = path.getFileName().toString();
            prefix = (n.contains(".") ? n.substring(0, n.lastIndexOf('.')) : n) + "-";
        }
        return cacheDir(egolensHome).resolve(prefix + model + "-t" + frames + ".idx");
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
