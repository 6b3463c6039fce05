package org.egolens.model.data.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The scene of a clip as a function of normalised time: {@code state = at(spec, time)}.
 *
 * <p>Phases: during s ∈ [0, a] a reaching hand moves from rest to its object, during [a, 1−a] the objects move from
 * their start to their end poses (smoothstep easing, plus an arc of height {@code lift} for lifted objects), and during
 * [1−a, 1] the hand returns to rest (a = {@link #APPROACH}). A hand that holds its object at the start or end
 * ({@link HandSpec#startHeld()}) skips the matching phase. Every quantity is built from the pair (s, r) with weights
 * w_end = e((s−a)/(1−2a)) and w_start = e((r−a)/(1−2a)) and symmetric combinations of them, so
 * {@code at(spec, t) == at(spec.mirror(), t.reversed())} holds bit for bit: the mirror clip is this clip backwards.
 */
public final class SceneModel {
    /** Fraction of the clip for reaching in (and for returning to rest). */
    public static final double APPROACH = 0.22;

    private SceneModel() {}

    /** Smoothstep easing on [0, 1], clamped outside. */
    static double ease(double u) {
        double c = u <= 0 ? 0 : (u >= 1 ? 1 : u);
        return c * c * (3 - 2 * c);
    }

    /**
     * The scene at one time.
     *
     * @param spec the clip
     * @param time normalised time
     * @return object poses, hand positions and head offset
     */
    public static SceneState at(ClipSpec spec, ClipTime time) {
        double a = APPROACH;
        double wEnd = ease((time.s() - a) / (1 - 2 * a));
        double wStart = ease((time.r() - a) / (1 - 2 * a));
        double arc = (wStart * wEnd) * 4;
        List<SceneState.ObjectState> objects = new ArrayList<>(spec.objects().size());
        for (SceneObject o : spec.objects()) {
            Pose p = Pose.blend(o.start(), wStart, o.end(), wEnd);
            if (o.lift() != 0) {
                p = p.raised(o.lift() * arc);
            }
            objects.add(new SceneState.ObjectState(o.noun(), p));
        }
        double reachIn = ease(time.s() / a);
        double reachOut = ease(time.r() / a);
        List<SceneState.HandState> hands = new ArrayList<>(spec.hands().size());
        for (HandSpec h : spec.hands()) {
            double k = Math.min(h.startHeld() ? 1 : reachIn, h.endHeld() ? 1 : reachOut);
            SceneObject target = spec.objects().get(h.target());
            Pose p = objects.get(h.target()).pose();
            double[] g = gripPoint(target.noun(), p, h);
            double[] rest = restPoint(h.side());
            double twist = h.acting() ? p.angle() - (target.start().angle() + target.end().angle()) * 0.5 : 0;
            double keep = 1 - k;
            hands.add(new SceneState.HandState(h.side(), rest[0] * keep + g[0] * k, rest[1] * keep + g[1] * k,
                    rest[2] * keep + g[2] * k, twist * k, k, h.acting()));
        }
        double[] cam = spec.camera().at(time);
        return new SceneState(cam[0], cam[1], cam[2], objects, hands);
    }

    /** Where the arm of a hand enters the frame, table coordinates {x, y}. */
    public static double[] armAnchor(HandSpec.Side side) {
        return new double[] {side.sign() * 0.85, -0.6};
    }

    /** Where a resting hand waits (just below the frame), table coordinates {x, y, h}. */
    public static double[] restPoint(HandSpec.Side side) {
        return new double[] {side.sign() * 0.62, -0.32, 0};
    }

    /**
     * Where the knuckles of a hand holding {@code noun} at {@code pose} go, table coordinates {x, y, h}.
     *
     * @param noun the held object
     * @param pose its current pose
     * @param hand the hand and its grip
     */
    public static double[] gripPoint(Noun noun, Pose pose, HandSpec hand) {
        double k = TableGeometry.sizeFactor(pose.y(), Math.max(pose.h(), 0));
        return switch (hand.grip()) {
            case LID -> {
                double hd = TableGeometry.BOX_HALF_DEPTH;
                double c = StrictMath.cos(Math.PI * pose.open());
                double sn = StrictMath.sin(Math.PI * pose.open());
                // free edge of the lid in the box's local frame (local +y = towards the wearer), hinge at −hd
                double[] d = localToTable(0, -hd + 2 * hd * c, pose.angle(), k, pose.y());
                yield new double[] {pose.x() + d[0], pose.y() + d[1],
                        pose.h() + TableGeometry.height(Noun.BOX) + 2 * hd * sn * 0.9};
            }
            case CAP -> {
                // knuckles just before the cap, so the fingertips rest on it
                double[] cap = capPoint(pose);
                double[] anchor = armAnchor(hand.side());
                double du = (anchor[0] - cap[0]) * TableGeometry.X_SPAN;
                double dv = -(anchor[1] - cap[1]) * TableGeometry.Y_SPAN;
                double n = Math.hypot(du, dv);
                double[] d = TableGeometry.screenToTableOffset(du / n * 0.035 * k, dv / n * 0.035 * k, cap[1]);
                yield new double[] {cap[0] + d[0], cap[1] + d[1], cap[2] + 0.02};
            }
            case BODY -> {
                if (noun == Noun.KNIFE || noun == Noun.SPOON) {
                    // hold long objects by the handle (local −x end)
                    double[] d = localToTable(-0.085, 0, pose.angle(), k, pose.y());
                    yield new double[] {pose.x() + d[0], pose.y() + d[1], pose.h() + TableGeometry.height(noun)};
                }
                double[] anchor = armAnchor(hand.side());
                double du = (anchor[0] - pose.x()) * TableGeometry.X_SPAN;
                double dv = -(anchor[1] - pose.y()) * TableGeometry.Y_SPAN;
                double n = Math.hypot(du, dv);
                double reach = gripReach(noun) * k;
                double[] d = TableGeometry.screenToTableOffset(du / n * reach, dv / n * reach * TableGeometry.SQUASH,
                        pose.y());
                yield new double[] {pose.x() + d[0], pose.y() + d[1],
                        pose.h() + Math.min(TableGeometry.height(noun) * 0.5, 0.04)};
            }
        };
    }

    /** Position {x, y, h} of a bottle's cap: on the bottle when closed, on the table beside it when open. */
    public static double[] capPoint(Pose bottle) {
        double o = bottle.open();
        double k = TableGeometry.sizeFactor(bottle.y(), Math.max(bottle.h(), 0));
        double[] beside = localToTable(0.15, 0.06, bottle.angle(), k, bottle.y());
        double top = bottle.h() + TableGeometry.height(Noun.BOTTLE);
        return new double[] {bottle.x() + beside[0] * o, bottle.y() + beside[1] * o,
                top * (1 - o) + (o * (1 - o)) * 4 * 0.1};
    }

    /** Converts an offset in an object's local frame (frame-side units, +y towards the wearer) to table units. */
    static double[] localToTable(double lx, double ly, double angle, double sizeFactor, double y) {
        double c = StrictMath.cos(angle);
        double s = StrictMath.sin(angle);
        double du = (lx * c - ly * s) * sizeFactor;
        double dv = (lx * s + ly * c) * sizeFactor * TableGeometry.SQUASH;
        return TableGeometry.screenToTableOffset(du, dv, y);
    }

    /** How far from the centre the fingers close on a noun, fraction of the frame side at size factor 1. */
    static double gripReach(Noun n) {
        return switch (n) {
            case PLATE -> 0.13;
            case PAN -> 0.11;
            case LID -> 0.09;
            default -> TableGeometry.radius(n) * 0.85;
        };
    }
}
