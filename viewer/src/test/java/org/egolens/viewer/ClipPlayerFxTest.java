package org.egolens.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.egolens.model.data.ClipWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The player against a frame provider whose decodes the test completes by hand. */
@ExtendWith(ApplicationExtension.class)
class ClipPlayerFxTest {
    /** Records requests; each completes when the test says so. */
    static final class ManualFrames implements FrameProvider {
        final List<Long> requested = new ArrayList<>();
        final List<CompletableFuture<Image>> pending = new ArrayList<>();

        @Override
        public CompletionStage<Image> frame(ClipItem clip, long frameIndex) {
            requested.add(frameIndex);
            CompletableFuture<Image> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }
    }

    private final ManualFrames frames = new ManualFrames();
    private ClipPlayer player;
    /** 10 fps, window 1.0–2.0 s → video frames 10 … 19. */
    private final ClipItem clip = ClipItem.of(new ClipWindow("c", Path.of("v.mp4"), 1.0, 2.0), 2.0, 10, 100);

    @Start
    void start(Stage stage) {
        player = new ClipPlayer();
        player.setFrameProvider(frames);
        stage.setScene(new Scene(player, 640, 420));
        stage.show();
    }

    @Test
    void latestRequestWinsWhileADecodeIsInFlight(FxRobot robot) {
        robot.interact(() -> player.setClipItem(clip));
        assertEquals(List.of(10L), frames.requested);
        // three steps while frame 10 is still decoding: nothing new is requested yet
        robot.clickOn("#stepForwardButton").clickOn("#stepForwardButton").clickOn("#stepForwardButton");
        assertEquals(List.of(10L), frames.requested);
        Label time = robot.lookup("#playerTime").queryAs(Label.class);
        assertEquals("0:00.300 / 0:01.000  \u00b7  frame 4 / 10", time.getText());

        Image f10 = new WritableImage(4, 3);
        robot.interact(() -> frames.pending.get(0).complete(f10));
        WaitForAsyncUtils.waitForFxEvents();
        // frame 10 is shown, then only the newest request (13) is decoded; 11 and 12 are skipped
        assertEquals(List.of(10L, 13L), frames.requested);
        ImageView view = robot.lookup("#playerImage").queryAs(ImageView.class);
        assertSame(f10, view.getImage());
        Image f13 = new WritableImage(4, 3);
        robot.interact(() -> frames.pending.get(1).complete(f13));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(f13, view.getImage());
        assertEquals(13, player.shownFrameProperty().get());
    }

    @Test
    void playRunsToTheLastFrameAndStopsAndTheSliderSeeks(FxRobot robot) throws Exception {
        FrameProvider instant = (c, i) -> CompletableFuture.completedFuture(new WritableImage(4, 3));
        robot.interact(() -> {
            player.setFrameProvider(instant);
            player.setClipItem(clip);
        });
        robot.clickOn("#playButton");
        assertTrue(player.playingProperty().get());
        // 10 frames at 10 fps: about one second to the end, then playback stops by itself
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> !player.playingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(9, player.currentOffset());
        assertEquals(19, player.shownFrameProperty().get());
        javafx.scene.control.Slider slider = robot.lookup("#playerSlider").queryAs(javafx.scene.control.Slider.class);
        robot.interact(() -> slider.setValue(0.55));
        assertEquals(5, player.currentOffset(), "floor(0.55 s × 10 fps)");
        assertEquals(15, player.shownFrameProperty().get());
        assertEquals("0:00.500 / 0:01.000  \u00b7  frame 6 / 10",
                robot.lookup("#playerTime").queryAs(Label.class).getText());
    }

    @Test
    void aNewClipDropsStaleFrames(FxRobot robot) {
        robot.interact(() -> player.setClipItem(clip));
        ClipItem other = ClipItem.of(new ClipWindow("d", Path.of("w.mp4"), 0, 1), 1, 10, 10);
        robot.interact(() -> player.setClipItem(other));
        robot.interact(() -> frames.pending.get(0).complete(new WritableImage(2, 2)));
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(robot.lookup("#playerImage").queryAs(ImageView.class).getImage(), "frame of the old clip ignored");
        assertEquals(List.of(10L, 0L), frames.requested);
        robot.interact(() -> frames.pending.get(1).completeExceptionally(new java.io.IOException("boom")));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".placeholder").queryAs(Label.class).getText().contains("boom"));
        robot.interact(() -> player.setClipItem(null));
        assertEquals("--", robot.lookup("#playerTime").queryAs(Label.class).getText());
    }
}
