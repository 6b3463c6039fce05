package org.egolens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.egolens.app.DecodingFakeBackend;
import org.egolens.app.FakeBackend;
import org.egolens.app.GuiOptions;
import org.egolens.app.backend.Backend;
import org.egolens.app.settings.RecentWorkspaces;
import org.egolens.app.task.CurrentThreadTaskExecutor;
import org.egolens.app.workspace.DemoWorkspace;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.viewer.ClipAnnotation;
import org.egolens.viewer.ClipItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up: the demo on the first start, the last workspace later, the welcome view when the recent ones are gone. */
class DemoStartFlowTest {
    /** 6 train / 4 test clips of 1 s at 48 px. */
    static final DemoConfig DEMO = new DemoConfig(5, 6, 4, 0, 48, 15, 1.0, 4, 2, 30, 1);

    @TempDir
    Path tmp;
    final FakeDialogs dialogs = new FakeDialogs();

    MainViewModel vm(Backend backend, Path home) {
        MainViewModel vm = new MainViewModel(new AppContext(backend, new CurrentThreadTaskExecutor(), dialogs, home,
                GuiOptions.defaults(), new IndexBuildConfig(3, 1, 6, true)));
        vm.setDemoConfig(DEMO);
        return vm;
    }

    @Test
    void firstStartGeneratesAndOpensTheDemoAndLaterStartsOpenTheLastWorkspace() throws IOException {
        Path home = tmp.resolve("home");
        DecodingFakeBackend backend = new DecodingFakeBackend();
        Path demo = home.resolve("demo-workspace");
        try (MainViewModel vm = vm(backend, home)) {
            vm.openStartWorkspace(null);
            assertEquals(List.of(), dialogs.errors);
            assertFalse(vm.preparingDemoProperty().get());
            assertTrue(DemoWorkspace.isReady(demo));
            assertEquals(DemoWorkspace.spec(demo, "test"), vm.workspaceProperty().get());

            // every clip carries its row's narration, verb and nouns, read here independently of the app
            Map<String, Ek100Clip> rows = Ek100Csv.readClips(DemoDataset.retrievalCsv(demo, "test", false)).stream()
                    .collect(Collectors.toMap(Ek100Clip::narrationId, Function.identity()));
            assertEquals(4, vm.clips().size());
            for (ClipItem c : vm.clips()) {
                Ek100Clip r = rows.get(c.clipId());
                assertTrue(c.readable(), c.problem());
                assertEquals(new ClipAnnotation(r.narration(), r.verb(), r.allNouns()), c.annotation());
                assertEquals(r.startSec(), c.startSec(), 1e-9);
            }
            assertEquals(4, vm.indexProperty().get().size());
            assertEquals(List.of("test", "train"), vm.splits());
            assertEquals(List.of(demo), backend.workspaceDirs, "the model looks for the demo vocabulary there");
            assertEquals(List.of(DemoWorkspace.spec(demo, "test")), vm.recent());

            vm.openSplit("train");
            assertEquals(DemoWorkspace.spec(demo, "train"), vm.workspaceProperty().get());
            assertEquals(6, vm.clips().size());
            assertEquals(6, vm.indexProperty().get().size());
        }

        FileTime generated = Files.getLastModifiedTime(demo.resolve(DemoDataset.DONE_MARKER));
        try (MainViewModel later = vm(new DecodingFakeBackend(), home)) {
            later.openStartWorkspace(null);
            assertEquals(DemoWorkspace.spec(demo, "train"), later.workspaceProperty().get(), "the last workspace");
            assertEquals(6, later.indexProperty().get().size());
            assertEquals(6, later.reportProperty().get().reused(), "index reused from the cache");

            later.openDemoWorkspace(); // present: opened again, not regenerated, test split
            assertEquals(DemoWorkspace.spec(demo, "test"), later.workspaceProperty().get());
        }
        assertEquals(generated, Files.getLastModifiedTime(demo.resolve(DemoDataset.DONE_MARKER)));
    }

    @Test
    void openDemoRegeneratesAMissingDemo() throws IOException {
        Path home = tmp.resolve("home2");
        Path demo = home.resolve("demo-workspace");
        try (MainViewModel vm = vm(new DecodingFakeBackend(), home)) {
            vm.openDemoWorkspace();
            assertTrue(DemoWorkspace.isReady(demo));
            DemoDataset.delete(demo);
            vm.openDemoWorkspace();
            assertTrue(DemoWorkspace.isReady(demo));
            assertEquals(4, vm.indexProperty().get().size());
        }
    }

    @Test
    void whenTheRecentWorkspacesAreGoneTheWelcomeViewStays() throws IOException {
        Path home = tmp.resolve("home3");
        Path gone = Files.createDirectories(tmp.resolve("gone"));
        new RecentWorkspaces(home).add(WorkspaceSpec.folder(gone));
        Files.delete(gone);
        try (MainViewModel vm = vm(new FakeBackend(), home)) {
            vm.openStartWorkspace(null);
            assertNull(vm.workspaceProperty().get());
            assertFalse(Files.exists(home.resolve("demo-workspace")), "not a first start: no demo generated");
            assertTrue(vm.statusProperty().get().contains("no longer exist"), vm.statusProperty().get());
        }
    }

    @Test
    void aRequestedFolderWinsOverTheLastWorkspace() throws IOException {
        Path home = tmp.resolve("home4");
        Path last = Files.createDirectories(tmp.resolve("last"));
        Path asked = Files.createDirectories(tmp.resolve("asked"));
        new RecentWorkspaces(home).add(WorkspaceSpec.folder(last));
        try (MainViewModel vm = vm(new FakeBackend(), home)) {
            vm.openStartWorkspace(asked);
            assertEquals(WorkspaceSpec.folder(asked), vm.workspaceProperty().get());
            assertEquals(List.of(), vm.splits());
        }
    }
}
