package org.egolens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.egolens.app.FakeBackend;
import org.egolens.app.ProbeBackend;
import org.egolens.app.backend.Backend;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.inspect.AttentionMaps;
import org.egolens.model.inspect.HeadSelection;
import org.egolens.model.inspect.ModelAttentionProbe;
import org.egolens.model.inspect.PatchMap;
import org.egolens.model.inspect.QueryToken;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.retrieval.fakes.FakeVideoSource;
import org.egolens.model.retrieval.fakes.FakeVideos;
import org.egolens.viewer.attention.AttentionStripRenderer;
import org.egolens.viewer.attention.Colormap;
import org.egolens.viewer.attention.StripLayout;
import org.egolens.viewer.attention.StripStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttentionCommandTest {
    @TempDir
    Path tmp;
    String out;
    String err;

    int run(Backend backend, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = EgoLensCommand.execute(() -> backend, new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    /**
     * At opacity 1 every patch cell of the PNG has exactly the colour-scale colour of its weight, which is recomputed
     * here with a separate capture of the same clip.
     */
    @Test
    void writesTheFrameStripWithTheOverlayOfTheRequestedHeadAndQuery() throws IOException {
        Path video = FakeVideos.write(tmp.resolve("kitchen.mp4"), 10, 40, 160, 90, new Color(200, 60, 40));
        Path png = tmp.resolve("out/strip.png");
        assertEquals(0, run(new ProbeBackend(1L << 30), "attention", "--model", "tiny", "--video", video.toString(),
                "--start", "0.5", "--end", "3.5", "--frames", "4", "--layer", "1", "--head", "2", "--query", "1,2,3",
                "--opacity", "1", "--tile", "64", "--out", png.toString()), err);
        assertTrue(out.startsWith("wrote " + png), out);
        assertTrue(out.contains("head 2 from 1,2,3"), out);

        FrameBatch clip = new FakeVideoSource().sample(new ClipWindow("kitchen.mp4", video, 0.5, 3.5), 4, 64, null);
        PatchMap map;
        try (ModelAttentionProbe probe = new ModelAttentionProbe(ModelFactory.open("tiny", 4, null))) {
            AttentionMaps maps = probe.capture(clip, QueryToken.patch(1, 2, 3), null);
            map = maps.map(1, HeadSelection.head(2), QueryToken.patch(1, 2, 3));
        }
        BufferedImage img = ImageIO.read(png.toFile());
        StripLayout lay = AttentionStripRenderer.layout(map.grid(), new StripStyle(64, 1, Double.NaN, false, true, "caption"));
        assertEquals(Math.max(2 * 12 + lay.rowWidth(), 2 * 12 + 640), img.getWidth());
        for (int t = 0; t < 4; t++) {
            for (int h = 0; h < 4; h++) {
                for (int w = 0; w < 4; w++) {
                    int x = lay.tileX(t) + w * 16 + 8;
                    int y = lay.top() + h * 16 + 8;
                    // default scale: smallest patch weight to largest
                    int want = Colormap.HEAT.rgb(((double) map.at(t, h, w) - map.min()) / ((double) map.max() - map.min()));
                    assertEquals(want, img.getRGB(x, y) & 0xffffff, "cell t" + t + " h" + h + " w" + w);
                }
            }
        }
        // the query patch is outlined in white
        assertEquals(0xffffff, img.getRGB(lay.tileX(1) + 3 * 16 + 8, lay.top() + 2 * 16) & 0xffffff);
    }

    @Test
    void rolloutFromClsIsTheDefault() throws IOException {
        Path video = FakeVideos.write(tmp.resolve("v.mp4"), 10, 30, 64, 64, Color.BLUE);
        Path png = tmp.resolve("r.png");
        assertEquals(0, run(new ProbeBackend(1L << 30), "attention", "--model", "tiny", "--video", video.toString(),
                "--scale", "zero", "--opacity", "1", "--out", png.toString()), err);
        assertTrue(out.contains("rollout from cls"), out);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getHeight() > 192, "strip with caption, tiles and legend: " + img.getHeight());
        // with the scale from 0 the largest rollout weight is the top colour of the scale
        FrameBatch clip = new FakeVideoSource().sample(ClipWindow.whole("v.mp4", video), 4, 64, null);
        PatchMap map;
        try (ModelAttentionProbe probe = new ModelAttentionProbe(ModelFactory.open("tiny", 4, null))) {
            map = probe.capture(clip, QueryToken.CLS, null).map(1, HeadSelection.ROLLOUT, QueryToken.CLS);
        }
        StripLayout lay = AttentionStripRenderer.layout(map.grid(), new StripStyle(192, 1, Double.NaN, true, true, "c"));
        float[] v = map.values();
        int top = 0;
        for (int i = 1; i < v.length; i++) {
            top = v[i] > v[top] ? i : top;
        }
        int t = top / 16;
        int h = (top / 4) % 4;
        int w = top % 4;
        assertEquals(Colormap.HEAT.rgb(1.0), img.getRGB(lay.tileX(t) + w * 48 + 24, lay.top() + h * 48 + 24) & 0xffffff);
        assertEquals(Colormap.HEAT.rgb((double) v[0] / map.max()),
                img.getRGB(lay.tileX(0) + 24, lay.top() + 24) & 0xffffff);
    }

    @Test
    void badArgumentsNameTheLimits() throws IOException {
        Path video = FakeVideos.write(tmp.resolve("v.mp4"), 10, 30, 64, 64, Color.BLUE);
        String[] base = {"attention", "--model", "tiny", "--video", video.toString(), "--out", tmp.resolve("x.png")
            .toString()};
        assertEquals(1, run(new ProbeBackend(1L << 30), concat(base, "--head", "4")));
        assertTrue(err.contains("--head 4 outside the 4 heads of model tiny"), err);
        assertEquals(1, run(new ProbeBackend(1L << 30), concat(base, "--layer", "2")));
        assertTrue(err.contains("--layer 2 outside the 2 layers"), err);
        assertEquals(1, run(new ProbeBackend(1L << 30), concat(base, "--query", "0,4,0")));
        assertTrue(err.contains("--query 0,4,0 lies outside the 4 x 4 x 4 patch grid"), err);
        assertEquals(1, run(new ProbeBackend(1L << 30), concat(base, "--query", "first")));
        assertTrue(err.contains("query token 'first'"), err);
        assertEquals(1, run(new ProbeBackend(1L << 30), concat(base, "--head", "max")));
        assertTrue(err.contains("head 'max'"), err);
        assertEquals(1, run(new FakeBackend(), base));
        assertTrue(err.contains("cannot capture attention"), err);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
