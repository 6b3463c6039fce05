package org.egolens.model.data.demo;

import java.util.List;

/**
 * The scene at one instant of a clip: head offset, object poses and hand positions. Two states are equal only if every
 * value is bit-identical (record equality on doubles).
 *
 * @param camDx   head offset, fraction of frame width (+ = scene moves right)
 * @param camDy   head offset, fraction of frame height (+ = scene moves down)
 * @param camRot  head roll, radians (+ = scene turns clockwise)
 * @param objects object poses, in {@link ClipSpec#objects()} order
 * @param hands   hand states, in {@link ClipSpec#hands()} order
 */
public record SceneState(double camDx, double camDy, double camRot, List<ObjectState> objects, List<HandState> hands) {
    /** Copies the lists. */
    public SceneState {
        objects = List.copyOf(objects);
        hands = List.copyOf(hands);
    }

    /**
     * One object.
     *
     * @param noun what it is
     * @param pose where it is
     */
    public record ObjectState(Noun noun, Pose pose) {}

    /**
     * One hand, given by where its fingers close (table coordinates, as {@link Pose}).
     *
     * @param side   which hand
     * @param x      lateral position of the knuckles
     * @param y      depth of the knuckles
     * @param h      height of the knuckles
     * @param twist  rotation of the hand about its own axis, radians, clockwise on screen
     * @param curl   how closed the fingers are, 0 = open (resting) … 1 = gripping
     * @param acting true for the hand that performs the narrated action
     */
    public record HandState(HandSpec.Side side, double x, double y, double h, double twist, double curl,
            boolean acting) {}
}
