import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the EgoLens application icon (no third-party media): a rounded tile with a camera lens seen from the wearer's
 * side and a "play" wedge in its pupil. Run as a single-file program:
 * {@code java -Djava.awt.headless=true packaging/MakeIcon.java OUT.png [SIZE]}.
 */
public final class MakeIcon {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: MakeIcon OUT.png [SIZE]");
            System.exit(2);
        }
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        double s = n / 256.0;
        // tile
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f2a5a), n, n, new Color(0x0f8b8d)));
        g.fill(new RoundRectangle2D.Double(8 * s, 8 * s, 240 * s, 240 * s, 56 * s, 56 * s));
        // lens barrel and glass
        g.setColor(new Color(0xf4f1e8));
        g.setStroke(new BasicStroke((float) (18 * s)));
        g.draw(new Ellipse2D.Double(44 * s, 44 * s, 168 * s, 168 * s));
        g.setPaint(new GradientPaint((float) (70 * s), (float) (70 * s), new Color(0x2d3a78), (float) (190 * s),
                (float) (190 * s), new Color(0x0b1430)));
        g.fill(new Ellipse2D.Double(62 * s, 62 * s, 132 * s, 132 * s));
        // aperture ring
        g.setColor(new Color(0x5fd3c9));
        g.setStroke(new BasicStroke((float) (6 * s)));
        g.draw(new Ellipse2D.Double(86 * s, 86 * s, 84 * s, 84 * s));
        // play wedge (video) in the pupil
        g.setColor(new Color(0xffb347));
        Polygon play = new Polygon();
        play.addPoint((int) Math.round(114 * s), (int) Math.round(104 * s));
        play.addPoint((int) Math.round(114 * s), (int) Math.round(152 * s));
        play.addPoint((int) Math.round(154 * s), (int) Math.round(128 * s));
        g.fill(play);
        // glint
        g.setColor(new Color(255, 255, 255, 150));
        g.fill(new Ellipse2D.Double(84 * s, 78 * s, 26 * s, 18 * s));
        g.dispose();
        File out = new File(args[0]);
        if (out.getParentFile() != null) {
            out.getParentFile().mkdirs();
        }
        if (!ImageIO.write(img, "png", out)) {
            throw new IllegalStateException("no PNG writer");
        }
    }
}
