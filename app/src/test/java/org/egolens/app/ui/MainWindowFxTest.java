package org.egolens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.egolens.app.FakeBackend;
import org.egolens.app.GuiOptions;
import org.egolens.app.TestClips;
import org.egolens.app.task.FxTaskExecutor;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.viewer.ClipItem;
import org.egolens.viewer.SearchResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window end to end with the fake backend: welcome on first start, open a folder, index, search, play.
 * Saves screenshots to {@code target/screenshots/}.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
    private final FakeBackend backend = new FakeBackend();
    private final FakeDialogs dialogs = new FakeDialogs();
    private Path tmp;
    private Path home;
    private MainViewModel vm;
    private MainWindow window;
    private FxTaskExecutor executor;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        tmp = Files.createTempDirectory("egolens-fx");
        home = Files.createDirectories(tmp.resolve("home")); // empty egolens.home: first start
        System.setProperty("egolens.home", home.toString());
        executor = new FxTaskExecutor();
        AppContext ctx = new AppContext(backend, executor, dialogs, home, GuiOptions.defaults(),
                new IndexBuildConfig(2, 1, 4, true));
        vm = new MainViewModel(ctx);
        window = new MainWindow(vm);
        stage.setScene(new Scene(window.root(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() throws IOException {
        vm.close();
        executor.close();
        System.clearProperty("egolens.home");
        try (var s = Files.walk(tmp)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void firstStartShowsTheWelcomeView(FxRobot robot) throws IOException {
        Node welcome = robot.lookup("#welcomeView").query();
        assertTrue(welcome.isVisible());
        assertTrue(robot.lookup("#openFolderButton").query().isVisible());
        ListView<?> recent = robot.lookup("#recentList").queryAs(ListView.class);
        assertTrue(recent.getItems().isEmpty());
        assertEquals("No recent workspaces yet", ((Label) recent.getPlaceholder()).getText());
        screenshot(robot, "welcome.png");
    }

    /**
     * A later tab's view enters the scene only when the tab is first selected (start-up cost), then stays; the first
     * tab's view is there from the start.
     */
    @Test
    void laterTabsAttachTheirViewOnFirstSelection(FxRobot robot) throws Exception {
        Label view = new Label("later view");
        javafx.scene.control.Tab[] tab = new javafx.scene.control.Tab[1];
        robot.interact(() -> tab[0] = window.addTab("laterTab", "Later", view));
        assertTrue(window.tabs().getTabs().get(0).getContent() != null, "Browse shows its view at once");
        assertEquals(null, tab[0].getContent());
        assertEquals(null, view.getScene());
        robot.interact(() -> window.tabs().getSelectionModel().select(tab[0]));
        assertEquals(view, tab[0].getContent());
        assertNotNull(view.getScene());
        robot.interact(() -> window.tabs().getSelectionModel().select(0));
        assertEquals(view, tab[0].getContent(), "the view stays attached after the tab is left");
    }

    @Test
    void openIndexSearchSelectAndStep(FxRobot robot) throws Exception {
        Path clips = TestClips.write(tmp.resolve("kitchen-clips"));
        dialogs.answers.add(clips);
        robot.clickOn("#openFolderButton");

        waitFor(20, () -> vm.indexProperty().get() != null);
        assertEquals(List.of(), dialogs.errors);
        assertFalse(robot.lookup("#welcomeView").query().isVisible());
        assertEquals(TestClips.CLIPS.size(), vm.indexProperty().get().size());
        assertTrue(Files.isRegularFile(clips.resolve(".egolens/tiny-t4.idx")));
        assertEquals(WorkspaceSpec.folder(clips), new org.egolens.app.settings.RecentWorkspaces(home).list().get(0));
        waitFor(10, () -> window.grid().thumbnailsShown() >= 4);

        robot.clickOn("#searchField").write("red").type(KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        ListView<SearchResult> results = robot.lookup("#resultsList").queryAs(ListView.class);
        waitFor(10, () -> !results.getItems().isEmpty());
        List<SearchResult> hits = List.copyOf(results.getItems());
        assertEquals(TestClips.CLIPS.size(), hits.size());
        for (int i = 0; i < hits.size(); i++) {
            assertEquals(i + 1, hits.get(i).rank());
            if (i > 0) {
                assertTrue(hits.get(i).score() <= hits.get(i - 1).score());
            }
        }
        assertEquals(Set.of("P01_cutting_red_pepper", "P03_red_tomato_wash"),
                hits.subList(0, 2).stream().map(h -> h.clip().clipId()).collect(Collectors.toSet()));

        // select the first result: the player shows its first frame
        Node firstRow = robot.lookup(".result-row").match((javafx.scene.control.ListCell<?> c) -> c.getIndex() == 0)
                .query();
        robot.clickOn(firstRow);
        ClipItem chosen = hits.get(0).clip();
        waitFor(5, () -> chosen.equals(vm.selectedClipProperty().get()));
        assertEquals(chosen, window.grid().getSelected());
        ImageView img = robot.lookup("#playerImage").queryAs(ImageView.class);
        waitFor(5, () -> img.getImage() != null && window.player().shownFrameProperty().get() == 0);
        java.awt.Color expected = TestClips.CLIPS.get(chosen.clipId());
        Image frame = img.getImage();
        assertEquals(160, frame.getWidth());
        // top-right corner: the frame's colour (the moving white bar starts at the left edge)
        Color px = frame.getPixelReader().getColor(157, 2);
        assertEquals(expected.getRed(), Math.round(px.getRed() * 255));
        assertEquals(expected.getGreen(), Math.round(px.getGreen() * 255));
        assertEquals(expected.getBlue(), Math.round(px.getBlue() * 255));
        Label time = robot.lookup("#playerTime").queryAs(Label.class);
        int frames = chosen.clipId().equals("P01_cutting_red_pepper") ? 30 : 40; // 30 + 2·index frames, 10 fps
        assertEquals("0:00.000 / " + org.egolens.viewer.Formats.clock(frames / 10.0) + "  \u00b7  frame 1 / " + frames,
                time.getText());
        // the white bar is at x = 0 in frame 0
        assertEquals(Color.WHITE, frame.getPixelReader().getColor(1, 10));

        robot.clickOn("#stepForwardButton");
        waitFor(5, () -> window.player().shownFrameProperty().get() == 1);
        assertTrue(time.getText().startsWith("0:00.100 / "), time.getText());
        assertTrue(time.getText().endsWith("frame 2 / " + frames), time.getText());
        // frame 1 of a 160-px, N-frame video has its bar at x = 160/N, so x = 1 is background now
        Color moved = img.getImage().getPixelReader().getColor(1, 10);
        assertEquals(expected.getRed(), Math.round(moved.getRed() * 255));

        robot.clickOn("#stepBackButton");
        waitFor(5, () -> window.player().shownFrameProperty().get() == 0);
        assertTrue(time.getText().startsWith("0:00.000 / "), time.getText());

        screenshot(robot, "main-window.png");
        assertTrue(window.grid().thumbnailsShown() >= 4, "grid thumbnails survive a re-layout");
    }

    @Test
    void cancelKeepsFinishedBatchesAndReindexResumes(FxRobot robot) throws Exception {
        Path clips = TestClips.write(tmp.resolve("slow-clips"));
        backend.source.setSampleDelayMillis(300);
        dialogs.answers.add(clips);
        robot.clickOn("#openFolderButton");
        // wait until at least one batch of two clips is journalled, then cancel
        waitFor(20, () -> vm.busyProperty().get() && vm.statusProperty().get().startsWith("Indexing clips")
                && vm.progressProperty().get() >= 0.2);
        assertTrue(robot.lookup("#cancelButton").query().isVisible());
        assertTrue(robot.lookup("#progressBar").query().isVisible());
        screenshot(robot, "indexing.png");
        robot.clickOn("#cancelButton");
        waitFor(10, () -> !vm.busyProperty().get());
        Label status = robot.lookup("#statusMessage").queryAs(Label.class);
        assertTrue(status.getText().contains("cancelled"), status.getText());
        assertTrue(Files.isRegularFile(clips.resolve(".egolens/tiny-t4.idx.partial")));
        assertEquals(null, vm.indexProperty().get());

        backend.source.setSampleDelayMillis(0);
        robot.clickOn("#reindexButton");
        waitFor(20, () -> vm.indexProperty().get() != null);
        var report = vm.reportProperty().get();
        assertTrue(report.resumed() >= 2, "resumed " + report.resumed());
        assertEquals(TestClips.CLIPS.size(), report.resumed() + report.embedded());
        assertFalse(Files.exists(clips.resolve(".egolens/tiny-t4.idx.partial")));
    }

    private static void waitFor(int seconds, java.util.concurrent.Callable<Boolean> cond) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return cond.call();
        });
    }

    private void screenshot(FxRobot robot, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        Image shot = robot.capture(stage.getScene().getRoot()).getImage();
        BufferedImage bi = SwingFXUtils.fromFXImage(shot, null);
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(bi, "png", dir.resolve(name).toFile());
        assertNotNull(bi);
    }
}
