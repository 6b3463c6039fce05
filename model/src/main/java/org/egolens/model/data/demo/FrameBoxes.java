package org.egolens.model.data.demo;

import java.util.List;

/**
 * Where the objects and hands are in one rendered frame, clipped to the frame; parts outside the frame are cut off
 * and things entirely outside are left out.
 *
 * @param objects visible objects
 * @param hands   visible hands (palm and fingers, not the arm)
 */
public record FrameBoxes(List<ObjectBox> objects, List<HandBox> hands) {
    /** Copies the lists. */
    public FrameBoxes {
        objects = List.copyOf(objects);
        hands = List.copyOf(hands);
    }

    /** Role of an object in the clip's narration. */
    public enum Role {
        /** The acted-on object (EK-100 {@code noun}). */
        ACTED,
        /** The second noun of a two-noun narration (plate in "put cup on plate"). */
        REFERENCE,
        /** An object the narration does not mention. */
        DISTRACTOR
    }

    /**
     * One object's box.
     *
     * @param index index into {@link ClipSpec#objects()}
     * @param noun  the object
     * @param role  its role in the narration
     * @param box   pixels
     */
    public record ObjectBox(int index, Noun noun, Role role, PixelBox box) {}

    /**
     * One hand's box.
     *
     * @param side   which hand
     * @param acting true for the hand that performs the narrated action
     * @param box    pixels
     */
    public record HandBox(HandSpec.Side side, boolean acting, PixelBox box) {}
}
