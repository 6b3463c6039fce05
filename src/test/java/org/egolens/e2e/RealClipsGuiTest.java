package org.egolens.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.egolens.app.GuiOptions;
import org.egolens.app.backend.DjlBackend;
import org.egolens.app.task.FxTaskExecutor;
import org.egolens.app.ui.AppContext;
import org.egolens.app.ui.DialogService;
import org.egolens.app.ui.MainViewModel;
import org.egolens.app.ui.MainWindow;
import org.egolens.model.data.ClipFolder;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.model.testing.SharedData;
import org.egolens.model.tokenize.ClipVocabularyLocator;
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
 * Issue acceptance: the workbench with the real backend (EVA02-AT in DJL, JavaCV) opens {@code shared/data/clips}, indexes
 * it, answers a typed query with a ranked list, and the player shows the frames of a selected result. Screenshot:
 * {@code e2e/target/screenshots/real-clips-search.png}.
 */
@ExtendWith(ApplicationExtension.class)
class RealClipsGuiTest {
    private Path home;
    private Path clips;
    private MainViewModel vm;
    private MainWindow window;
    private FxTaskExecutor executor;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        home = Files.createTempDirectory("egolens-e2e-home");
        System.setProperty("egolens.home", home.toString());
        executor = new FxTaskExecutor();
        DialogService dialogs = new DialogService() {
            @Override
            public Optional<Path> chooseDirectory(String title) {
                return Optional.ofNullable(clips);
            }

            @Override
            public Optional<Path> chooseFile(String title, String description, String... patterns) {
                return Optional.empty();
            }

            @Override
            public void showError(String title, String message) {
                throw new AssertionError(title + ": " + message);
            }
        };
        AppContext ctx = new AppContext(new DjlBackend(), executor, dialogs, home, GuiOptions.defaults(),
                new IndexBuildConfig(4, 1, 8, true));
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
        System.clearProperty(ClipVocabularyLocator.PROPERTY);
        try (var s = Files.walk(home)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void openRealClipsSearchAndPlay(FxRobot robot) throws Exception {
        clips = SharedData.require("clips");
        Path vocab = SharedData.require("tokenizer/bpe_simple_vocab_16e6.txt.gz");
        System.setProperty(ClipVocabularyLocator.PROPERTY, vocab.toString());
        int expected = ClipFolder.scan(clips).size();

        robot.clickOn("#openFolderButton");
        waitFor(240, () -> vm.indexProperty().get() != null);
        assertEquals(expected, vm.indexProperty().get().size());
        assertFalse(robot.lookup("#welcomeView").query().isVisible());
        assertFalse(Files.exists(clips.resolve(".egolens")), "read-only shared data must not be written to");

        robot.clickOn("#searchField").write("knead dough").type(KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        ListView<SearchResult> results = robot.lookup("#resultsList").queryAs(ListView.class);
        waitFor(60, () -> !results.getItems().isEmpty());
        List<SearchResult> hits = List.copyOf(results.getItems());
        for (int i = 0; i < hits.size(); i++) {
            assertEquals(i + 1, hits.get(i).rank());
            assertTrue(i == 0 || hits.get(i).score() <= hits.get(i - 1).score());
        }

        Node row = robot.lookup(".result-row").match((ListCell<?> c) -> c.getIndex() == 1).query();
        robot.clickOn(row);
        ClipItem chosen = hits.get(1).clip();
        waitFor(10, () -> chosen.equals(vm.selectedClipProperty().get()));
        ImageView img = robot.lookup("#playerImage").queryAs(ImageView.class);
        waitFor(30, () -> img.getImage() != null && window.player().shownFrameProperty().get() == 0);
        Image first = img.getImage();
        assertTrue(first.getWidth() > 100 && first.getHeight() > 100);
        assertTrue(pixelSpread(first) > 20, "the frame shows picture content, not a blank image");
        Label time = robot.lookup("#playerTime").queryAs(Label.class);
        assertTrue(time.getText().contains("frame 1 / "), time.getText());

        robot.clickOn("#stepForwardButton");
        waitFor(30, () -> window.player().shownFrameProperty().get() == 1 && img.getImage() != first);
        assertTrue(time.getText().contains("frame 2 / "), time.getText());
        screenshot(robot, "real-clips-search.png");
    }

    /** Max minus min luma over a coarse grid of the image, 0–255. */
    private static double pixelSpread(Image image) {
        PixelReader px = image.getPixelReader();
        double lo = 255;
        double hi = 0;
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                javafx.scene.paint.Color c = px.getColor(x, y);
                double l = 255 * (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue());
                lo = Math.min(lo, l);
                hi = Math.max(hi, l);
            }
        }
        return hi - lo;
    }

    private static void waitFor(int seconds, Callable<Boolean> cond) throws TimeoutException {
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
    }
}
