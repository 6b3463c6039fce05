package org.egolens.model.data.demo;

import java.util.Objects;

/**
 * One hand of a clip: which object it reaches for and how it holds it.
 *
 * @param side       which hand (the arm enters from that bottom corner)
 * @param target     index into {@link ClipSpec#objects()} of the object it holds
 * @param grip       where on the object the fingers go
 * @param acting     true for the hand that performs the narrated action, false for a hand that steadies an object
 * @param startHeld  true if the hand already holds the object at s = 0 (e.g. "put down"), else it reaches in from rest
 * @param endHeld    true if the hand still holds the object at s = 1 (e.g. "pick up"), else it returns to rest
 */
public record HandSpec(Side side, int target, Grip grip, boolean acting, boolean startHeld, boolean endHeld) {
    /** Left or right hand; the sign is the side of the frame the arm comes from. */
    public enum Side {
        LEFT(-1), RIGHT(1);

        private final int sign;

        Side(int sign) {
            this.sign = sign;
        }

        /** −1 for the left hand, +1 for the right hand. */
        public int sign() {
            return sign;
        }

        /** The other hand. */
        public Side other() {
            return this == LEFT ? RIGHT : LEFT;
        }
    }

    /** Where the fingers hold the object. */
    public enum Grip {
        /** The edge of the object facing the arm. */
        BODY,
        /** The free edge of a box lid. */
        LID,
        /** A bottle's cap. */
        CAP
    }

    /** @throws IllegalArgumentException for a negative target index */
    public HandSpec {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(grip, "grip");
        if (target < 0) {
            throw new IllegalArgumentException("hand target index " + target);
        }
    }

    /** The same hand when the clip is played backwards (holding at start and at end swapped). */
    public HandSpec reversed() {
        return new HandSpec(side, target, grip, acting, endHeld, startHeld);
    }
}
