package org.egolens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.controlsfx.control.GridView;
import org.egolens.app.settings.EgoLensHome;
import org.egolens.app.workspace.DemoWorkspace;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.data.demo.VerbClass;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.egolens.viewer.ClipItem;
import org.egolens.viewer.ClipPlayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Acceptance: the real application (default backend: EVA02-AT {@code tiny} in DJL, JavaCV decoding) started with an
 * empty profile generates the small demo workspace with visible progress, opens and indexes its test split, shows
 * narrations, filters the clip grid by a verb and plays a clip. Saves {@code target/screenshots/demo-generating.png},
 * {@code demo-workspace.png}, {@code demo-filtered.png} and a contact sheet of decoded frames of every demo verb,
 * {@code demo-verbs.png}.
 */
class FirstStartDemoFxTest {
    private final FxRobot robot = new FxRobot();
    private Path tmp;
    private Path home;
    private Stage stage;
    private javafx.application.Application app;

    @BeforeEach
    void startTheApplication() throws Exception {
        tmp = Files.createTempDirectory("egolens-first-start");
        home = tmp.resolve("profile"); // does not exist yet: an empty profile
        System.setProperty(EgoLensHome.PROPERTY, home.toString());
        System.setProperty(DemoWorkspace.SIZE_PROPERTY, "small");
        stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(EgoLensApp.class);
    }

    @AfterEach
    void stopTheApplication() throws Exception {
        FxToolkit.cleanupApplication(app);
        robot.interact(() -> stage.setScene(null));
        System.clearProperty(EgoLensHome.PROPERTY);
        System.clearProperty(DemoWorkspace.SIZE_PROPERTY);
        try (var s = Files.walk(tmp)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void emptyProfileGeneratesOpensFiltersAndPlaysTheDemo() throws Exception {
        long t0 = System.nanoTime();
        // generation started at once, with its progress in the welcome view and the status bar
        assertTrue(robot.lookup("#welcomeView").query().isVisible());
        waitFor(10, () -> robot.lookup("#demoProgressView").query().isVisible()
                || robot.lookup("#mainTabs").query().isVisible());
        if (robot.lookup("#demoProgressView").query().isVisible()) {
            waitFor(20, () -> label("#statusMessage").startsWith("Generating the demo workspace: rendered")
                    || !robot.lookup("#demoProgressView").query().isVisible());
            screenshot("demo-generating.png");
        }

        Path demo = home.resolve(DemoWorkspace.FOLDER);
        waitFor(90, () -> label("#indexState").contains("clips indexed"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(DemoWorkspace.isReady(demo));
        assertTrue(Files.isRegularFile(demo.resolve("bpe_vocab.txt.gz")));
        assertFalse(robot.lookup("#welcomeView").query().isVisible());
        List<Ek100Clip> test = Ek100Csv.readClips(DemoDataset.retrievalCsv(demo, "test", false));
        assertEquals(12, test.size());
        GridView<ClipItem> grid = robot.lookup("#clipGrid").queryAs(GridView.class);
        assertEquals(test.stream().map(Ek100Clip::narrationId).toList(), grid.getItems().stream()
                .map(ClipItem::clipId).toList());
        assertEquals("demo-workspace \u00b7 test", label("#workspaceName"));
        assertTrue(label("#modelBadge").contains("untrained"), label("#modelBadge"));
        assertTrue(label("#indexState").startsWith("12 clips indexed"), label("#indexState"));

        // narrations on the cards
        waitFor(10, () -> robot.lookup(".clip-name").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().equals(test.get(0).narration())));

        // select the first clip: what the README shows
        robot.clickOn(card(grid.getItems().get(0)));
        waitFor(10, () -> label("#playerTitle").equals(test.get(0).narration())
                && robot.lookup("#playerImage").queryAs(ImageView.class).getImage() != null);
        waitFor(10, () -> robot.lookup(".clip-card").queryAll().size() >= 6);
        screenshot("demo-workspace.png");

        // text search works offline with the demo's own vocabulary (scores of the untrained model are meaningless)
        robot.clickOn("#searchField").write("pick up cup").type(javafx.scene.input.KeyCode.ENTER);
        waitFor(20, () -> robot.lookup("#resultsList").queryAs(javafx.scene.control.ListView.class).getItems()
                .size() == 12);

        // filter by the most frequent verb of the test split (ties: alphabetical)
        Map<String, List<String>> byVerb = new TreeMap<>();
        test.forEach(c -> byVerb.computeIfAbsent(c.verb(), v -> new ArrayList<>()).add(c.narrationId()));
        String verb = byVerb.entrySet().stream().max(Comparator.<Map.Entry<String, List<String>>>comparingInt(
                e -> e.getValue().size()).thenComparing(Map.Entry::getKey, Comparator.reverseOrder())).get().getKey();
        List<String> expected = byVerb.get(verb);
        robot.clickOn("#verbFilter");
        robot.clickOn(verb + "  (" + expected.size() + ")");
        waitFor(5, () -> grid.getItems().size() == expected.size());
        assertEquals(expected, grid.getItems().stream().map(ClipItem::clipId).toList());
        assertTrue(grid.getItems().stream().allMatch(c -> c.annotation().verb().equals(verb)));
        assertEquals(expected.size() + " of 12", label("#clipFilterCount"));

        // play the first filtered clip: frames advance and the picture changes
        ClipItem chosen = grid.getItems().get(0);
        robot.clickOn(card(chosen));
        ClipPlayer player = robot.lookup(".clip-player").queryAs(ClipPlayer.class);
        try {
            waitFor(10, () -> chosen.equals(player.getClipItem()) && player.shownFrameProperty().get() == chosen.firstFrame()
                    && robot.lookup("#playerImage").queryAs(ImageView.class).getImage() != null);
        } catch (TimeoutException e) {
            screenshot("debug-select.png");
            throw new AssertionError("player shows " + player.getClipItem() + " frame " + player.shownFrameProperty()
                    .get() + ", wanted " + chosen, e);
        }
        assertEquals(chosen.annotation().narration(), label("#playerTitle"));
        BufferedImage first = SwingFXUtils.fromFXImage(robot.lookup("#playerImage").queryAs(ImageView.class)
                .getImage(), null);
        robot.clickOn("#playButton");
        // shownFrame is the video frame index; the clip's frames are firstFrame … firstFrame + frameCount − 1
        waitFor(10, () -> player.shownFrameProperty().get() - chosen.firstFrame() >= chosen.frameCount() / 2);
        assertTrue(player.playingProperty().get()
                || player.shownFrameProperty().get() == chosen.firstFrame() + chosen.frameCount() - 1);
        BufferedImage later = SwingFXUtils.fromFXImage(robot.lookup("#playerImage").queryAs(ImageView.class)
                .getImage(), null);
        assertTrue(meanAbsDiff(first, later) > 1.0, "the hand and object move between frames");
        if (player.playingProperty().get()) {
            robot.clickOn("#playButton");
        }
        screenshot("demo-filtered.png");

        System.out.printf("first start to indexed demo: %.1f s%n", seconds);
        contactSheet(demo);
    }

    /** One row per verb of the demo (train and test): 6 frames across its first clip, decoded from the mp4. */
    private void contactSheet(Path demo) throws IOException {
        List<Ek100Clip> all = new ArrayList<>(Ek100Csv.readClips(DemoDataset.retrievalCsv(demo, "train", false)));
        all.addAll(Ek100Csv.readClips(DemoDataset.retrievalCsv(demo, "test", false)));
        Map<String, Ek100Clip> firstOfVerb = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparing(Ek100Clip::verbClass).thenComparing(Ek100Clip::verb))
                .forEach(c -> firstOfVerb.putIfAbsent(c.verb(), c));
        // the demo's verb classes come in balanced rounds, so 24 training clips hold every class
        assertEquals(VerbClass.values().length, all.stream().map(Ek100Clip::verbClass).distinct().count());
        int cols = 6;
        int cell = 128;
        int labelW = 290;
        BufferedImage sheet = new BufferedImage(labelW + cols * (cell + 4), firstOfVerb.size() * (cell + 6) + 6,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(21, 23, 28));
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        JavaCvVideoSource src = new JavaCvVideoSource();
        int row = 0;
        for (Ek100Clip c : firstOfVerb.values()) {
            int y = 6 + row * (cell + 6);
            g.setColor(new Color(169, 199, 255));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(c.verb(), 10, y + 36);
            g.setColor(new Color(228, 231, 236));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString("\u201c" + c.narration() + "\u201d", 10, y + 58);
            g.setColor(new Color(139, 147, 161));
            g.drawString("verb class " + VerbClass.ofClass(c.verbClass()).key(), 10, y + 78);
            g.drawString(c.narrationId() + ", frames " + c.startFrame() + "\u2013" + c.stopFrame() + " (1-based)", 10,
                    y + 96);
            Path video = DemoDataset.videoFile(demo, c.participantId(), c.videoId());
            for (int k = 0; k < cols; k++) {
                long index = c.startFrame() - 1 + Math.round((double) k * (c.stopFrame() - c.startFrame()) / (cols - 1));
                BufferedImage f = src.frameByIndex(video, index);
                g.drawImage(f, labelW + k * (cell + 4), y, cell, cell, null);
            }
            g.setColor(new Color(45, 50, 61));
            g.setStroke(new BasicStroke(1));
            g.drawLine(0, y + cell + 3, sheet.getWidth(), y + cell + 3);
            row++;
        }
        g.dispose();
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(sheet, "png", dir.resolve("demo-verbs.png").toFile());
        assertTrue(firstOfVerb.size() >= VerbClass.values().length, firstOfVerb.keySet().toString());
    }

    /** The visible card showing {@code item} (virtualised grids keep spare cards with stale items off screen). */
    private Node card(ClipItem item) throws TimeoutException {
        waitFor(5, () -> visibleCard(item) != null);
        return visibleCard(item);
    }

    private Node visibleCard(ClipItem item) {
        Node grid = robot.lookup("#clipGrid").query();
        javafx.geometry.Bounds view = grid.localToScene(grid.getLayoutBounds());
        return robot.lookup(".clip-card").queryAll().stream()
                .filter(n -> n instanceof org.controlsfx.control.GridCell<?> c && item.equals(c.getItem())
                        && n.isVisible() && view.contains(n.localToScene(n.getLayoutBounds()).getCenterX(),
                        n.localToScene(n.getLayoutBounds()).getCenterY()))
                .findFirst().orElse(null);
    }

    private String label(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    sum += Math.abs(((p >> s) & 255) - ((q >> s) & 255));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    private static void waitFor(int seconds, Callable<Boolean> cond) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return cond.call();
        });
    }

    private void screenshot(String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        Image shot = robot.capture(stage.getScene().getRoot()).getImage();
        BufferedImage bi = SwingFXUtils.fromFXImage(shot, null);
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(bi, "png", dir.resolve(name).toFile());
        assertNotEquals(0, bi.getWidth());
    }
}
