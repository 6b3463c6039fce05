package org.egolens.model.data.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a random {@link ClipSpec} for a label: where the objects stand, how far they move, which hand acts, distractor
 * objects and head motion. Forms that are the reverse of another ({@code put down}, {@code put on}, {@code put in},
 * {@code close}, {@code push right}, {@code rotate anticlockwise}, {@code slide away}) are drawn as their mirror form and
 * reversed with {@link ClipSpec#mirror()}, so both forms of a pair have the same distribution of scenes.
 *
 * <p>Every drawn spec satisfies {@link ActionContract#violations(ClipSpec)} = empty and keeps every object inside the
 * frame at its start and end pose.
 */
public final class ClipSampler {
    private static final int MAX_TRIES = 200;

    private ClipSampler() {}

    /**
     * Draws a clip.
     *
     * @param label what the clip must show (must be in {@link ActionCatalog})
     * @param style the kitchen
     * @param seed  seed of the draw; the same (label, style, seed) gives the same spec
     * @throws IllegalArgumentException if the label cannot be rendered
     */
    public static ClipSpec sample(ClipLabel label, KitchenStyle style, long seed) {
        if (!ActionCatalog.contains(label)) {
            throw new IllegalArgumentException("the demo generator cannot render '" + label.narration() + "'");
        }
        boolean reversed = isReversedForm(label.action());
        ClipLabel base = reversed ? label.mirror() : label;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            ClipSpec spec = drawBase(base, style, rng);
            if (spec != null) {
                return reversed ? spec.mirror() : spec;
            }
        }
        throw new IllegalStateException("could not place the objects of '" + label.narration() + "' in "
                + MAX_TRIES + " tries");
    }

    /** True for the forms drawn as the reverse of their mirror (the second form of each pair). */
    static boolean isReversedForm(Action a) {
        return (a.ordinal() & 1) == 1;
    }

    /** The look of a participant's kitchen, a pure function of (seed, participant). */
    public static KitchenStyle style(long seed, int participant) {
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, 7001, participant));
        KitchenStyle.Surface surface = KitchenStyle.Surface.values()[(participant - 1) % 3];
        int[][] tables = switch (surface) {
            case WOOD -> new int[][] {{0xB07A48, 0x8A5A32}, {0xC89A64, 0xA0744A}, {0x9A6A40, 0x70482A}};
            case CLOTH -> new int[][] {{0xE8E2D4, 0x5C8FC4}, {0xF0EAE0, 0xC45A50}, {0xE4E8DC, 0x5FA060}};
            case STONE -> new int[][] {{0x8E9AA4, 0x5E6870}, {0xD8D4CC, 0x9A948A}, {0x4E545A, 0x7C848C}};
        };
        int[] t = tables[rng.nextInt(tables.length)];
        int[] walls = {0xD9D2C3, 0xBFCAD1, 0xCFC1A8, 0xA9B59A, 0xE3DDD5};
        int[] skins = {0xF1C7A5, 0xE0AC86, 0xC68E63, 0x9C6B4A, 0x71482F, 0xF5D3BC};
        int[] sleeves = {0x2F4F8F, 0x7A2E3A, 0x3C6E47, 0x4A4A4A, 0x8A6A2A, 0x5A3F7A};
        HandSpec.Side dominant = participant % 5 == 4 ? HandSpec.Side.LEFT : HandSpec.Side.RIGHT;
        return new KitchenStyle(participant, surface, t[0], t[1], walls[rng.nextInt(walls.length)],
                skins[rng.nextInt(skins.length)], sleeves[rng.nextInt(sleeves.length)], dominant, rng.nextLong());
    }

    /** One attempt at a spec of a base (not reversed) form; null if the draw does not fit in the frame. */
    private static ClipSpec drawBase(ClipLabel label, KitchenStyle style, SplittableRandom rng) {
        Noun x = label.noun();
        HandSpec.Side dom = rng.nextDouble() < 0.85 ? style.dominant() : style.dominant().other();
        List<SceneObject> objects = new ArrayList<>();
        List<HandSpec> hands = new ArrayList<>();
        switch (label.action()) {
            case PICK_UP -> {
                Pose start = onTable(rng, x, range(rng, -0.5, 0.5), range(rng, 0.3, 0.75));
                HandSpec.Side side = sideFor(start.x(), dom);
                Pose held = new Pose(start.x() * 0.45 + side.sign() * 0.12, range(rng, 0.08, 0.16),
                        range(rng, 0.24, 0.3), start.angle(), 0);
                objects.add(new SceneObject(x, start, held, 0));
                hands.add(new HandSpec(side, 0, HandSpec.Grip.BODY, true, false, true));
            }
            case TAKE_OFF, TAKE_OUT -> {
                Noun y = label.nouns().get(1);
                Pose ref = onTable(rng, y, range(rng, -0.4, 0.4), range(rng, 0.35, 0.7));
                boolean inside = label.action() == Action.TAKE_OUT;
                double h = inside ? -0.012 : TableGeometry.height(y);
                Pose start = new Pose(ref.x() + range(rng, -0.04, 0.04), ref.y() + range(rng, -0.03, 0.03), h,
                        initialAngle(rng, x), 0);
                HandSpec.Side side = sideFor(ref.x(), dom);
                double gap = (TableGeometry.radius(x) + TableGeometry.radius(y) + 0.04) / TableGeometry.X_SPAN;
                double dir = rng.nextDouble() < 0.7 ? side.sign() : -side.sign();
                Pose end = new Pose(ref.x() + dir * gap, ref.y() + range(rng, -0.15, 0.05), 0,
                        start.angle() + range(rng, -0.4, 0.4), 0);
                objects.add(new SceneObject(x, start, end, inside ? 0.16 : 0.12));
                objects.add(SceneObject.still(y, ref));
                hands.add(new HandSpec(side, 0, HandSpec.Grip.BODY, true, false, false));
                if (rng.nextDouble() < 0.5) {
                    hands.add(new HandSpec(side.other(), 1, HandSpec.Grip.BODY, false, false, false));
                }
            }
            case OPEN -> {
                Pose start = onTable(rng, x, range(rng, -0.35, 0.35), range(rng, 0.35, 0.65));
                HandSpec.Side side = dom;
                double angle = x == Noun.BOX ? range(rng, -0.3, 0.3) : (side == HandSpec.Side.RIGHT ? 0.2 : Math.PI - 0.2);
                start = new Pose(start.x(), start.y(), 0, angle, 0);
                Pose end = new Pose(start.x(), start.y(), 0, angle, 1);
                objects.add(new SceneObject(x, start, end, 0));
                hands.add(new HandSpec(side, 0, x == Noun.BOX ? HandSpec.Grip.LID : HandSpec.Grip.CAP, true, false,
                        false));
                hands.add(new HandSpec(side.other(), 0, HandSpec.Grip.BODY, false, false, false));
            }
            case PUSH_LEFT -> {
                double d = range(rng, 0.35, 0.6);
                double x0 = range(rng, -0.2, 0.55);
                Pose start = onTable(rng, x, x0, range(rng, 0.3, 0.7));
                Pose end = new Pose(x0 - d, start.y(), 0, start.angle(), 0);
                objects.add(new SceneObject(x, start, end, 0));
                hands.add(new HandSpec(sideFor((x0 + x0 - d) / 2, dom), 0, HandSpec.Grip.BODY, true, false, false));
            }
            case ROTATE_CLOCKWISE -> {
                Pose start = onTable(rng, x, range(rng, -0.4, 0.4), range(rng, 0.35, 0.7));
                Pose end = new Pose(start.x(), start.y(), 0, start.angle() + range(rng, 1.3, 2.0), 0);
                objects.add(new SceneObject(x, start, end, 0));
                hands.add(new HandSpec(sideFor(start.x(), dom), 0, HandSpec.Grip.BODY, true, false, false));
            }
            case SLIDE_TOWARDS -> {
                double d = range(rng, 0.32, 0.5);
                Pose start = onTable(rng, x, range(rng, -0.45, 0.45), range(rng, 0.65, 0.88));
                Pose end = new Pose(start.x(), start.y() - d, 0, start.angle(), 0);
                objects.add(new SceneObject(x, start, end, 0));
                hands.add(new HandSpec(sideFor(start.x(), dom), 0, HandSpec.Grip.BODY, true, false, false));
            }
            default -> throw new IllegalArgumentException("not a base form: " + label.action());
        }
        if (!objects.stream().allMatch(ClipSampler::staysInFrame)) {
            return null;
        }
        int distractors = rng.nextDouble() < 0.25 ? 0 : (rng.nextDouble() < 0.6 ? 1 : 2);
        List<Noun> free = new ArrayList<>(List.of(Noun.values()));
        free.removeAll(label.nouns());
        for (int i = 0; i < distractors; i++) {
            Noun n = free.remove(rng.nextInt(free.size()));
            for (int t = 0; t < 30; t++) {
                Pose p = onTable(rng, n, range(rng, -0.75, 0.75), range(rng, 0.2, 0.95));
                SceneObject cand = SceneObject.still(n, p);
                if (staysInFrame(cand) && objects.stream().noneMatch(o -> collides(o, cand))) {
                    objects.add(cand);
                    break;
                }
            }
        }
        CameraPath camera = camera(rng);
        ClipSpec spec = new ClipSpec(label, objects, hands, camera, style);
        List<String> problems = ActionContract.violations(spec);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("sampler produced an invalid '" + label.narration() + "' clip: " + problems);
        }
        return spec;
    }

    private static double range(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    private static HandSpec.Side sideFor(double x, HandSpec.Side dominant) {
        if (x < -0.3) {
            return HandSpec.Side.LEFT;
        }
        if (x > 0.3) {
            return HandSpec.Side.RIGHT;
        }
        return dominant;
    }

    private static Pose onTable(SplittableRandom rng, Noun n, double x, double y) {
        return new Pose(x, y, 0, initialAngle(rng, n), 0);
    }

    private static double initialAngle(SplittableRandom rng, Noun n) {
        return switch (n) {
            case KNIFE, SPOON -> range(rng, -Math.PI, Math.PI);
            case CUP -> range(rng, -Math.PI, Math.PI);
            case PAN -> range(rng, -0.6, 0.6) + (rng.nextBoolean() ? 0 : Math.PI);
            case BOX, SPONGE -> range(rng, -0.35, 0.35);
            default -> 0;
        };
    }

    private static CameraPath camera(SplittableRandom rng) {
        double[] d0 = {range(rng, -0.02, 0.02), range(rng, -0.02, 0.02), range(rng, -0.02, 0.02)};
        double[] d1 = {range(rng, -0.02, 0.02), range(rng, -0.02, 0.02), range(rng, -0.02, 0.02)};
        int terms = 2;
        double[] f = new double[terms];
        double[][] aA = new double[terms][3];
        double[][] pA = new double[terms][3];
        double[][] aB = new double[terms][3];
        double[][] pB = new double[terms][3];
        for (int j = 0; j < terms; j++) {
            f[j] = range(rng, 1.0, 3.5);
            for (int c = 0; c < 3; c++) {
                aA[j][c] = range(rng, 0, 0.004);
                aB[j][c] = range(rng, 0, 0.004);
                pA[j][c] = range(rng, 0, 2 * Math.PI);
                pB[j][c] = range(rng, 0, 2 * Math.PI);
            }
        }
        return new CameraPath(d0, d1, f, aA, pA, aB, pB);
    }

    /** True if the object's footprint circle is inside the frame at its start, middle and end pose. */
    static boolean staysInFrame(SceneObject o) {
        for (Pose p : new Pose[] {o.start(), o.end(), Pose.blend(o.start(), 0.5, o.end(), 0.5).raised(o.lift())}) {
            double k = TableGeometry.sizeFactor(p.y(), Math.max(p.h(), 0));
            double r = extent(o.noun()) * k;
            double u = TableGeometry.u(p.x(), p.y());
            double v = TableGeometry.v(p.y(), p.h());
            double top = v - r * TableGeometry.SQUASH - TableGeometry.height(o.noun()) * k;
            if (u - r < 0.02 || u + r > 0.98 || top < 0.1 || v + r * TableGeometry.SQUASH > 0.97) {
                return false;
            }
        }
        return true;
    }

    /** Largest extent of a noun from its centre (pan handle, open box lid included). */
    private static double extent(Noun n) {
        return switch (n) {
            case PAN -> TableGeometry.radius(n) + 0.1;
            case BOX -> TableGeometry.radius(n) + 0.02;
            default -> TableGeometry.radius(n);
        };
    }

    /**
     * True if a still distractor would overlap the moving object's path (start, quarter points, end) on screen; each
     * object counts as its footprint plus its upright height, so a tall bottle in front cannot hide a cup.
     */
    private static boolean collides(SceneObject moving, SceneObject still) {
        double[] q = screenBox(still.noun(), still.start());
        for (double w = 0; w <= 1.0001; w += 0.25) {
            double[] p = screenBox(moving.noun(), Pose.blend(moving.start(), 1 - w, moving.end(), w));
            double gap = 0.015;
            if (p[0] < q[2] + gap && q[0] < p[2] + gap && p[1] < q[3] + gap && q[1] < p[3] + gap) {
                return true;
            }
        }
        return false;
    }

    /** Approximate screen box {u0, v0, u1, v1} of a noun at a pose (footprint and upright height). */
    private static double[] screenBox(Noun n, Pose p) {
        double k = TableGeometry.sizeFactor(p.y(), Math.max(p.h(), 0));
        double r = extent(n) * k;
        double u = TableGeometry.u(p.x(), p.y());
        double v = TableGeometry.v(p.y(), p.h());
        return new double[] {u - r, v - r * TableGeometry.SQUASH - TableGeometry.height(n) * k, u + r,
            v + r * TableGeometry.SQUASH};
    }
}
