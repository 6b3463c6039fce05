package org.egolens.model.data.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reversing the frames of a clip of one verb of a mirror pair gives exactly the clip that the generator produces for the
 * mirror verb (same seed, same nouns), at the level of scene states and of rendered pixels.
 */
class MirrorReversalTest {
    private static final int T = 30;

    /** Mirror narrations written out by hand, independent of {@link Action#mirror()}. */
    private static final Map<String, String> MIRROR_WORDS = Map.ofEntries(
            Map.entry("pick up cup", "put down cup"), Map.entry("put cup on plate", "take cup off plate"),
            Map.entry("take lid off pan", "put lid on pan"), Map.entry("put spoon in bowl", "take spoon out of bowl"),
            Map.entry("take knife out of pan", "put knife in pan"), Map.entry("open box", "close box"),
            Map.entry("close bottle", "open bottle"), Map.entry("push plate left", "push plate right"),
            Map.entry("rotate knife clockwise", "rotate knife anticlockwise"),
            Map.entry("slide bowl towards me", "slide bowl away"), Map.entry("slide box away", "slide box towards me"));

    private static List<SceneState> states(ClipSpec spec) {
        List<SceneState> out = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            out.add(SceneModel.at(spec, ClipTime.ofFrame(t, T)));
        }
        return out;
    }

    @Test
    void reversedStatesEqualTheGeneratorsMirrorClipForEveryLabel() {
        int checked = 0;
        for (ClipLabel label : ActionCatalog.all()) {
            for (long seed = 1; seed <= 3; seed++) {
                KitchenStyle style = ClipSampler.style(11, (int) seed);
                ClipSpec spec = ClipSampler.sample(label, style, seed * 1000 + label.hashCode());
                ClipSpec mirror = ClipSampler.sample(label.mirror(), style, seed * 1000 + label.hashCode());
                assertEquals(label.mirror(), mirror.label());
                assertEquals(spec, mirror.mirror());
                List<SceneState> fwd = states(spec);
                List<SceneState> back = states(mirror);
                for (int t = 0; t < T; t++) {
                    assertEquals(fwd.get(t), back.get(T - 1 - t), label.narration() + " frame " + t);
                }
                assertTrue(ActionContract.violations(mirror).isEmpty(), () -> label.narration() + ": "
                        + ActionContract.violations(mirror));
                // the clip is not its own reverse: order matters
                assertFalse(fwd.get(0).equals(fwd.get(T - 1)), label.narration() + " starts as it ends");
                checked++;
            }
        }
        assertEquals(ActionCatalog.all().size() * 3, checked);
    }

    @Test
    void mirrorLabelsMatchHandWrittenMirrorNarrations() {
        for (Map.Entry<String, String> e : MIRROR_WORDS.entrySet()) {
            ClipLabel label = ActionCatalog.all().stream().filter(l -> l.narration().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError("no label '" + e.getKey() + "'"));
            assertEquals(e.getValue(), label.mirror().narration());
            assertEquals(label.verbClass() ^ 1, label.mirror().verbClass());
        }
        for (VerbClass v : VerbClass.values()) {
            assertEquals(v, v.mirror().mirror());
            assertTrue(v != v.mirror());
        }
    }

    @Test
    void reversedFramesArePixelIdenticalToTheMirrorClip() {
        SceneRenderer r = new SceneRenderer(64);
        String[] narrations = {"pick up bowl", "put cup on plate", "take spoon out of bowl", "open box",
            "close bottle", "push pan left", "rotate knife anticlockwise", "slide plate away"};
        for (String n : narrations) {
            ClipLabel label = ActionCatalog.all().stream().filter(l -> l.narration().equals(n)).findFirst()
                    .orElseThrow();
            KitchenStyle style = ClipSampler.style(5, 3);
            ClipSpec spec = ClipSampler.sample(label, style, 99);
            ClipSpec mirror = ClipSampler.sample(label.mirror(), style, 99);
            List<SceneRenderer.Frame> fwd = r.renderClip(spec, T);
            List<SceneRenderer.Frame> back = r.renderClip(mirror, T);
            for (int t = 0; t < T; t++) {
                assertArrayEquals(bytes(fwd.get(t).image()), bytes(back.get(T - 1 - t).image()), n + " frame " + t);
                assertEquals(fwd.get(t).boxes(), back.get(T - 1 - t).boxes(), n + " boxes of frame " + t);
            }
            assertFalse(java.util.Arrays.equals(bytes(fwd.get(0).image()), bytes(fwd.get(T - 1).image())),
                    n + ": first and last frame are the same");
        }
    }

    @Test
    void directionalVerbsMoveTheActedObjectsBoxTheNamedWay() {
        SceneRenderer r = new SceneRenderer(96);
        for (long seed = 1; seed <= 6; seed++) {
            for (Action a : new Action[] {Action.PUSH_LEFT, Action.PUSH_RIGHT, Action.SLIDE_TOWARDS,
                Action.SLIDE_AWAY, Action.PICK_UP, Action.PUT_DOWN}) {
                ClipLabel label = ActionCatalog.labels(a).get((int) (seed % ActionCatalog.labels(a).size()));
                ClipSpec spec = ClipSampler.sample(label, ClipSampler.style(3, (int) seed), seed);
                PixelBox first = acted(r.render(spec, SceneModel.at(spec, ClipTime.ofFrame(0, T))));
                PixelBox last = acted(r.render(spec, SceneModel.at(spec, ClipTime.ofFrame(T - 1, T))));
                String what = label.narration() + " seed " + seed;
                switch (a) {
                    case PUSH_LEFT -> assertTrue(last.cx() < first.cx() - 5, what);
                    case PUSH_RIGHT -> assertTrue(last.cx() > first.cx() + 5, what);
                    // towards the wearer = lower in the frame and bigger
                    case SLIDE_TOWARDS -> assertTrue(last.cy() > first.cy() + 5 && area(last) > area(first), what);
                    case SLIDE_AWAY -> assertTrue(last.cy() < first.cy() - 5 && area(last) < area(first), what);
                    // lifted towards the eye = bigger
                    case PICK_UP -> assertTrue(area(last) > 1.3 * area(first), what);
                    case PUT_DOWN -> assertTrue(area(first) > 1.3 * area(last), what);
                    default -> throw new AssertionError(a);
                }
            }
        }
    }

    private static double area(PixelBox b) {
        return b.width() * b.height();
    }

    private static PixelBox acted(SceneRenderer.Frame f) {
        return f.boxes().objects().stream().filter(o -> o.role() == FrameBoxes.Role.ACTED).findFirst().orElseThrow()
                .box();
    }

    static byte[] bytes(BufferedImage img) {
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }
}
