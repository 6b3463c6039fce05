package org.egolens.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.egolens.app.backend.FeatureEncoder;
import org.egolens.model.io.Npy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code egolens embed-text}: text tower features of narrations or of token ids, written as {@code .npy}. */
@Command(name = "embed-text", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the text tower and write (N, D) float32 features to a .npy file.",
            "Features are raw (EOT token -> ln_final -> text projection, before L2 normalisation) unless --normalize"
                + " is given, so they compare directly with a reference text_features.npy."})
public final class EmbedTextCommand implements Callable<Integer> {
    @ParentCommand
    EgoLensCommand root;

    @Option(names = "--model", paramLabel = "PRESET|MODELDIR", required = true, description = "Model preset or folder.")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    /** Texts or token ids. */
    static final class Input {
        @Option(names = "--text", paramLabel = "TEXT", arity = "1..*", description = "One or more narrations.")
        List<String> texts;

        @Option(names = "--ids-npy", paramLabel = "FILE", description = "(N, L) int64 token ids, L = context length (77).")
        Path idsNpy;
    }

    @Option(names = "--out", paramLabel = "FILE.npy", required = true, description = "Output .npy, shape (N, D).")
    Path out;

    @Option(names = "--normalize", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "L2-normalise each row (default: raw features).")
    boolean normalize;

    @Override
    public Integer call() throws IOException {
        float[][] feats;
        // T does not matter for the text tower; 4 matches the default video setting
        try (FeatureEncoder enc = root.backend().openEncoder(model, 4)) {
            long[][] ids = input.idsNpy != null ? readIds(input.idsNpy, enc.contextLength())
                    : enc.tokenizer().encode(input.texts);
            feats = enc.textFeatures(ids);
        }
        EmbedVideoCommand.write(feats, out, normalize);
        root.spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s features (%d, %d) to %s%n",
                normalize ? "L2-normalised" : "raw", feats.length, feats.length == 0 ? 0 : feats[0].length, out);
        root.spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * Reads {@code (N, L)} token ids.
     *
     * @throws IOException if the array is not 2-D with L = {@code contextLength} (names the file and shape)
     */
    static long[][] readIds(Path file, int contextLength) throws IOException {
        Npy.Array a = Npy.read(file);
        int[] s = a.intShape();
        if (s.length != 2 || s[1] != contextLength) {
            throw new IOException(file + ": expected (N, " + contextLength + ") token ids, got shape "
                    + Arrays.toString(s));
        }
        long[] flat = a.toLongs();
        long[][] ids = new long[s[0]][];
        for (int i = 0; i < s[0]; i++) {
            ids[i] = Arrays.copyOfRange(flat, i * s[1], (i + 1) * s[1]);
        }
        return ids;
    }
}
