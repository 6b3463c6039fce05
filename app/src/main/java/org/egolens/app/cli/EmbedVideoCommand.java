package org.egolens.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.egolens.app.backend.Backend;
import org.egolens.app.backend.FeatureEncoder;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.io.Npy;
import org.egolens.model.retrieval.EmbeddingIndex;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code egolens embed-video}: video tower features of a clip or of a frames array, written as {@code .npy}. */
@Command(name = "embed-video", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the video tower and write (B, D) float32 features to a .npy file.",
            "Features are raw (CLS -> final LayerNorm -> head, before L2 normalisation) unless --normalize is given,"
                + " so they compare directly with a reference video_features.npy."})
public final class EmbedVideoCommand implements Callable<Integer> {
    @ParentCommand
    EgoLensCommand root;

    @Option(names = "--model", paramLabel = "PRESET|MODELDIR", required = true, description = "Model preset or folder.")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    /** A video window or a ready frames array. */
    static final class Input {
        @ArgGroup(exclusive = false)
        VideoInput video;

        @Option(names = "--frames-npy", paramLabel = "FILE",
                description = "(B, C, T, H, W) float32, already CLIP-normalised; T is taken from the array.")
        Path framesNpy;
    }

    /** A window of a video file. */
    static final class VideoInput {
        @Option(names = "--video", paramLabel = "FILE", required = true, description = "Video file.")
        Path video;

        @Option(names = "--start", paramLabel = "S", defaultValue = "0", description = "Window start, seconds (default: 0).")
        double start;

        @Option(names = "--end", paramLabel = "E", description = "Window end, seconds (default: end of the video).")
        Double end;
    }

    @Option(names = "--frames", paramLabel = "T", defaultValue = "4",
            description = "Frames sampled from --video (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--out", paramLabel = "FILE.npy", required = true, description = "Output .npy, shape (B, D).")
    Path out;

    @Option(names = "--normalize", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "L2-normalise each row (default: raw features).")
    boolean normalize;

    @Override
    public Integer call() throws IOException {
        Backend backend = root.backend();
        FrameBatch batch;
        int t;
        if (input.framesNpy != null) {
            batch = readFrames(input.framesNpy);
            t = batch.frames();
        } else {
            if (frames < 1) {
                throw new IllegalArgumentException("--frames must be at least 1, got " + frames);
            }
            t = frames;
            batch = null;
        }
        float[][] feats;
        try (FeatureEncoder enc = backend.openEncoder(model, t)) {
            int size = enc.descriptor().imageSize();
            if (batch == null) {
                VideoInput v = input.video;
                ClipWindow w = new ClipWindow(v.video.getFileName().toString(), v.video, v.start,
                        v.end != null ? v.end : Double.POSITIVE_INFINITY);
                batch = backend.videoSource().sample(w, t, size, null);
            } else if (batch.height() != size || batch.width() != size) {
                throw new IllegalArgumentException(input.framesNpy + ": frames are " + batch.height() + "x"
                        + batch.width() + " but model " + model + " expects " + size + "x" + size);
            }
            feats = enc.videoFeatures(batch);
        }
        write(feats, out, normalize);
        root.spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s features (%d, %d) to %s%n",
                normalize ? "L2-normalised" : "raw", feats.length, feats.length == 0 ? 0 : feats[0].length, out);
        root.spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * Reads a {@code (B, C, T, H, W)} frames array.
     *
     * @throws IOException if it is not 5-D with C = 3 (names the file and shape)
     */
    static FrameBatch readFrames(Path file) throws IOException {
        Npy.Array a = Npy.read(file);
        int[] s = a.intShape();
        if (s.length != 5 || s[1] != 3) {
            throw new IOException(file + ": expected a (B, 3, T, H, W) array, got shape " + Arrays.toString(s));
        }
        return new FrameBatch(a.toFloats(), s[0], s[1], s[2], s[3], s[4]);
    }

    /** Writes {@code (B, D)} rows, optionally L2-normalised, as float32 {@code .npy}. */
    static void write(float[][] rows, Path out, boolean normalize) throws IOException {
        if (normalize) {
            for (float[] r : rows) {
                EmbeddingIndex.normalizeInPlace(r);
            }
        }
        Npy.writeFloats(out, rows);
    }
}
