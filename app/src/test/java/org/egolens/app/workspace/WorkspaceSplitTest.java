package org.egolens.app.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Train/test splits of EK-100 annotation workspaces, their names, and the workspace root. */
class WorkspaceSplitTest {
    @Test
    void splitComesFromTheFileName(@TempDir Path dir) {
        Path videos = dir.resolve("videos");
        WorkspaceSpec test = WorkspaceSpec.annotations(dir.resolve("ek/retrieval_annotations/EPIC_100_retrieval_test.csv"),
                videos);
        assertEquals(Optional.of("test"), test.split());
        WorkspaceSpec train = test.withSplit("train");
        assertEquals(dir.resolve("ek/retrieval_annotations/EPIC_100_retrieval_train.csv"), train.path());
        assertEquals(videos, train.videoRoot());
        assertEquals("ek \u00b7 train", train.displayName());
        assertEquals(dir.resolve("ek"), train.root());
        // the index file is still named after the CSV
        assertEquals(dir.resolve("ek/retrieval_annotations/.egolens/EPIC_100_retrieval_train-tiny-t4.idx").getFileName(),
                train.indexFile(dir, "tiny", 4).getFileName());

        WorkspaceSpec other = WorkspaceSpec.annotations(dir.resolve("my_Test.CSV"), videos);
        assertEquals(Optional.of("test"), other.split());
        assertEquals("my_Test.CSV", other.displayName());
        assertEquals(dir, other.root());
        WorkspaceSpec plain = WorkspaceSpec.annotations(dir.resolve("ann.csv"), videos);
        assertEquals(Optional.empty(), plain.split());
        assertThrows(IllegalStateException.class, () -> plain.withSplit("train"));
        assertEquals(Optional.empty(), WorkspaceSpec.folder(dir).split());
        assertEquals(dir, WorkspaceSpec.folder(dir).root());
    }

    @Test
    void availableSplitsAreTheExistingFiles(@TempDir Path dir) throws IOException {
        Path ann = Files.createDirectories(dir.resolve("retrieval_annotations"));
        Files.writeString(ann.resolve("EPIC_100_retrieval_test.csv"), "x");
        WorkspaceSpec test = WorkspaceSpec.annotations(ann.resolve("EPIC_100_retrieval_test.csv"), dir);
        assertEquals(List.of("test"), test.availableSplits());
        Files.writeString(ann.resolve("EPIC_100_retrieval_train.csv"), "x");
        assertEquals(List.of("test", "train"), test.availableSplits());
        assertEquals(List.of(), WorkspaceSpec.folder(dir).availableSplits());
    }
}
