package org.egolens.model.data.demo;

/**
 * Where an object is on the table, in table coordinates.
 *
 * @param x     lateral position, −1 (left frame edge) … +1 (right frame edge) at the near table edge
 * @param y     depth, 0 = near the wearer … 1 = far table edge
 * @param h     height above the table top in {@link TableGeometry} height units; 0 = resting on the table, &gt; 0 = stacked
 *              or held, &lt; 0 = sunk inside a container
 * @param angle orientation on the table plane, radians, clockwise on screen
 * @param open  how far the object's closure is open, 0 = closed … 1 = open (box lid, bottle cap); 0 for other nouns
 */
public record Pose(double x, double y, double h, double angle, double open) {
    /**
     * The weighted sum {@code a·wa + b·wb}, component-wise. The two products are added in one fixed pattern, so
     * {@code blend(a, wa, b, wb)} and {@code blend(b, wb, a, wa)} are bit-identical (IEEE addition is commutative): this
     * is what makes a clip played backwards exactly equal to its mirror clip.
     */
    public static Pose blend(Pose a, double wa, Pose b, double wb) {
        return new Pose(a.x * wa + b.x * wb, a.y * wa + b.y * wb, a.h * wa + b.h * wb, a.angle * wa + b.angle * wb,
                a.open * wa + b.open * wb);
    }

    /** This pose raised by {@code dh} height units. */
    public Pose raised(double dh) {
        return new Pose(x, y, h + dh, angle, open);
    }
}
