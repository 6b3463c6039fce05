package org.egolens.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.egolens.app.workspace.WorkspaceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentWorkspacesTest {
    @TempDir
    Path home;

    @Test
    void newestFirstWithoutDuplicatesAndBounded() throws IOException {
        RecentWorkspaces r = new RecentWorkspaces(home);
        assertEquals(List.of(), r.list());
        WorkspaceSpec a = WorkspaceSpec.folder(home.resolve("a"));
        WorkspaceSpec b = WorkspaceSpec.annotations(home.resolve("ann.csv"), home.resolve("videos"));
        r.add(a);
        r.add(b);
        r.add(a);
        assertEquals(List.of(a, b), new RecentWorkspaces(home).list());
        for (int i = 0; i < 15; i++) {
            r.add(WorkspaceSpec.folder(home.resolve("f" + i)));
        }
        List<WorkspaceSpec> l = r.list();
        assertEquals(RecentWorkspaces.MAX, l.size());
        assertEquals(WorkspaceSpec.folder(home.resolve("f14")), l.get(0));
        assertEquals(WorkspaceSpec.folder(home.resolve("f5")), l.get(9));
    }

    @Test
    void unreadableFileCountsAsEmptyAndIsRewritten() throws IOException {
        Files.writeString(home.resolve("recent-workspaces.json"), "{not json");
        RecentWorkspaces r = new RecentWorkspaces(home);
        assertEquals(List.of(), r.list());
        WorkspaceSpec a = WorkspaceSpec.folder(home.resolve("a"));
        r.add(a);
        assertEquals(List.of(a), r.list());
    }

    @Test
    void homeFollowsTheSystemProperty() {
        String old = System.getProperty(EgoLensHome.PROPERTY);
        try {
            System.setProperty(EgoLensHome.PROPERTY, home.toString());
            assertEquals(home.toAbsolutePath(), EgoLensHome.resolve());
            System.clearProperty(EgoLensHome.PROPERTY);
            assertEquals(Path.of(System.getProperty("user.home"), ".egolens"), EgoLensHome.resolve());
        } finally {
            if (old != null) {
                System.setProperty(EgoLensHome.PROPERTY, old);
            }
        }
    }
}
