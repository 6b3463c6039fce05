package org.egolens.app.ui.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.egolens.app.GuiOptions;
import org.egolens.app.ProbeBackend;
import org.egolens.app.TestClips;
import org.egolens.app.task.FxTaskExecutor;
import org.egolens.app.ui.AppContext;
import org.egolens.app.ui.DialogService;
import org.egolens.app.ui.MainViewModel;
import org.egolens.app.ui.MainWindow;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.inspect.AttentionMaps;
import org.egolens.model.inspect.HeadSelection;
import org.egolens.model.inspect.PatchMap;
import org.egolens.model.inspect.QueryToken;
import org.egolens.model.nn.RopeMode;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.viewer.attention.AttentionView;
import org.egolens.viewer.attention.StripLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Attention and RoPE tabs in the main window, with the fake video backend and the real tiny EVA02-AT model (random
 * init): open a clip's attention, change layer and head, click a patch, export. Saves screenshots to
 * {@code target/screenshots/}.
 */
@ExtendWith(ApplicationExtension.class)
class AttentionTabFxTest {
    private final ProbeBackend backend = new ProbeBackend(1L << 30);
    private final List<String> errors = new ArrayList<>();
    private Path tmp;
    private Path exports;
    private MainViewModel vm;
    private AttentionTabs tabs;
    private FxTaskExecutor executor;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        tmp = Files.createTempDirectory("egolens-attn-fx");
        exports = tmp.resolve("exports");
        Path home = Files.createDirectories(tmp.resolve("home"));
        executor = new FxTaskExecutor();
        DialogService dialogs = new DialogService() {
            @Override
            public Optional<Path> chooseDirectory(String title) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> chooseFile(String title, String description, String... patterns) {
                return Optional.empty();
            }

            @Override
            public void showError(String title, String message) {
                errors.add(title + ": " + message);
            }
        };
        AppContext ctx = new AppContext(backend, executor, dialogs, home, GuiOptions.defaults(),
                new IndexBuildConfig(2, 1, 4, true));
        vm = new MainViewModel(ctx);
        MainWindow window = new MainWindow(vm);
        tabs = AttentionTabs.install(window, vm, ctx, (title, name) -> Optional.of(exports.resolve(name)));
        stage.setScene(new Scene(window.root(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() throws IOException {
        tabs.close();
        vm.close();
        executor.close();
        try (var s = Files.walk(tmp)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void layerHeadAndPatchClicksChangeTheOverlay(FxRobot robot) throws Exception {
        AttentionView view = tabs.attentionView();
        openClip(robot, 400);
        // the capture runs in the background with a progress indicator
        waitFor(10, () -> view.busyProperty().get());
        assertTrue(robot.lookup("#attentionProgress").query().isVisible());
        waitFor(60, () -> !view.busyProperty().get() && view.renderedProperty().get() != null);
        assertEquals(List.of(), errors);
        AttentionMaps maps = view.mapsProperty().get();
        assertEquals(2, maps.layers());
        assertEquals(HeadSelection.ROLLOUT, view.selectionProperty().get());
        assertEquals(1, view.layerProperty().get(), "the last layer first");
        assertEquals(QueryToken.CLS, view.queryProperty().get());
        assertMapShown(view, maps, 1, HeadSelection.ROLLOUT, QueryToken.CLS);
        screenshot(robot, "attention-view.png");
        int[] rollout = pixels(view.renderedProperty().get());

        robot.clickOn("#attentionLayer").clickOn("layer 0");
        waitFor(5, () -> view.layerProperty().get() == 0);
        int[] layer0 = pixels(view.renderedProperty().get());
        assertFalse(java.util.Arrays.equals(rollout, layer0), "changing the layer changes the overlay");
        assertMapShown(view, maps, 0, HeadSelection.ROLLOUT, QueryToken.CLS);

        robot.clickOn("#attentionHead").clickOn("head 1");
        waitFor(5, () -> HeadSelection.head(1).equals(view.selectionProperty().get()));
        int[] head1 = pixels(view.renderedProperty().get());
        assertFalse(java.util.Arrays.equals(layer0, head1), "changing the head changes the overlay");
        assertMapShown(view, maps, 0, HeadSelection.head(1), QueryToken.CLS);

        QueryToken patch = QueryToken.patch(2, 1, 3);
        robot.clickOn(screenPoint(robot, view, patch));
        waitFor(5, () -> patch.equals(view.queryProperty().get()));
        int[] clicked = pixels(view.renderedProperty().get());
        assertFalse(java.util.Arrays.equals(head1, clicked), "a new query changes the overlay");
        assertMapShown(view, maps, 0, HeadSelection.head(1), patch);
        assertEquals(1, backend.probes.size(), "the tiny model captured every row: no second forward pass");
        screenshot(robot, "attention-view-patch.png");

        robot.clickOn("#attentionExport");
        Path png = exports.resolve("attention-" + vm.selectedClipProperty().get().clipId() + ".png");
        waitFor(5, () -> Files.isRegularFile(png));
        BufferedImage exported = ImageIO.read(png.toFile());
        assertArrayEquals(clicked, pixels(exported));

        robot.clickOn("#ropeTab");
        waitFor(5, () -> robot.lookup("#ropeSimilarity").query().isVisible());
        var shares = tabs.ropeView().interactionShares();
        assertTrue(shares.get(RopeMode.ST) > 0.05, "ST couples Δt and Δh: " + shares);
        assertEquals(0, shares.get(RopeMode.SPLIT3D), 1e-9);
        screenshot(robot, "rope-view.png");
        robot.clickOn("#ropeExport");
        waitFor(5, () -> Files.isRegularFile(exports.resolve("rope.png")));
        assertTrue(ImageIO.read(exports.resolve("rope.png").toFile()).getWidth() > 800);
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(png, Path.of("target", "screenshots", "attention-export.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(exports.resolve("rope.png"), Path.of("target", "screenshots", "rope-export.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A model too large to keep every head row: a per-head map of another query triggers a second capture. */
    @Test
    void largeModelsCaptureAgainForAnotherQuery(FxRobot robot) throws Exception {
        backend.maxBytes = 100_000; // tiny needs 169 kB for everything, 36 kB for one query's rows + head means
        AttentionView view = tabs.attentionView();
        openClip(robot, 0);
        waitFor(60, () -> !view.busyProperty().get() && view.renderedProperty().get() != null);
        assertFalse(view.mapsProperty().get().capture().request().allRows());
        robot.interact(() -> view.selectionProperty().set(HeadSelection.head(2)));
        AttentionMaps first = view.mapsProperty().get();
        assertMapShown(view, first, 1, HeadSelection.head(2), QueryToken.CLS);

        QueryToken patch = QueryToken.patch(0, 3, 0);
        robot.clickOn(screenPoint(robot, view, patch));
        waitFor(60, () -> view.mapsProperty().get() != first && !view.busyProperty().get()
                && view.shownMapProperty().get() != null && patch.equals(view.shownMapProperty().get().query()));
        AttentionMaps second = view.mapsProperty().get();
        assertTrue(second.capture().hasRow(second.grid().index(patch)));
        assertMapShown(view, second, 1, HeadSelection.head(2), patch);
        assertEquals(List.of(), errors);
    }

    private void openClip(FxRobot robot, long decodeDelayMillis) throws Exception {
        Path clips = TestClips.write(tmp.resolve("clips"));
        robot.interact(() -> vm.openWorkspace(WorkspaceSpec.folder(clips)));
        waitFor(20, () -> !vm.clips().isEmpty());
        backend.fake.source.setSampleDelayMillis(decodeDelayMillis);
        robot.interact(() -> vm.selectedClipProperty().set(vm.clips().get(0)));
        robot.clickOn("#attentionTab");
    }

    /** The view shows the map of the capture for this layer, selection and query. */
    private static void assertMapShown(AttentionView view, AttentionMaps maps, int layer, HeadSelection s, QueryToken q) {
        PatchMap shown = view.shownMapProperty().get();
        assertNotNull(shown);
        assertEquals(q, shown.query());
        float[] row = maps.row(layer, s, q);
        assertEquals(row[0], shown.clsWeight());
        assertArrayEquals(java.util.Arrays.copyOfRange(row, 1, row.length), shown.values());
    }

    /** Screen point of the centre of a patch in the strip. */
    private static Point2D screenPoint(FxRobot robot, AttentionView view, QueryToken q) {
        ImageView iv = robot.lookup("#attentionImage").queryAs(ImageView.class);
        Bounds b = iv.localToScreen(iv.getBoundsInLocal());
        StripLayout lay = view.stripLayout();
        double scale = b.getWidth() / view.renderedProperty().get().getWidth();
        double cell = (double) lay.tile() / lay.grid();
        double x = lay.tileX(q.t()) + (q.w() + 0.5) * cell;
        double y = lay.top() + (q.h() + 0.5) * cell;
        return new Point2D(b.getMinX() + x * scale, b.getMinY() + y * scale);
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
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
