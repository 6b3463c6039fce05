package org.egolens.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.SamplingPlan;
import org.junit.jupiter.api.Test;

class PlayerPositionTest {
    /** Window 2.5–4.0 s of a 30 fps, 300-frame video: frames 75 … 119. */
    private final ClipItem clip = ClipItem.of(new ClipWindow("c", Path.of("v.mp4"), 2.5, 4.0), 4.0, 30, 300);

    @Test
    void windowGeometry() {
        assertEquals(75, clip.firstFrame());
        assertEquals(45, clip.frameCount());
        ClipItem tail = ClipItem.of(new ClipWindow("t", Path.of("v.mp4"), 9.5, 12.0), 12.0, 30, 300);
        assertEquals(285, tail.firstFrame());
        assertEquals(15, tail.frameCount(), "capped at the video's last frame");
    }

    @Test
    void windowFramesAreTheFramesTheSamplerUses() {
        // 40 frames at 30 fps; edges on half frames round half to even, as the decoder's AVION rule does
        double[][] windows = {{0.25, 1.25}, {0.75, 2.0}, {0.05, 0.15}, {1.0 / 30, 0.034}, {1.3, 1.5}};
        for (double[] t : windows) {
            ClipWindow w = new ClipWindow("w", Path.of("v.mp4"), t[0], t[1]);
            ClipItem item = ClipItem.of(w, Math.min(t[1], 40 / 30.0), 30, 40);
            SamplingPlan plan = SamplingPlan.avion(w, 30, 40, 1, null);
            String where = "window " + t[0] + "\u2013" + t[1] + " s";
            assertEquals(plan.startFrame(), item.firstFrame(), where);
            assertEquals(plan.endFrame() - plan.startFrame(), item.frameCount(), where);
        }
        ClipItem half = ClipItem.of(new ClipWindow("h", Path.of("v.mp4"), 0.25, 1.25), 1.25, 30, 40);
        assertEquals(8, half.firstFrame(), "round(7.5) = 8 (half to even), not floor = 7");
        assertEquals(30, half.frameCount(), "round(37.5) - 8 = 38 - 8");
    }

    @Test
    void stepsSeeksAndLabels() {
        PlayerPosition p = new PlayerPosition(clip);
        assertEquals(75, p.videoFrame());
        assertEquals("0:00.000 / 0:01.500  \u00b7  frame 1 / 45", p.label());
        assertTrue(p.step(1));
        assertEquals(76, p.videoFrame());
        assertEquals(1 / 30.0, p.timeSec(), 1e-12);
        assertEquals("0:00.033 / 0:01.500  \u00b7  frame 2 / 45", p.label());
        assertFalse(p.step(-5) && p.offset() != 0);
        assertEquals(0, p.offset());
        assertFalse(p.step(-1), "clamped at the first frame");
        assertTrue(p.seekTime(1.0));
        assertEquals(30, p.offset());
        assertTrue(p.seekFrame(1000));
        assertTrue(p.atEnd());
        assertEquals(119, p.videoFrame());
        assertFalse(p.step(1));
    }

    @Test
    void unreadableClipsCannotBePlayed() {
        ClipItem bad = ClipItem.unreadable(ClipWindow.whole("x", Path.of("x.mp4")), "corrupt");
        assertThrows(IllegalArgumentException.class, () -> new PlayerPosition(bad));
        assertTrue(Double.isNaN(bad.durationSec()));
        assertThrows(IllegalStateException.class, bad::window);
    }

    @Test
    void formats() {
        assertEquals("1:02:03.250", Formats.clock(3723.25));
        assertEquals("0:09.999", Formats.clock(9.9994));
        assertEquals("--", Formats.clock(Double.NaN));
        assertEquals("4.1 s", Formats.duration(4.1));
        assertEquals("2:05", Formats.duration(125));
        assertEquals("12.40\u201315.10 s", Formats.window(12.4, 15.1));
    }
}
