package org.egolens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.egolens.app.FakeBackend;
import org.egolens.app.GuiOptions;
import org.egolens.app.TestClips;
import org.egolens.app.task.FxTaskExecutor;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The File menu, its Recent submenu, and the model badge. */
@ExtendWith(ApplicationExtension.class)
class AppMenuBarFxTest {
    private final FakeBackend backend = new FakeBackend();
    private final FakeDialogs dialogs = new FakeDialogs();
    private final AtomicInteger quits = new AtomicInteger();
    private Path tmp;
    private MainViewModel vm;
    private FxTaskExecutor executor;
    private AppMenuBar menu;

    @Start
    void start(Stage stage) throws IOException {
        tmp = Files.createTempDirectory("egolens-menu");
        executor = new FxTaskExecutor();
        vm = new MainViewModel(new AppContext(backend, executor, dialogs, tmp.resolve("home"), GuiOptions.defaults(),
                new IndexBuildConfig(2, 1, 4, true)));
        menu = new AppMenuBar(vm, quits::incrementAndGet);
        MainWindow window = new MainWindow(vm);
        stage.setScene(new Scene(new javafx.scene.layout.VBox(menu, window.root()), 1200, 760));
        stage.show();
    }

    @AfterEach
    void tearDown() throws IOException {
        vm.close();
        executor.close();
        try (var s = Files.walk(tmp)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void fileMenuHasTheWorkspaceCommandsAndQuit() {
        Menu file = menu.getMenus().get(0);
        assertEquals("File", file.getText());
        assertEquals(List.of("Open clips folder\u2026", "Open annotation file\u2026", "Open demo workspace", "Recent",
                "", "Quit"), file.getItems().stream().map(i -> i.getText() == null ? "" : i.getText()).toList());
        assertEquals("Shortcut+O", file.getItems().get(0).getAccelerator().getName());
        MenuItem quit = file.getItems().get(5);
        quit.fire();
        assertEquals(1, quits.get());
    }

    @Test
    void openClipsFolderFromTheMenuAndFindItUnderRecent(FxRobot robot) throws Exception {
        Path clips = TestClips.write(tmp.resolve("kitchen-clips"));
        assertEquals(List.of("No recent workspaces"), recentTexts());
        assertTrue(menu.recentMenu().getItems().get(0).isDisable());

        dialogs.answers.add(clips);
        robot.clickOn("File").clickOn("Open clips folder\u2026");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.indexProperty().get() != null);
        assertEquals(WorkspaceSpec.folder(clips), vm.workspaceProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("kitchen-clips   \u2014   " + clips.toAbsolutePath().normalize()), recentTexts());

        // Recent re-opens it
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        robot.interact(() -> vm.openWorkspace(WorkspaceSpec.folder(empty)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        robot.interact(() -> menu.recentMenu().getItems().stream().filter(i -> i.getText().startsWith("kitchen-clips"))
                .findFirst().orElseThrow().fire());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.indexProperty().get() != null
                && WorkspaceSpec.folder(clips).equals(vm.workspaceProperty().get()));
    }

    @Test
    void presetModelIsLabelledUntrainedAndAModelFolderIsNot(FxRobot robot) throws IOException {
        Label badge = robot.lookup("#modelBadge").queryAs(Label.class);
        assertEquals("EVA02-AT \u00b7 tiny \u00b7 T=4 \u00b7 untrained", badge.getText());
        assertTrue(badge.getStyleClass().contains("untrained"));
        assertTrue(vm.modelUntrained());
        Path modelDir = Files.createDirectories(tmp.resolve("trained-model"));
        try (MainViewModel trained = new MainViewModel(new AppContext(backend, executor, dialogs, tmp.resolve("home"),
                new GuiOptions(null, modelDir.toString(), 4), new IndexBuildConfig(2, 1, 4, true)))) {
            assertFalse(trained.modelUntrained());
        }
    }

    private List<String> recentTexts() {
        return menu.recentMenu().getItems().stream().map(MenuItem::getText).toList();
    }
}
