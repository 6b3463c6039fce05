package org.egolens.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipFolderTest {
    @TempDir
    Path dir;

    private void touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
    }

    @Test
    void findsVideosRecursivelySortedWithUniqueIds() throws IOException {
        for (String f : List.of("b.mp4", "a.MKV", "notes.txt", "sub/c.Webm", "sub/deeper/d.mov", "e.avi", "x/dup.mp4",
                "y/dup.MOV", "z/same.mp4", "z/same.mkv", ".hidden.mp4", ".git/objects/e.mp4", "f.mp4.part", "noext")) {
            touch(f);
        }
        List<ClipWindow> clips = ClipFolder.scan(dir);
        List<String> ids = clips.stream().map(ClipWindow::clipId).collect(Collectors.toList());
        // sorted by relative path; "dup" collides (stems) -> relative paths without extension; "z/same" collides
        // again -> relative paths with extension
        assertEquals(List.of("a", "b", "e", "c", "d", "x/dup", "y/dup", "z/same.mkv", "z/same.mp4"), ids);
        assertEquals(dir.resolve("sub/deeper/d.mov"), clips.get(4).video());
        for (ClipWindow c : clips) {
            assertTrue(c.isOpenEnded());
            assertEquals(0, c.startSec());
        }
    }

    @Test
    void recognisesExtensionsInAnyCase() {
        assertTrue(ClipFolder.isVideo(Path.of("A.MP4")));
        assertTrue(ClipFolder.isVideo(Path.of("dir/clip.WebM")));
        assertTrue(!ClipFolder.isVideo(Path.of("clip.mp3")) && !ClipFolder.isVideo(Path.of(".mp4")));
    }

    @Test
    void missingOrNonFolderIsReported() throws IOException {
        IOException missing = assertThrows(IOException.class, () -> ClipFolder.scan(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        touch("file.mp4");
        IOException notDir = assertThrows(IOException.class, () -> ClipFolder.scan(dir.resolve("file.mp4")));
        assertTrue(notDir.getMessage().contains("file.mp4"), notDir.getMessage());
        assertEquals(1, ClipFolder.scan(dir).size());
    }
}
