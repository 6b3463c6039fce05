package org.egolens.app.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.egolens.model.data.BarcodeClips;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.SampledClip;
import org.egolens.model.data.VideoInfo;
import org.egolens.viewer.ClipItem;
import org.egolens.viewer.ClipPlayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 10, case 7: on a barcode clip (frame i shows the number i), stepping the player one frame at a time with its
 * buttons shows, for every step k, the same video frame the sampler puts in slot k when it samples the window with one
 * slot per frame; both are read back from the pixels. The player's frames come through {@link FrameLoader} (the
 * application's frame path), its window geometry from {@link ClipItem#of} as the workspace builds it.
 */
@Tag("reliability")
@ExtendWith(ApplicationExtension.class)
class PlayerStepMatchesSamplerFxTest {
    private static final int FRAMES = 40;
    private static final double FPS = 30;

    @TempDir
    Path tmp;
    private final JavaCvVideoSource source = new JavaCvVideoSource(JavaCvVideoSource.Options.singleThreaded());
    private final FrameLoader loader = new FrameLoader(source);
    private ClipPlayer player;

    @Start
    void start(Stage stage) {
        player = new ClipPlayer();
        player.setFrameProvider(loader);
        stage.setScene(new Scene(player, 480, 360));
        stage.show();
    }

    @AfterEach
    void close() {
        loader.close();
    }

    /**
     * Window [0.25, 1.25] s at 30 fps: its edges fall on half frames (7.5 and 37.5); the AVION rule rounds half to
     * even, so the decoder samples frames 8 … 37 (30 frames), not 7 … 36.
     */
    @Test
    void halfFrameEdges(FxRobot robot) throws Exception {
        check(robot, new ClipWindow("half", clip(), 0.25, 1.25), 8, 30);
    }

    /** Window [0.75, 2.0] s of the 1.33 s clip: from frame round(22.5) = 22, clamped at the last frame 39: 18. */
    @Test
    void windowOverhangingTheEnd(FxRobot robot) throws Exception {
        check(robot, new ClipWindow("tail", clip(), 0.75, 2.0), 22, 18);
    }

    private Path clip() throws IOException {
        return BarcodeClips.write(tmp.resolve("barcode.mp4"), FRAMES, 96, 64, FPS);
    }

    private void check(FxRobot robot, ClipWindow w, int first, int count) throws Exception {
        VideoInfo info = source.probe(w.video());
        assertEquals(FRAMES, info.frameCount());

        // the sampler, one slot per frame of the window: slot k holds frame first + k
        SampledClip s = source.sampleClip(w, count, 48, null);
        int[] sampled = new int[count];
        for (int k = 0; k < count; k++) {
            sampled[k] = BarcodeClips.read(s.frames(), 0, k);
            assertEquals(first + k, sampled[k], "sampler slot " + k);
        }

        // the player, as the workspace builds its clip (end resolved to the video's duration)
        ClipItem item = ClipItem.of(w, Math.min(w.endSec(), info.durationSec()), info.fps(), info.frameCount());
        assertEquals(first, item.firstFrame(), "player's first frame");
        assertEquals(count, item.frameCount(), "player's frame count");
        robot.interact(() -> player.setClipItem(item));
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                robot.clickOn("#stepForwardButton");
            }
            assertEquals(sampled[k], shownBarcode(first + k), "player step " + k);
        }
        robot.clickOn("#stepForwardButton"); // at the last frame: stays
        assertEquals(first + count - 1, shownBarcode(first + count - 1));
        for (int k = count - 2; k >= count - 4; k--) {
            robot.clickOn("#stepBackButton");
            assertEquals(sampled[k], shownBarcode(first + k), "player step back to " + k);
        }
    }

    /** Waits until the player shows video frame {@code frame} and reads the number from the image on screen. */
    private int shownBarcode(long frame) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> player.shownFrameProperty().get() == frame);
        WaitForAsyncUtils.waitForFxEvents();
        Image img = player.lookup("#playerImage") instanceof ImageView v ? v.getImage() : null;
        return BarcodeClips.read(SwingFXUtils.fromFXImage(img, null));
    }
}
