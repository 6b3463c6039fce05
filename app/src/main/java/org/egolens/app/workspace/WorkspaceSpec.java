package org.egolens.app.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

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

    /** Short name: the folder name or the CSV file name. */
    public String displayName() {
        Path n = path.getFileName();
        return n == null ? path.toString() : n.toString();
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
            String n = displayName();
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
