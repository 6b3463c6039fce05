package org.egolens.model.data.demo;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a {@link SceneState} as one square RGB frame with Java 2D (antialiased): wall, textured table in perspective,
 * shadows, objects (lowest first, far before near), then the arms and hands. Also returns the frame's boxes of every
 * object and hand. Rendering is a pure function of (state, style, size), so the same state gives the same pixels on
 * any thread. Instances are thread-safe.
 */
public final class SceneRenderer {
    private final int size;
    private final ObjectPainter painter;
    private final Map<KitchenStyle, BufferedImage> textures = new ConcurrentHashMap<>();

    /**
     * @param size frame side, pixels (≥ 16)
     * @throws IllegalArgumentException for a smaller size
     */
    public SceneRenderer(int size) {
        if (size < 16) {
            throw new IllegalArgumentException("frame size " + size + " px is too small (need >= 16)");
        }
        this.size = size;
        this.painter = new ObjectPainter(size);
    }

    /** Frame side, pixels. */
    public int size() {
        return size;
    }

    /**
     * A rendered frame.
     *
     * @param image {@code size × size} {@link BufferedImage#TYPE_3BYTE_BGR} pixels
     * @param boxes where the objects and hands are
     */
    public record Frame(BufferedImage image, FrameBoxes boxes) {}

    /**
     * Renders one frame.
     *
     * @param spec  the clip (objects' roles and the kitchen)
     * @param state the scene at this instant, from {@link SceneModel#at}
     * @return pixels and boxes
     */
    public Frame render(ClipSpec spec, SceneState state) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            AffineTransform cam = new AffineTransform();
            cam.translate(size / 2.0 + state.camDx() * size, size / 2.0 + state.camDy() * size);
            cam.rotate(state.camRot());
            cam.translate(-size / 2.0, -size / 2.0);
            Canvas c = new Canvas(g, cam);
            KitchenStyle style = spec.style();
            background(c, style);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < state.objects().size(); i++) {
                order.add(i);
                SceneState.ObjectState o = state.objects().get(i);
                painter.shadow(c, o.noun(), o.pose());
            }
            order.sort(Comparator.<Integer>comparingDouble(i -> Math.abs(state.objects().get(i).pose().h()))
                    .thenComparingDouble(i -> -state.objects().get(i).pose().y()));
            Rectangle2D[] objectBounds = new Rectangle2D[state.objects().size()];
            for (int i : order) {
                SceneState.ObjectState o = state.objects().get(i);
                c.shade(o.pose().h() < 0 ? 0.72 : 1);
                c.startRecording();
                painter.paint(c, o.noun(), o.pose());
                objectBounds[i] = c.recorded();
                c.shade(1);
            }
            Rectangle2D[] handBounds = new Rectangle2D[state.hands().size()];
            for (int i = 0; i < state.hands().size(); i++) {
                handBounds[i] = hand(c, state.hands().get(i), style);
            }
            return new Frame(img, boxes(spec, state, objectBounds, handBounds));
        } finally {
            g.dispose();
        }
    }

    /**
     * Renders every frame of a clip: frame t shows {@link SceneModel#at}(spec, {@link ClipTime#ofFrame}(t, frames)).
     *
     * @param spec   the clip
     * @param frames T, frames in the clip (≥ 2)
     * @return T frames in time order
     */
    public List<Frame> renderClip(ClipSpec spec, int frames) {
        List<Frame> out = new ArrayList<>(frames);
        for (int t = 0; t < frames; t++) {
            out.add(render(spec, SceneModel.at(spec, ClipTime.ofFrame(t, frames))));
        }
        return out;
    }

    private void background(Canvas c, KitchenStyle style) {
        double far = TableTexture.farEdgeV() * size;
        double m = TableTexture.MARGIN * size;
        Graphics2D g = c.graphics();
        g.setPaint(new java.awt.GradientPaint(0, (float) (-m), Canvas.color(Canvas.scale(style.wallColor(), 0.8), 255),
                0, (float) far, Canvas.color(style.wallColor(), 255)));
        g.fill(new Rectangle2D.Double(-m, -m, size + 2 * m, far + m + 1));
        BufferedImage tex = textures.computeIfAbsent(style, s -> TableTexture.create(s, size));
        g.drawImage(tex, (int) Math.round(-m), (int) Math.round(far), null);
        // the table's back edge
        c.fillUnrecorded(new Rectangle2D.Double(-m, far - 0.012 * size, size + 2 * m, 0.014 * size),
                Canvas.color(Canvas.scale(style.tableAccent(), 0.55), 255));
    }

    /** Draws an arm and hand; returns the device bounds of the hand (palm and fingers). */
    private Rectangle2D hand(Canvas c, SceneState.HandState h, KitchenStyle style) {
        double k = TableGeometry.sizeFactor(h.y(), Math.max(0, h.h())) * size;
        double kx = TableGeometry.u(h.x(), h.y()) * size;
        double ky = TableGeometry.v(h.y(), h.h()) * size;
        double[] anchor = SceneModel.armAnchor(h.side());
        double ax = TableGeometry.u(anchor[0], anchor[1]) * size;
        double ay = TableGeometry.v(anchor[1], 0) * size;
        double dx = kx - ax;
        double dy = ky - ay;
        double len = Math.hypot(dx, dy);
        double ux = dx / len;
        double uy = dy / len;
        double palmLen = 0.1 * k;
        double palmW = 0.095 * k;
        double wristX = kx - ux * palmLen;
        double wristY = ky - uy * palmLen;
        int skin = style.skinColor();
        // arm: skin forearm, sleeve further back
        c.stroke(new Line2D.Double(ax, ay, wristX, wristY), 0.085 * k, Canvas.scale(skin, 0.93));
        double sleeveEnd = Math.max(0, len - palmLen - 0.12 * k);
        c.stroke(new Line2D.Double(ax, ay, ax + ux * sleeveEnd, ay + uy * sleeveEnd), 0.125 * k, style.sleeveColor());
        c.startRecording();
        AffineTransform t = new AffineTransform();
        t.translate(kx, ky);
        t.rotate(StrictMath.atan2(uy, ux) + h.twist());
        // local frame: +x along the arm (fingers), +y across the hand
        double fingerLen = 0.065 * k * (1 - 0.45 * h.curl());
        double fw = 0.021 * k;
        for (int f = 0; f < 4; f++) {
            double off = (f - 1.5) * palmW * 0.24;
            double fl = fingerLen * (f == 0 || f == 3 ? 0.82 : 1.0);
            c.stroke(t.createTransformedShape(new Line2D.Double(-0.005 * k, off, fl, off * 1.1)), fw,
                    Canvas.scale(skin, 0.92));
        }
        double thumbSide = h.side() == HandSpec.Side.RIGHT ? -1 : 1;
        c.stroke(t.createTransformedShape(new Line2D.Double(-palmLen * 0.55, thumbSide * palmW * 0.45,
                -palmLen * 0.05 + fingerLen * 0.35, thumbSide * palmW * (0.62 - 0.2 * h.curl()))), fw * 1.15,
                Canvas.scale(skin, 0.95));
        Ellipse2D palm = new Ellipse2D.Double(-palmLen, -palmW / 2, palmLen * 1.05, palmW);
        c.fill(t.createTransformedShape(palm), skin);
        // knuckle line for definition
        Path2D.Double kn = new Path2D.Double();
        kn.moveTo(-0.012 * k, -palmW * 0.36);
        kn.quadTo(-0.002 * k, 0, -0.012 * k, palmW * 0.36);
        c.stroke(t.createTransformedShape(kn), 0.006 * k, Canvas.scale(skin, 0.78));
        return c.recorded();
    }

    private FrameBoxes boxes(ClipSpec spec, SceneState state, Rectangle2D[] objects, Rectangle2D[] hands) {
        int arity = spec.label().nouns().size();
        List<FrameBoxes.ObjectBox> ob = new ArrayList<>();
        for (int i = 0; i < objects.length; i++) {
            PixelBox b = clip(objects[i]);
            if (b != null) {
                FrameBoxes.Role role = i == 0 ? FrameBoxes.Role.ACTED
                        : (i < arity ? FrameBoxes.Role.REFERENCE : FrameBoxes.Role.DISTRACTOR);
                ob.add(new FrameBoxes.ObjectBox(i, state.objects().get(i).noun(), role, b));
            }
        }
        List<FrameBoxes.HandBox> hb = new ArrayList<>();
        for (int i = 0; i < hands.length; i++) {
            PixelBox b = clip(hands[i]);
            if (b != null) {
                SceneState.HandState h = state.hands().get(i);
                hb.add(new FrameBoxes.HandBox(h.side(), h.acting(), b));
            }
        }
        return new FrameBoxes(ob, hb);
    }

    /** Bounds clipped to the frame and rounded outwards to 0.1 px; null if nothing of at least 0.5 px is visible. */
    private PixelBox clip(Rectangle2D r) {
        if (r == null) {
            return null;
        }
        double x0 = Math.max(0, Math.floor(r.getMinX() * 10) / 10);
        double y0 = Math.max(0, Math.floor(r.getMinY() * 10) / 10);
        double x1 = Math.min(size, Math.ceil(r.getMaxX() * 10) / 10);
        double y1 = Math.min(size, Math.ceil(r.getMaxY() * 10) / 10);
        if (x1 - x0 < 0.5 || y1 - y0 < 0.5) {
            return null;
        }
        return new PixelBox(x0, y0, x1, y1);
    }
}
