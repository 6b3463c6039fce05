package org.egolens.model.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Temporary files for atomic writes: write the temporary file, then rename it over the target.
 *
 * <p>{@link Files#createTempFile(Path, String, String, FileAttribute[])} without attributes creates the file with mode
 * 0600, and the rename keeps it, so indexes, checkpoints and CSVs would end up private to their owner while files the
 * user creates otherwise are shared (0644 under the usual umask 022). Here the temporary file is requested with mode
 * 0666, which the operating system narrows by the process umask exactly as for any new file. On a file system
 * without POSIX permissions the plain temporary file is used.
 */
public final class AtomicFiles {
    private static final FileAttribute<Set<PosixFilePermission>> LIKE_NEW_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-"));

    private AtomicFiles() {
    }

    /**
     * Creates a new empty file {@code prefix…suffix} in {@code dir}, with the permissions a newly created file gets.
     *
     * @throws IOException if the file cannot be created
     */
    public static Path createTemp(Path dir, String prefix, String suffix) throws IOException {
        try {
            return Files.createTempFile(dir, prefix, suffix, LIKE_NEW_FILE);
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, prefix, suffix);
        }
    }
}
