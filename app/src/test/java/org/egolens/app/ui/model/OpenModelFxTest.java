package org.egolens.app.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.egolens.app.FakeBackend;
import org.egolens.app.GuiOptions;
import org.egolens.app.task.CurrentThreadTaskExecutor;
import org.egolens.app.task.FxTaskExecutor;
import org.egolens.app.ui.AppContext;
import org.egolens.app.ui.DialogService;
import org.egolens.app.ui.MainViewModel;
import org.egolens.app.ui.MainWindow;
import org.egolens.model.checkpoint.CheckpointLoader;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.io.Npy;
import org.egolens.model.io.Safetensors;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.ModelPresets;
import org.egolens.model.nn.WeightLoader;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File → Open model…: check in the background, report shown (refusals listed, no "use"), model switched on accept. */
@ExtendWith(ApplicationExtension.class)
class OpenModelFxTest {
    private final Dialogs dialogs = new Dialogs();
    private Path tmp;
    private Stage stage;

    /** Answers file choosers from a queue, records errors. */
    static final class Dialogs implements DialogService {
        final Deque<Path> answers = new ArrayDeque<>();
        final List<String> errors = new ArrayList<>();

        @Override
        public Optional<Path> chooseDirectory(String title) {
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public Optional<Path> chooseFile(String title, String description, String... patterns) {
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public void showError(String title, String message) {
            errors.add(title + ": " + message);
        }
    }

    /** Records what would be shown. */
    static final class Recorder implements ModelReportPresenter {
        CheckpointLoader.ModelCheck check;
        Runnable use;

        @Override
        public void show(CheckpointLoader.ModelCheck c, Runnable u) {
            check = c;
            use = u;
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        tmp = Files.createTempDirectory("egolens-open-model");
    }

    @AfterEach
    void cleanUp() throws IOException {
        try (var s = Files.walk(tmp)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A tiny image checkpoint with config.json beside it, missing one backbone tensor. */
    private Path brokenCheckpoint() throws IOException {
        Map<String, FloatTensor> sd;
        try (Eva02AtClipModel m = ModelFactory.create(ModelPresets.get("tiny"), "t", 1, null)) {
            sd = new LinkedHashMap<>(WeightLoader.export(m.block()));
        }
        sd.remove("visual.blocks.0.attn.v_bias");
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(dir.resolve("config.json"), ModelPresets.get("tiny").toJson());
        Path f = dir.resolve("broken.safetensors");
        Safetensors.writeF32(f, sd, Map.of());
        return f;
    }

    @Test
    void aModelFolderIsCheckedReportedAndUsedOnAccept() {
        Path ref = SharedData.require("reference/eva02clip-tiny");
        Recorder shown = new Recorder();
        List<String> used = new ArrayList<>();
        OpenModelController c = new OpenModelController(new CurrentThreadTaskExecutor(), dialogs, shown, 8, used::add);
        dialogs.answers.add(ref.resolve("config.json"));
        c.openWithDialog();
        assertEquals(List.of(), dialogs.errors);
        assertTrue(shown.check.report().ok(), shown.check.report().describeProblems());
        assertEquals(8, shown.check.config().numFrames());
        assertEquals(List.of("visual.temporal_embed 4 -> 8 frames (bilinear)"), shown.check.report().interpolated());
        assertNotNull(shown.use);
        assertTrue(used.isEmpty(), "nothing changes before the user accepts");
        shown.use.run();
        assertEquals(List.of(ref.toString()), used, "config.json stands for its folder");
    }

    @Test
    void aRefusedCheckpointIsReportedWithoutUseAndItsViewListsTheMissingTensor(FxRobot robot) throws Exception {
        Recorder shown = new Recorder();
        OpenModelController c = new OpenModelController(new CurrentThreadTaskExecutor(), dialogs, shown, 4,
                p -> { throw new AssertionError("a refused model must not be used"); });
        Path broken = brokenCheckpoint();
        c.open(broken);
        assertFalse(shown.check.report().ok());
        assertNull(shown.use);

        robot.interact(() -> {
            ModelReportView v = new ModelReportView();
            v.show(shown.check);
            stage.setScene(new Scene(v, 800, 700));
            stage.show();
        });
        assertEquals("Refused: 1 missing, 0 unexpected, 0 mis-shaped",
                robot.lookup("#modelVerdict").queryAs(Label.class).getText());
        ListView<?> missing = robot.lookup("#missingList").queryAs(ListView.class);
        assertEquals(List.of("visual.blocks.0.attn.v_bias"), List.copyOf(missing.getItems()));
        assertTrue(robot.lookup("#missingPane").queryAs(TitledPane.class).isExpanded());
        assertFalse(robot.lookup("#matchedPane").queryAs(TitledPane.class).isExpanded());
        assertTrue(robot.lookup("#factLayout").queryAs(Label.class).getText().startsWith("EVA-CLIP"));
        assertTrue(robot.lookup("#factFrames").queryAs(Label.class).getText().startsWith("T = 4"),
                robot.lookup("#factFrames").queryAs(Label.class).getText());
        screenshot(robot, "model-report-refused.png");
    }

    /** Saves the stage to {@code target/screenshots/} for a visual check. */
    private void screenshot(FxRobot robot, String name) throws IOException {
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> img[0] = stage.getScene().snapshot(null));
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img[0], null), "png",
                dir.resolve(name).toFile());
    }

    @Test
    void anUnreadableFileEndsInAnErrorNamingWhatItIs() throws IOException {
        Recorder shown = new Recorder();
        OpenModelController c = new OpenModelController(new CurrentThreadTaskExecutor(), dialogs, shown, 4, p -> { });
        Path npy = tmp.resolve("weights.pt");
        Npy.writeFloats(npy, new float[] {1}, 1);
        c.open(npy);
        assertNull(shown.check);
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).startsWith("Cannot open model: weights.pt is a single NumPy .npy array"),
                dialogs.errors.get(0));
    }

    @Test
    void mainWindowHasFileOpenModelAndShowsTheModelInUse(FxRobot robot) throws Exception {
        FxTaskExecutor executor = new FxTaskExecutor();
        AppContext ctx = new AppContext(new FakeBackend(), executor, dialogs, Files.createDirectories(tmp.resolve("h")),
                GuiOptions.defaults(), IndexBuildConfig.defaults());
        MainViewModel vm = new MainViewModel(ctx);
        try {
            MainWindow[] w = new MainWindow[1];
            robot.interact(() -> {
                w[0] = new MainWindow(vm);
                stage.setScene(new Scene(w[0].root(), 1100, 700));
                stage.show();
            });
            MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
            assertEquals("File", bar.getMenus().get(0).getText());
            MenuItem open = bar.getMenus().get(0).getItems().stream().filter(i -> "openModelItem".equals(i.getId()))
                    .findFirst().orElseThrow(() -> new AssertionError("File menu has no Open model… item"));
            Path npy = tmp.resolve("not-a-model.safetensors");
            Npy.writeFloats(npy, new float[] {1}, 1);
            dialogs.answers.add(npy);
            robot.interact(open::fire);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !dialogs.errors.isEmpty());
            assertTrue(dialogs.errors.get(0).contains("not-a-model.safetensors is a single NumPy .npy array"),
                    dialogs.errors.get(0));
            robot.interact(() -> vm.useModel("/models/eva02at-b16"));
            assertEquals("EVA02-AT \u00b7 /models/eva02at-b16 \u00b7 T=4",
                    robot.lookup("#modelBadge").queryAs(Label.class).getText());
        } finally {
            vm.close();
            executor.close();
        }
    }
}
