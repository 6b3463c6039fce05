package org.egolens.model.data.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * What a clip of each verb form must show, stated on its start and end poses: e.g. "pick up X" starts with X on the
 * table and ends with X held up; "put X on Y" ends with X stacked on Y; "push X left" moves X at least 0.2 table units
 * to the left. The sampler checks every spec it draws against this, and the tests use it to check that the reverse of
 * a clip is a valid clip of the mirror form.
 */
public final class ActionContract {
    /** Smallest movement that counts as a push or slide, table units. */
    public static final double MIN_MOVE = 0.2;
    /** Smallest turn that counts as a rotation, radians. */
    public static final double MIN_TURN = 1.0;
    /** Smallest height of an object held up, height units. */
    public static final double MIN_HELD = 0.15;

    private ActionContract() {}

    /**
     * Lists what is wrong with a spec; empty if it shows its label.
     *
     * @param spec the clip
     * @return human-readable violations
     */
    public static List<String> violations(ClipSpec spec) {
        List<String> out = new ArrayList<>();
        ClipLabel label = spec.label();
        SceneObject x = spec.objects().get(0);
        Pose s = x.start();
        Pose e = x.end();
        switch (label.action()) {
            case PICK_UP -> {
                check(out, s.h() == 0, "picked object must start on the table");
                check(out, e.h() >= MIN_HELD, "picked object must end held up");
                check(out, actingHeld(spec, false, true), "the hand reaches in and keeps the object");
            }
            case PUT_DOWN -> {
                check(out, s.h() >= MIN_HELD, "put-down object must start held up");
                check(out, e.h() == 0, "put-down object must end on the table");
                check(out, actingHeld(spec, true, false), "the hand brings the object in and leaves");
            }
            case TAKE_OFF -> onOrIn(out, spec, s, e, false, true);
            case PUT_ON -> onOrIn(out, spec, e, s, false, false);
            case TAKE_OUT -> onOrIn(out, spec, s, e, true, true);
            case PUT_IN -> onOrIn(out, spec, e, s, true, false);
            case OPEN -> check(out, s.open() == 0 && e.open() == 1, "open must go from closed (0) to open (1)");
            case CLOSE -> check(out, s.open() == 1 && e.open() == 0, "close must go from open (1) to closed (0)");
            case PUSH_LEFT -> check(out, e.x() <= s.x() - MIN_MOVE && e.y() == s.y(), "push left must move left");
            case PUSH_RIGHT -> check(out, e.x() >= s.x() + MIN_MOVE && e.y() == s.y(), "push right must move right");
            case ROTATE_CLOCKWISE -> check(out, e.angle() >= s.angle() + MIN_TURN, "must turn clockwise");
            case ROTATE_ANTICLOCKWISE -> check(out, e.angle() <= s.angle() - MIN_TURN, "must turn anticlockwise");
            case SLIDE_TOWARDS -> check(out, e.y() <= s.y() - MIN_MOVE && e.x() == s.x(), "must come closer");
            case SLIDE_AWAY -> check(out, e.y() >= s.y() + MIN_MOVE && e.x() == s.x(), "must move away");
        }
        boolean moves = label.action() == Action.OPEN || label.action() == Action.CLOSE ? s.open() != e.open()
                : !s.equals(e);
        check(out, moves, "acted-on object must change");
        for (int i = 1; i < spec.objects().size(); i++) {
            SceneObject o = spec.objects().get(i);
            check(out, o.start().equals(o.end()), "object " + i + " (" + o.noun().key() + ") must stay still");
        }
        long acting = spec.hands().stream().filter(HandSpec::acting).count();
        check(out, acting == 1, "exactly one acting hand, got " + acting);
        spec.hands().stream().filter(HandSpec::acting).forEach(h -> check(out, h.target() == 0,
                "the acting hand must hold the acted-on object"));
        return out;
    }

    /** Checks "X on/in Y" at {@code together} and "X on the table apart from Y" at {@code apart}. */
    private static void onOrIn(List<String> out, ClipSpec spec, Pose together, Pose apart, boolean inside,
            boolean startsTogether) {
        Pose ref = spec.objects().get(1).start();
        Noun x = spec.objects().get(0).noun();
        Noun y = spec.objects().get(1).noun();
        double dist = Math.hypot((together.x() - ref.x()) * TableGeometry.X_SPAN, (together.y() - ref.y()) * 0.5);
        check(out, dist < TableGeometry.radius(y) * 0.6, x.key() + " must sit centred on/in " + y.key());
        check(out, inside ? together.h() < 0 : together.h() == TableGeometry.height(y),
                x.key() + (inside ? " must be inside " : " must rest on ") + y.key());
        check(out, apart.h() == 0, x.key() + " must be on the table when apart");
        double apartDist = Math.hypot((apart.x() - ref.x()) * TableGeometry.X_SPAN, (apart.y() - ref.y()) * 0.5);
        check(out, apartDist > TableGeometry.radius(y), x.key() + " must be beside " + y.key() + " when apart");
        boolean heldPattern = spec.hands().stream().filter(HandSpec::acting)
                .allMatch(h -> !h.startHeld() && !h.endHeld());
        check(out, heldPattern, "the acting hand reaches in and leaves (" + (startsTogether ? "take" : "put") + ")");
    }

    private static boolean actingHeld(ClipSpec spec, boolean atStart, boolean atEnd) {
        return spec.hands().stream().filter(HandSpec::acting)
                .allMatch(h -> h.startHeld() == atStart && h.endHeld() == atEnd);
    }

    private static void check(List<String> out, boolean ok, String message) {
        if (!ok) {
            out.add(message);
        }
    }
}
