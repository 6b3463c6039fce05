package org.egolens.app.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.egolens.app.backend.Backend;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.inspect.AttentionMaps;
import org.egolens.model.inspect.AttentionProbe;
import org.egolens.model.inspect.HeadSelection;
import org.egolens.model.inspect.PatchMap;
import org.egolens.model.inspect.QueryToken;
import org.egolens.viewer.attention.AttentionStripRenderer;
import org.egolens.viewer.attention.FrameImages;
import org.egolens.viewer.attention.StripStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code egolens attention}: the attention of one query token over the T sampled frames of a video window, drawn as a frame
 * strip with a heatmap overlay and colour scale, written as PNG.
 */
@Command(name = "attention", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Capture the video tower's attention for one clip and write the frame strip with the attention of a"
            + " query token overlaid (PNG).",
            "--head is a head index, 'mean' (mean over heads) or 'rollout' (attention rollout up to --layer);"
                + " --query is 'cls' or a patch 't,h,w' (frame, row, column, 0-based)."})
public final class AttentionCommand implements Callable<Integer> {
    @ParentCommand
    EgoLensCommand root;

    @Option(names = "--model", paramLabel = "PRESET|MODELDIR", required = true, description = "Model preset or folder.")
    String model;

    @Option(names = "--video", paramLabel = "FILE", required = true, description = "Video file.")
    Path video;

    @Option(names = "--start", paramLabel = "S", defaultValue = "0", description = "Window start, seconds (default: 0).")
    double start;

    @Option(names = "--end", paramLabel = "E", description = "Window end, seconds (default: end of the video).")
    Double end;

    @Option(names = "--frames", paramLabel = "T", defaultValue = "4",
            description = "Frames sampled from the window (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--layer", paramLabel = "L", defaultValue = "-1",
            description = "Layer, 0-based; negative counts from the end (default: -1, the last layer).")
    int layer;

    @Option(names = "--head", paramLabel = "H|mean|rollout", defaultValue = "rollout",
            description = "Head index, 'mean' or 'rollout' (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--query", paramLabel = "cls|t,h,w", defaultValue = "cls",
            description = "Query token: 'cls' or a patch 't,h,w' (default: ${DEFAULT-VALUE}).")
    String query;

    @Option(names = "--opacity", paramLabel = "A", defaultValue = "0.6",
            description = "Heatmap opacity 0..1 (default: ${DEFAULT-VALUE}).")
    double opacity;

    @Option(names = "--scale", paramLabel = "minmax|zero", defaultValue = "minmax",
            description = "Colour scale from the smallest patch weight ('minmax') or from 0 ('zero') to the largest"
                    + " (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--tile", paramLabel = "PX", defaultValue = "192",
            description = "Side of one frame in the strip, pixels (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--out", paramLabel = "FILE.png", required = true, description = "Output PNG.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (frames < 1) {
            throw new IllegalArgumentException("--frames must be at least 1, got " + frames);
        }
        HeadSelection selection = HeadSelection.parse(head);
        QueryToken q = QueryToken.parse(query);
        if (!scale.equals("minmax") && !scale.equals("zero")) {
            throw new IllegalArgumentException("--scale must be 'minmax' or 'zero', got '" + scale + "'");
        }
        StripStyle style = new StripStyle(tile, opacity, Double.NaN, scale.equals("zero"), true, "");
        Backend backend = root.backend();
        ClipWindow window = new ClipWindow(video.getFileName().toString(), video, start,
                end != null ? end : Double.POSITIVE_INFINITY);
        PatchMap map;
        BufferedImage strip;
        try (AttentionProbe probe = backend.openAttentionProbe(model, frames)) {
            if (!probe.grid().contains(q)) {
                throw new IllegalArgumentException("--query " + q + " lies outside the " + probe.grid().frames() + " x "
                        + probe.grid().grid() + " x " + probe.grid().grid() + " patch grid (t, h, w) of model " + model);
            }
            int l = layer < 0 ? probe.layers() + layer : layer;
            if (l < 0 || l >= probe.layers()) {
                throw new IllegalArgumentException("--layer " + layer + " outside the " + probe.layers()
                        + " layers of model " + model + " (0-based: 0 to " + (probe.layers() - 1)
                        + ", or -1 for the last)");
            }
            if (selection.kind() == HeadSelection.Kind.HEAD && selection.head() >= probe.heads()) {
                throw new IllegalArgumentException("--head " + selection.head() + " outside the " + probe.heads()
                        + " heads of model " + model);
            }
            FrameBatch clip = backend.videoSource().sample(window, probe.numFrames(), probe.imageSize(), null);
            AttentionMaps maps = probe.capture(clip, q, null);
            if (!maps.supports(selection, q)) {
                throw new IllegalArgumentException(selection.label() + " is not available for model " + model
                        + " at this clip length: " + maps.capture().request()
                        + " (rollout needs the head-mean matrices; use fewer --frames)");
            }
            map = maps.map(l, selection, q);
            String caption = String.format(Locale.ROOT,
                    "%s  \u00b7  %s [%s]  \u00b7  layer %d of %d  \u00b7  %s  \u00b7  query %s", probe.modelId(), video.getFileName(), window(start, end), l, probe.layers(), selection.label(),
                    q.isCls() ? "CLS" : "patch " + q);
            strip = AttentionStripRenderer.render(FrameImages.of(clip, 0), map, style.withCaption(caption));
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(strip, "png", out.toFile())) {
            throw new IOException("no PNG writer for " + out);
        }
        PrintWriter pw = root.spec.commandLine().getOut();
        pw.printf(Locale.ROOT, "wrote %s (%d x %d): %s from %s; largest patch %.4f, patches %.4f, CLS key %.4f%n", out,
                strip.getWidth(), strip.getHeight(), selection.label(), q, map.max(), map.patchMass(), map.clsWeight());
        pw.flush();
        return 0;
    }

    private static String window(double s, Double e) {
        return String.format(Locale.ROOT, "%.2f-%s s", s, e == null ? "end" : String.format(Locale.ROOT, "%.2f", e));
    }
}
