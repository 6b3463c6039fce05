package org.egolens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.egolens.model.checkpoint.LoadOptions;
import org.egolens.model.checkpoint.ModelConverter;
import org.egolens.model.nn.LoadReport;
import org.egolens.model.nn.ModelConfig;
import org.egolens.model.nn.TemporalInit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code egolens convert}: an EVA02-CLIP / EVA02-AT checkpoint ({@code .pt} torch zip or {@code .safetensors}; EVA-CLIP,
 * open_clip/timm or AVION-style keys) → a model folder that every command and the GUI open. Runs on the model side
 * directly (no {@link org.egolens.app.backend.Backend} needed).
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Convert a checkpoint into an EgoLens model folder (config.json, model.safetensors,"
                + " tokenizer.json reference, conversion.json).",
            "An image EVA02-CLIP checkpoint becomes an EVA02-AT video model: new temporal embedding (zeros by"
                + " default) and, with --embed-dim, new projection heads. Missing, unexpected or mis-shaped backbone"
                + " tensors refuse the conversion and are listed."})
public final class ConvertCommand implements Callable<Integer> {
    @ParentCommand
    EgoLensCommand root;

    @Option(names = "--in", paramLabel = "FILE", required = true,
            description = "Checkpoint (.pt/.pth/.bin torch zip or .safetensors). Repeat to lay a second file (e.g. a"
                    + " video tower) over the first.")
    List<Path> inputs;

    @Option(names = "--config", paramLabel = "config.json",
            description = "EVA-CLIP model config (default: config.json beside the checkpoint, else inferred from the"
                    + " tensor shapes).")
    Path config;

    @Option(names = "--out", paramLabel = "MODELDIR", required = true, description = "Model folder to write.")
    Path out;

    @Option(names = "--frames", paramLabel = "T",
            description = "Frames per clip of the video model (default: the checkpoint's temporal table, else the"
                    + " config's, else 4).")
    int frames;

    @Option(names = "--embed-dim", paramLabel = "E",
            description = "Joint embedding size; a value different from the checkpoint's creates new projection heads"
                    + " (e.g. 256 for EVA02-AT).")
    int embedDim;

    @Option(names = "--temporal-init", paramLabel = "zeros|normal", defaultValue = "zeros",
            converter = TemporalInitConverter.class,
            description = "New temporal embedding of an image checkpoint (default: ${DEFAULT-VALUE}).")
    TemporalInit temporalInit;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of new heads / temporal embedding (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tokenizer", paramLabel = "VOCAB",
            description = "bpe_simple_vocab_16e6.txt.gz (or its folder) to reference; it is not copied (default: the"
                    + " file beside the checkpoint, if any).")
    Path tokenizer;

    @Option(names = "--force", description = "Replace the model files of an existing non-empty folder.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (frames < 0 || embedDim < 0) {
            throw new IllegalArgumentException("--frames and --embed-dim must be positive");
        }
        LoadOptions o = LoadOptions.defaults().withNumFrames(frames).withEmbedDim(embedDim)
                .withTemporalInit(temporalInit).withSeed(seed);
        if (config != null) {
            o = o.withConfig(ModelConfig.read(config));
        }
        ModelConverter.Result r = ModelConverter.convert(inputs, o, tokenizer, out, force);
        PrintWriter w = root.spec.commandLine().getOut();
        LoadReport rep = r.report();
        ModelConfig c = r.config();
        w.printf(Locale.ROOT, "converted %s -> %s%n", inputs.size() == 1 ? inputs.get(0) : inputs, r.outDir());
        w.printf(Locale.ROOT, "model: %d x %d vision (patch %d, %d px), %d x %d text, E = %d, T = %d frames (%s)%n",
                c.vision().layers(), c.vision().width(), c.vision().patchSize(), c.vision().imageSize(),
                c.text().layers(), c.text().width(), c.embedDim(), c.numFrames(), c.hash());
        w.println(rep.toText());
        w.flush();
        return 0;
    }

    /** Parses {@code zeros}/{@code normal}. */
    static final class TemporalInitConverter implements picocli.CommandLine.ITypeConverter<TemporalInit> {
        @Override
        public TemporalInit convert(String value) {
            return TemporalInit.parse(value);
        }
    }
}
