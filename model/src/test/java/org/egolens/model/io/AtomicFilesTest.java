package org.egolens.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written atomically (temporary file, then rename) get the permissions of any newly created file under the
 * process umask, not the 0600 of {@code Files.createTempFile} (found by a new-user run: indexes were private).
 */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void temporaryFilesAndWhatIsWrittenThroughThemGetTheUsualPermissions() throws IOException {
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "no POSIX permissions");
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        Path tmp = AtomicFiles.createTemp(dir, ".x", ".tmp");
        assertEquals(usual, Files.getPosixFilePermissions(tmp));
        assertTrue(tmp.getFileName().toString().startsWith(".x") && tmp.toString().endsWith(".tmp"), tmp.toString());

        Path npy = dir.resolve("e.npy");
        Npy.writeFloats(npy, new float[] {1, 2, 3, 4}, 2, 2);
        assertEquals(usual, Files.getPosixFilePermissions(npy));
        Path st = dir.resolve("w.safetensors");
        Safetensors.writeF32(st, Map.of("w", new FloatTensor(new long[] {2}, new float[] {1, 2})), Map.of());
        assertEquals(usual, Files.getPosixFilePermissions(st));
    }
}
