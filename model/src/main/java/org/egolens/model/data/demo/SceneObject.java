package org.egolens.model.data.demo;

import java.util.Objects;

/**
 * One object of a clip: its noun, where it is at the start and at the end of the action, and how high it arcs in
 * between (objects that do not take part have {@code start == end} and no arc).
 *
 * @param noun  what the object is
 * @param start pose at s = 0
 * @param end   pose at s = 1
 * @param lift  extra height at mid-action (height units), a parabola 4·w_start·w_end; 0 for sliding motions
 */
public record SceneObject(Noun noun, Pose start, Pose end, double lift) {
    /** @throws NullPointerException on null parts */
    public SceneObject {
        Objects.requireNonNull(noun, "noun");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** A static object. */
    public static SceneObject still(Noun noun, Pose pose) {
        return new SceneObject(noun, pose, pose, 0);
    }

    /** The same object moving the other way (start and end swapped). */
    public SceneObject reversed() {
        return new SceneObject(noun, end, start, lift);
    }
}
