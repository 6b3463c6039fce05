package org.egolens.app.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceSpecTest {
    @TempDir
    Path tmp;

    @Test
    void indexLivesInTheWorkspaceCacheFolder() throws IOException {
        Path home = tmp.resolve("home");
        Path clips = Files.createDirectories(tmp.resolve("kitchen"));
        assertEquals(clips.resolve(".egolens/tiny-t4.idx"), WorkspaceSpec.folder(clips).indexFile(home, "tiny", 4));
        assertEquals(clips.resolve(".egolens/_models_eva02-at_b16-t16.idx"),
                WorkspaceSpec.folder(clips).indexFile(home, "/models/eva02-at b16", 16));
        Path csv = Files.writeString(tmp.resolve("EPIC_100_retrieval_test.csv"), "");
        assertEquals(tmp.resolve(".egolens/EPIC_100_retrieval_test-tiny-t4.idx"),
                WorkspaceSpec.annotations(csv, clips).indexFile(home, "tiny", 4));
    }
}
