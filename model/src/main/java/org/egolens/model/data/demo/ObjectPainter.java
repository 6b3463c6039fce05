package org.egolens.model.data.demo;

import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;

/**
 * Draws each noun as simple shaded 3-D-looking shapes on the tilted table plane: a red mug with a handle, a white plate
 * with a blue rim, a blue bowl, a steel knife with a black handle, a wooden spoon, a green bottle with a red cap, a grey
 * lid with a knob, a cardboard box with a hinged lid, a yellow-green sponge and a black pan with a long handle.
 * All sizes are fractions of the frame side ({@link TableGeometry}).
 */
final class ObjectPainter {
    private final int size;

    ObjectPainter(int size) {
        this.size = size;
    }

    /** Local drawing frame of one object: centre, pixels per unit and orientation. */
    private final class Frame {
        final double cx;
        final double cy;
        final double unit;
        final double cos;
        final double sin;

        Frame(Pose p) {
            this.cx = TableGeometry.u(p.x(), p.y()) * size;
            this.cy = TableGeometry.v(p.y(), p.h()) * size;
            this.unit = TableGeometry.sizeFactor(p.y(), p.h()) * size;
            this.cos = StrictMath.cos(p.angle());
            this.sin = StrictMath.sin(p.angle());
        }

        /** Screen point of local plane point (lx, ly) raised by z (all in frame-side units). */
        Point2D pt(double lx, double ly, double z) {
            return new Point2D.Double(cx + unit * (lx * cos - ly * sin),
                    cy + unit * TableGeometry.SQUASH * (lx * sin + ly * cos) - unit * z);
        }

        /** A circle of radius r on the plane at height z around local (lx, ly). */
        Ellipse2D disc(double lx, double ly, double z, double r) {
            Point2D c = pt(lx, ly, z);
            double rx = unit * r;
            double ry = unit * r * TableGeometry.SQUASH;
            return new Ellipse2D.Double(c.getX() - rx, c.getY() - ry, 2 * rx, 2 * ry);
        }

        /** A polygon of local plane points, all at height z, given as (lx, ly) pairs. */
        Path2D poly(double z, double... xy) {
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < xy.length; i += 2) {
                Point2D q = pt(xy[i], xy[i + 1], z);
                if (i == 0) {
                    path.moveTo(q.getX(), q.getY());
                } else {
                    path.lineTo(q.getX(), q.getY());
                }
            }
            path.closePath();
            return path;
        }

        /** An upright cylinder of radius r from height z0 to z1 with a horizontally shaded side and a flat top. */
        void cylinder(Canvas c, double lx, double ly, double r, double z0, double z1, int side, int top) {
            Point2D b = pt(lx, ly, z0);
            Point2D t = pt(lx, ly, z1);
            double rx = unit * r;
            double ry = unit * r * TableGeometry.SQUASH;
            // the side: bottom half-ellipse and the band up to the top (two fills of the same gradient)
            double x0 = b.getX() - rx;
            double x1 = b.getX() + rx;
            int light = Canvas.scale(side, 1.15);
            int dark = Canvas.scale(side, 0.7);
            c.fillGradient(new Ellipse2D.Double(x0, b.getY() - ry, 2 * rx, 2 * ry), x0, 0, light, x1, 0, dark);
            c.fillGradient(new java.awt.geom.Rectangle2D.Double(x0, t.getY(), 2 * rx, b.getY() - t.getY()), x0, 0,
                    light, x1, 0, dark);
            c.fill(new Ellipse2D.Double(t.getX() - rx, t.getY() - ry, 2 * rx, 2 * ry), top);
        }

        /** A box of half sizes (hw, hd) from height z0 to z1: darker sides, then the top face. */
        void cuboid(Canvas c, double hw, double hd, double z0, double z1, int side, int top) {
            double[][] corners = {{-hw, -hd}, {hw, -hd}, {hw, hd}, {-hw, hd}};
            for (int i = 0; i < 4; i++) {
                double[] a = corners[i];
                double[] bb = corners[(i + 1) % 4];
                Point2D a0 = pt(a[0], a[1], z0);
                Point2D b0 = pt(bb[0], bb[1], z0);
                Point2D b1 = pt(bb[0], bb[1], z1);
                Point2D a1 = pt(a[0], a[1], z1);
                Path2D.Double q = new Path2D.Double();
                q.moveTo(a0.getX(), a0.getY());
                q.lineTo(b0.getX(), b0.getY());
                q.lineTo(b1.getX(), b1.getY());
                q.lineTo(a1.getX(), a1.getY());
                q.closePath();
                c.fill(q, Canvas.scale(side, i % 2 == 0 ? 0.85 : 1.0));
            }
            c.fill(poly(z1, -hw, -hd, hw, -hd, hw, hd, -hw, hd), top);
        }

        /** True if local plane direction (lx, ly) points away from the wearer (up on screen). */
        boolean pointsAway(double lx, double ly) {
            return lx * sin + ly * cos < 0;
        }
    }

    /** Draws one object. */
    void paint(Canvas c, Noun n, Pose p) {
        Frame f = new Frame(p);
        switch (n) {
            case CUP -> cup(c, f);
            case PLATE -> plate(c, f);
            case BOWL -> bowl(c, f);
            case KNIFE -> knife(c, f);
            case SPOON -> spoon(c, f);
            case BOTTLE -> bottle(c, f, p);
            case LID -> lid(c, f);
            case BOX -> box(c, f, p);
            case SPONGE -> sponge(c, f);
            case PAN -> pan(c, f);
        }
    }

    /** Draws a contact shadow under an object at table position (its height only widens and fades it). */
    void shadow(Canvas c, Noun n, Pose p) {
        if (p.h() < 0) {
            return;
        }
        double lifted = Math.min(1, p.h() / 0.3);
        double grow = 1.0 + 0.3 * lifted;
        int alpha = (int) Math.round(70 * (1 - 0.6 * lifted));
        java.awt.Color color = new java.awt.Color(0, 0, 0, alpha);
        Frame f = new Frame(new Pose(p.x(), p.y(), 0, p.angle(), 0));
        java.awt.geom.AffineTransform t = new java.awt.geom.AffineTransform();
        t.translate(f.cx + 0.008 * size, f.cy + 0.01 * size);
        t.scale(f.unit * grow, f.unit * grow * TableGeometry.SQUASH);
        t.rotate(p.angle());
        double rx = TableGeometry.radius(n);
        double ry = switch (n) {
            case KNIFE, SPOON -> 0.03; // long thin objects cast a thin shadow along their axis
            case BOX -> TableGeometry.BOX_HALF_DEPTH;
            case SPONGE -> 0.045;
            default -> rx;
        };
        c.fillUnrecorded(t.createTransformedShape(new Ellipse2D.Double(-rx, -ry, 2 * rx, 2 * ry)), color);
    }

    private void cup(Canvas c, Frame f) {
        double r = TableGeometry.radius(Noun.CUP);
        double h = TableGeometry.height(Noun.CUP);
        boolean handleBehind = f.pointsAway(1, 0);
        if (handleBehind) {
            cupHandle(c, f, r, h);
        }
        f.cylinder(c, 0, 0, r, 0, h, 0xC8302C, 0xE04A44);
        c.fill(f.disc(0, 0, h, r * 0.78), 0x4A2A18);
        c.fill(f.disc(-0.012, -0.01, h, r * 0.3), 0x6A4028);
        if (!handleBehind) {
            cupHandle(c, f, r, h);
        }
    }

    private void cupHandle(Canvas c, Frame f, double r, double h) {
        Point2D q = f.pt(r + 0.022, 0, h * 0.55);
        double hr = 0.026 * f.unit;
        c.stroke(new Ellipse2D.Double(q.getX() - hr, q.getY() - hr, 2 * hr, 2 * hr), 0.018 * f.unit, 0xA8221F);
    }

    private void plate(Canvas c, Frame f) {
        double r = TableGeometry.radius(Noun.PLATE);
        f.cylinder(c, 0, 0, r, 0, TableGeometry.height(Noun.PLATE), 0xD9D5C8, 0xF4F1E8);
        c.stroke(f.disc(0, 0, TableGeometry.height(Noun.PLATE), r * 0.9), 0.014 * f.unit, 0x2F64B0);
        c.fill(f.disc(0, 0, TableGeometry.height(Noun.PLATE), r * 0.62), 0xE8E4D8);
        c.fill(f.disc(0.01, 0.008, TableGeometry.height(Noun.PLATE), r * 0.55), 0xFBF9F3);
    }

    private void bowl(Canvas c, Frame f) {
        double r = TableGeometry.radius(Noun.BOWL);
        double h = TableGeometry.height(Noun.BOWL);
        f.cylinder(c, 0, 0, r * 0.8, 0, h * 0.5, 0x24579A, 0x24579A);
        f.cylinder(c, 0, 0, r, h * 0.45, h, 0x2F6DB5, 0x4D8AD0);
        c.fill(f.disc(0, 0, h, r * 0.84), 0x9EC0E6);
        c.fill(f.disc(0, 0.01, h * 0.5, r * 0.5), 0x7FA6D4);
    }

    private void knife(Canvas c, Frame f) {
        double z = TableGeometry.height(Noun.KNIFE);
        c.fill(f.poly(z, -0.15, -0.02, -0.04, -0.02, -0.04, 0.02, -0.15, 0.02), 0x1E1E1E);
        c.fill(f.poly(z, -0.04, -0.026, 0.1, -0.028, 0.15, 0.0, 0.1, 0.018, -0.04, 0.018), 0xCDD2D8);
        c.stroke(f.poly(z, -0.035, 0.017, 0.1, 0.017), 0.007 * f.unit, 0x7E838A);
    }

    private void spoon(Canvas c, Frame f) {
        double z = TableGeometry.height(Noun.SPOON);
        c.fill(f.poly(z, -0.15, -0.014, 0.02, -0.01, 0.02, 0.01, -0.15, 0.014), 0x14A89C);
        Point2D head = f.pt(0.075, 0, z);
        double rx = 0.062 * f.unit;
        double ry = 0.042 * f.unit;
        java.awt.geom.AffineTransform t = new java.awt.geom.AffineTransform();
        t.translate(head.getX(), head.getY());
        t.scale(1, TableGeometry.SQUASH);
        t.rotate(StrictMath.atan2(f.sin, f.cos));
        c.fill(t.createTransformedShape(new Ellipse2D.Double(-rx, -ry, 2 * rx, 2 * ry)), 0x1CC2B4);
        c.fill(t.createTransformedShape(new Ellipse2D.Double(-rx * 0.7, -ry * 0.65, 1.4 * rx, 1.3 * ry)), 0x0F8479);
    }

    private void bottle(Canvas c, Frame f, Pose p) {
        double r = TableGeometry.radius(Noun.BOTTLE);
        double h = TableGeometry.height(Noun.BOTTLE);
        double neck = 0.05;
        boolean capFar = f.pointsAway(1, 0);
        double[] cap = SceneModel.capPoint(p);
        if (capFar) {
            cap(c, cap, p);
        }
        f.cylinder(c, 0, 0, r, 0, h - neck, 0x2E8B4E, 0x3FA560);
        // label band
        Point2D lb = f.pt(0, 0, h * 0.25);
        Point2D lt = f.pt(0, 0, h * 0.55);
        c.fill(new java.awt.geom.Rectangle2D.Double(lb.getX() - r * f.unit, lt.getY(), 2 * r * f.unit,
                lb.getY() - lt.getY()), 0xF0ECD8);
        f.cylinder(c, 0, 0, r * 0.55, h - neck, h, 0x2E8B4E, 0x1C5A32);
        if (!capFar) {
            cap(c, cap, p);
        }
    }

    private void cap(Canvas c, double[] cap, Pose bottle) {
        Pose cp = new Pose(cap[0], cap[1], cap[2], bottle.angle(), 0);
        Frame cf = new Frame(cp);
        cf.cylinder(c, 0, 0, 0.034, 0, 0.03, 0xC02828, 0xE04040);
    }

    private void lid(Canvas c, Frame f) {
        double r = TableGeometry.radius(Noun.LID);
        double h = TableGeometry.height(Noun.LID);
        f.cylinder(c, 0, 0, r, 0, h, 0x8A9199, 0xAFB6BE);
        c.stroke(f.disc(0, 0, h, r * 0.75), 0.008 * f.unit, 0x7C838B);
        f.cylinder(c, 0, 0, 0.028, h, h + 0.025, 0x202020, 0x3A3A3A);
    }

    private void box(Canvas c, Frame f, Pose p) {
        double hw = TableGeometry.radius(Noun.BOX);
        double hd = TableGeometry.BOX_HALF_DEPTH;
        double h = TableGeometry.height(Noun.BOX);
        double o = p.open();
        double cosO = StrictMath.cos(Math.PI * o);
        double freeY = -hd + 2 * hd * cosO;
        double lift = 2 * hd * StrictMath.sin(Math.PI * o) * 0.9;
        boolean flipped = cosO < 0;
        Path2D lidShape = lidQuad(f, hw, hd, h, freeY, lift);
        if (flipped) {
            // lid lies behind the box: draw it first, underside up
            c.fill(lidShape, 0xE2C48E);
        }
        f.cuboid(c, hw, hd, 0, h, 0x9C6E3E, 0x3E2A18);
        if (o > 0) {
            c.fill(f.poly(h, -hw * 0.92, -hd * 0.9, hw * 0.92, -hd * 0.9, hw * 0.92, hd * 0.9, -hw * 0.92, hd * 0.9),
                    0x2A1C10);
        }
        if (!flipped) {
            c.fill(lidShape, 0xCFA066);
            double tapeY0 = -hd + (freeY + hd) * 0.42;
            double tapeY1 = -hd + (freeY + hd) * 0.58;
            c.fill(lidQuadBetween(f, hw, h, tapeY0, tapeY1, hd, lift), 0xEADBB4);
        }
    }

    /** The box lid: hinge at local y = −hd (top of the box), free edge at local y = freeY raised by lift. */
    private Path2D lidQuad(Frame f, double hw, double hd, double h, double freeY, double lift) {
        Point2D a = f.pt(-hw, -hd, h);
        Point2D b = f.pt(hw, -hd, h);
        Point2D cc = f.pt(hw, freeY, h + lift);
        Point2D d = f.pt(-hw, freeY, h + lift);
        Path2D.Double q = new Path2D.Double();
        q.moveTo(a.getX(), a.getY());
        q.lineTo(b.getX(), b.getY());
        q.lineTo(cc.getX(), cc.getY());
        q.lineTo(d.getX(), d.getY());
        q.closePath();
        return q;
    }

    /** A strip of the lid between two local y values on the line from hinge to free edge. */
    private Path2D lidQuadBetween(Frame f, double hw, double h, double y0, double y1, double hd, double lift) {
        double l0 = lift * ((y0 + hd) / (2 * hd));
        double l1 = lift * ((y1 + hd) / (2 * hd));
        Point2D a = f.pt(-hw, y0, h + l0);
        Point2D b = f.pt(hw, y0, h + l0);
        Point2D cc = f.pt(hw, y1, h + l1);
        Point2D d = f.pt(-hw, y1, h + l1);
        Path2D.Double q = new Path2D.Double();
        q.moveTo(a.getX(), a.getY());
        q.lineTo(b.getX(), b.getY());
        q.lineTo(cc.getX(), cc.getY());
        q.lineTo(d.getX(), d.getY());
        q.closePath();
        return q;
    }

    private void sponge(Canvas c, Frame f) {
        double hw = TableGeometry.radius(Noun.SPONGE);
        double hd = 0.045;
        double h = TableGeometry.height(Noun.SPONGE);
        f.cuboid(c, hw, hd, 0, h, 0xE0B82C, 0xF2D03A);
        c.fill(f.poly(h, -hw, -hd, hw, -hd, hw, 0.005, -hw, 0.005), 0x3D9A4A);
    }

    private void pan(Canvas c, Frame f) {
        double r = TableGeometry.radius(Noun.PAN);
        double h = TableGeometry.height(Noun.PAN);
        boolean handleFar = f.pointsAway(1, 0);
        if (handleFar) {
            panHandle(c, f, r, h);
        }
        f.cylinder(c, 0, 0, r, 0, h, 0x2B2B2E, 0x3C3C40);
        c.fill(f.disc(0, 0, h, r * 0.88), 0x5A5D63);
        c.fill(f.disc(0.015, 0.01, h, r * 0.5), 0x64676D);
        if (!handleFar) {
            panHandle(c, f, r, h);
        }
    }

    private void panHandle(Canvas c, Frame f, double r, double h) {
        c.fill(f.poly(h * 0.8, r - 0.01, -0.016, r + 0.17, -0.02, r + 0.17, 0.02, r - 0.01, 0.016), 0x18181A);
    }
}
