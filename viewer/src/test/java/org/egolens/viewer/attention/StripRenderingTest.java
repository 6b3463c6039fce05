package org.egolens.viewer.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.egolens.model.data.ClipNormalization;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.inspect.PatchMap;
import org.egolens.model.inspect.QueryToken;
import org.egolens.model.inspect.TokenGrid;
import org.junit.jupiter.api.Test;

/** Strip geometry, the colour scale, frame de-normalisation and the rendered overlay. */
class StripRenderingTest {
    @Test
    void clicksMapToPatchesAndGapsToNothing() {
        StripLayout lay = new StripLayout(3, 4, 100, 10, 12, 40);
        assertEquals(Optional.of(QueryToken.patch(0, 0, 0)), lay.patchAt(12, 40));
        assertEquals(Optional.of(QueryToken.patch(0, 3, 3)), lay.patchAt(111.9, 139.9));
        assertEquals(Optional.empty(), lay.patchAt(115, 60), "between tiles 0 and 1");
        assertEquals(Optional.of(QueryToken.patch(1, 1, 2)), lay.patchAt(12 + 110 + 55, 40 + 30));
        assertEquals(Optional.of(QueryToken.patch(2, 2, 0)), lay.patchAt(12 + 220 + 1, 40 + 50));
        assertEquals(Optional.empty(), lay.patchAt(12 + 330, 60), "right of the last tile");
        assertEquals(Optional.empty(), lay.patchAt(20, 39), "above the tiles");
        assertEquals(Optional.empty(), lay.patchAt(20, 140), "below the tiles");
        assertEquals(12 + 2 * 110, lay.tileX(2));
        assertEquals(320, lay.rowWidth());
    }

    @Test
    void heatScaleRunsFromDarkToLightWithRisingLightness() {
        assertEquals(0x0b0420, Colormap.HEAT.rgb(0));
        assertEquals(0xfcfdbf, Colormap.HEAT.rgb(1));
        assertEquals(Colormap.HEAT.rgb(0), Colormap.HEAT.rgb(-3));
        assertEquals(Colormap.HEAT.rgb(1), Colormap.HEAT.rgb(7));
        double last = -1;
        for (int i = 0; i <= 100; i++) {
            int c = Colormap.HEAT.rgb(i / 100.0);
            double luma = 0.2126 * ((c >> 16) & 0xff) + 0.7152 * ((c >> 8) & 0xff) + 0.0722 * (c & 0xff);
            assertTrue(luma >= last - 1e-9, "lightness rises at " + i);
            last = luma;
        }
    }

    /** Pixel values 0…255 written as CLIP-normalised floats come back as the same pixels. */
    @Test
    void framesAreDenormalisedToTheModelsPixels() {
        int t = 2;
        int s = 4;
        float[] d = new float[3 * t * s * s];
        int[][] rgb = new int[t][s * s];
        for (int f = 0; f < t; f++) {
            for (int i = 0; i < s * s; i++) {
                int r = (17 * i + 90 * f) % 256;
                int g = (31 * i + 7) % 256;
                int b = (5 * i + 200 * f) % 256;
                rgb[f][i] = (r << 16) | (g << 8) | b;
                int[] px = {r, g, b};
                for (int c = 0; c < 3; c++) {
                    d[(c * t + f) * s * s + i] = ClipNormalization.normalize(c, px[c]);
                }
            }
        }
        List<BufferedImage> frames = FrameImages.of(new FrameBatch(d, 1, 3, t, s, s), 0);
        assertEquals(t, frames.size());
        for (int f = 0; f < t; f++) {
            for (int i = 0; i < s * s; i++) {
                assertEquals(rgb[f][i], frames.get(f).getRGB(i % s, i / s) & 0xffffff, "frame " + f + " pixel " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> FrameImages.of(new FrameBatch(d, 1, 3, t, s, s), 1));
    }

    /** At opacity 0 the tiles show the frames; at opacity 1 each cell has its scale colour; the scale can start at 0. */
    @Test
    void overlayColoursFollowTheScale() {
        TokenGrid grid = new TokenGrid(2, 2);
        float[] v = {0.1f, 0.2f, 0.3f, 0.4f, 0.0f, 0.0f, 0.0f, 0.0f};
        PatchMap map = new PatchMap(grid, QueryToken.CLS, v, 0f);
        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                grey.setRGB(x, y, 0x808080);
            }
        }
        List<BufferedImage> frames = List.of(grey, grey);
        StripStyle style = new StripStyle(40, 1, Double.NaN, false, false, "");
        BufferedImage img = AttentionStripRenderer.render(frames, map, style);
        StripLayout lay = AttentionStripRenderer.layout(grid, style);
        // min 0, max 0.4: cell (0, 0, 1) = 0.2 → middle of the scale
        assertEquals(Colormap.HEAT.rgb(0.5), img.getRGB(lay.tileX(0) + 30, lay.top() + 10) & 0xffffff);
        assertEquals(Colormap.HEAT.rgb(1.0), img.getRGB(lay.tileX(0) + 30, lay.top() + 30) & 0xffffff);
        assertEquals(Colormap.HEAT.rgb(0.0), img.getRGB(lay.tileX(1) + 10, lay.top() + 10) & 0xffffff);
        BufferedImage plain = AttentionStripRenderer.render(frames, map, style.withOpacity(0));
        assertEquals(0x808080, plain.getRGB(lay.tileX(1) + 20, lay.top() + 20) & 0xffffff);
        // a map with a floor: from-zero keeps 0.1 at a quarter of the scale, min-max puts it at the bottom
        PatchMap floor = new PatchMap(grid, QueryToken.CLS, new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.1f, 0.1f, 0.1f, 0.1f},
                0f);
        BufferedImage zero = AttentionStripRenderer.render(frames, floor, style.withFromZero(true));
        assertEquals(Colormap.HEAT.rgb(0.1f / 0.4f), zero.getRGB(lay.tileX(1) + 10, lay.top() + 10) & 0xffffff);
        BufferedImage minmax = AttentionStripRenderer.render(frames, floor, style);
        assertEquals(Colormap.HEAT.rgb(0), minmax.getRGB(lay.tileX(1) + 10, lay.top() + 10) & 0xffffff);
        assertThrows(IllegalArgumentException.class, () -> AttentionStripRenderer.render(List.of(grey), map, style));
    }
}
