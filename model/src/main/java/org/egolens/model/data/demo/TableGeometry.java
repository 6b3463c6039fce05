package org.egolens.model.data.demo;

/**
 * The head-mounted camera's view of the table: a mild perspective from table coordinates ({@link Pose}) to normalised
 * screen coordinates (fractions of the square frame side, origin top-left), and the size of each noun.
 *
 * <p>Screen position of table point (x, y, h): {@code u = 0.5 + 0.42·x·k(y)}, {@code v = 0.92 − 0.74·y − h·k(y)} with
 * depth scale {@code k(y) = 1.15 − 0.4·y}; an object at depth y is drawn {@code k(y)·(1 + h)} times its base size, and
 * circles on the table plane are flattened vertically by {@link #SQUASH}.
 */
public final class TableGeometry {
    /** Vertical foreshortening of shapes lying on the table plane. */
    public static final double SQUASH = 0.72;
    /** Lateral screen extent of one table x unit at depth scale 1. */
    public static final double X_SPAN = 0.42;
    /** Vertical screen extent of one table y unit. */
    public static final double Y_SPAN = 0.74;

    private TableGeometry() {}

    /** Depth scale k(y): objects near the wearer look bigger. */
    public static double depthScale(double y) {
        return 1.15 - 0.4 * y;
    }

    /** Normalised screen x of table point (x, y). */
    public static double u(double x, double y) {
        return 0.5 + X_SPAN * x * depthScale(y);
    }

    /** Normalised screen y of table point at depth y and height h. */
    public static double v(double y, double h) {
        return 0.92 - Y_SPAN * y - h * depthScale(y);
    }

    /** Size factor of an object at depth y and height h (lifted objects come closer to the eye). */
    public static double sizeFactor(double y, double h) {
        return depthScale(y) * (1 + h);
    }

    /** Footprint radius of a noun at size factor 1, fraction of the frame side (half length for long objects). */
    public static double radius(Noun n) {
        return switch (n) {
            case CUP -> 0.06;
            case PLATE -> 0.15;
            case BOWL -> 0.11;
            case KNIFE -> 0.15;
            case SPOON -> 0.15;
            case BOTTLE -> 0.06;
            case LID -> 0.115;
            case BOX -> 0.11;
            case SPONGE -> 0.07;
            case PAN -> 0.13;
        };
    }

    /** Drawn height of a noun above the table at size factor 1, fraction of the frame side. */
    public static double height(Noun n) {
        return switch (n) {
            case CUP -> 0.07;
            case PLATE -> 0.012;
            case BOWL -> 0.05;
            case KNIFE -> 0.006;
            case SPOON -> 0.008;
            case BOTTLE -> 0.2;
            case LID -> 0.02;
            case BOX -> 0.07;
            case SPONGE -> 0.035;
            case PAN -> 0.04;
        };
    }

    /** Half depth of the box (its half width is {@link #radius(Noun)}). */
    public static final double BOX_HALF_DEPTH = 0.075;

    /**
     * Converts a screen-space offset (fractions of the frame side, measured at the object's own depth) back to a
     * table-coordinate offset {dx, dy}. Screen-down is towards the wearer (smaller y).
     */
    public static double[] screenToTableOffset(double du, double dv, double y) {
        return new double[] {du / (X_SPAN * depthScale(y)), -dv / Y_SPAN};
    }
}
