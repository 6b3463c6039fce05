package org.egolens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.egolens.app.FakeBackend;
import org.egolens.app.GuiOptions;
import org.egolens.app.TestClips;
import org.egolens.app.task.CurrentThreadTaskExecutor;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.model.retrieval.fakes.FakeVideos;
import org.egolens.viewer.ClipItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view model off the FX thread, with tasks run synchronously. */
class MainViewModelTest {
    @TempDir
    Path tmp;
    final FakeBackend backend = new FakeBackend();
    final FakeDialogs dialogs = new FakeDialogs();
    MainViewModel vm;

    @BeforeEach
    void setUp() {
        vm = newVm();
    }

    MainViewModel newVm() {
        return new MainViewModel(new AppContext(backend, new CurrentThreadTaskExecutor(), dialogs, tmp.resolve("home"),
                GuiOptions.defaults(), new IndexBuildConfig(3, 1, 6, true)));
    }

    @AfterEach
    void tearDown() {
        vm.close();
    }

    @Test
    void openingAFolderIndexesItAndReopeningReusesTheCachedIndex() throws IOException {
        Path clips = TestClips.write(tmp.resolve("clips"));
        FakeVideos.writeCorrupt(clips.resolve("zz_broken.mp4"));
        vm.openWorkspace(WorkspaceSpec.folder(clips));
        assertEquals(11, vm.clips().size());
        ClipItem broken = vm.clips().get(10);
        assertFalse(broken.readable());
        assertTrue(broken.problem().contains("not a video"), broken.problem());
        ClipItem first = vm.clips().get(0);
        assertEquals(0, first.firstFrame());
        assertEquals(30, first.frameCount());
        assertEquals(3.0, first.endSec());
        assertEquals("11 clips \u00b7 1 unreadable", vm.workspaceSummaryProperty().get());
        assertNotNull(vm.indexProperty().get());
        assertEquals(10, vm.indexProperty().get().size());
        assertEquals(10, vm.reportProperty().get().embedded());
        assertFalse(vm.busyProperty().get());
        assertEquals(List.of(), dialogs.errors);

        vm.search("green");
        assertEquals("P01_green_salad_bowl", vm.results().get(0).clip().clipId());
        assertEquals(MainViewModel.TOP_K > 10 ? 10 : MainViewModel.TOP_K, vm.results().size());
        vm.selectResult(vm.results().get(0));
        assertEquals(vm.results().get(0).clip(), vm.selectedClipProperty().get());

        // a second session (application restart) reuses the cached index: nothing is embedded again
        vm.close();
        int embeddedBefore = backend.models.stream().mapToInt(m -> m.videosEmbedded()).sum();
        vm = newVm();
        assertEquals(List.of(WorkspaceSpec.folder(clips)), vm.recent());
        vm.openWorkspace(vm.recent().get(0));
        assertEquals(10, vm.reportProperty().get().reused());
        assertEquals(0, vm.reportProperty().get().embedded());
        assertEquals(embeddedBefore, backend.models.stream().mapToInt(m -> m.videosEmbedded()).sum());
    }

    @Test
    void annotationWorkspaceMarksClipsOfMissingVideos() throws IOException {
        Path root = tmp.resolve("videos");
        FakeVideos.write(root.resolve("P01/P01_01.mp4"), 10, 100, 64, 48, Color.RED);
        Path csv = Files.writeString(tmp.resolve("ann.csv"),
                "narration_id,participant_id,video_id,narration_timestamp,start_timestamp,stop_timestamp,start_frame,"
                        + "stop_frame,narration,verb,verb_class,noun,noun_class,all_nouns,all_noun_classes\n"
                        + "P01_01_0,P01,P01_01,,00:00:01.00,00:00:03.00,10,30,take cup,take,0,cup,13,['cup'],[13]\n"
                        + "P01_01_1,P01,P01_01,,00:00:10.00,00:00:12.00,100,120,take cup,take,0,cup,13,['cup'],[13]\n"
                        + "P09_01_0,P09,P09_01,,00:00:01.00,00:00:02.00,10,20,take cup,take,0,cup,13,['cup'],[13]\n");
        vm.openWorkspace(WorkspaceSpec.annotations(csv, root));
        assertEquals(3, vm.clips().size());
        assertTrue(vm.clips().get(0).readable());
        assertEquals(10, vm.clips().get(0).firstFrame());
        assertEquals(20, vm.clips().get(0).frameCount());
        assertFalse(vm.clips().get(1).readable(), "starts after the 10 s video ends");
        assertFalse(vm.clips().get(2).readable(), "video missing");
        assertEquals(1, vm.indexProperty().get().size());
        assertTrue(Files.isRegularFile(tmp.resolve(".egolens/ann-tiny-t4.idx")));
    }

    @Test
    void failuresAreReportedOnceAndLeaveNoIndex() {
        vm.openWorkspace(WorkspaceSpec.folder(tmp.resolve("does-not-exist")));
        assertNull(vm.indexProperty().get());
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("does-not-exist"), dialogs.errors.get(0));
        assertTrue(vm.statusProperty().get().startsWith("Cannot open"), vm.statusProperty().get());
        vm.search("red"); // ignored without an index
        assertTrue(vm.results().isEmpty());
    }
}
