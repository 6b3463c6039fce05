package org.egolens.app.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.egolens.app.AppVersion;
import org.egolens.app.backend.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Root of the {@code egolens} command line. Exit codes: 0 success, 1 failure, 2 bad usage, 130 cancelled. Errors print
 * one line on stderr; {@code --verbose} adds the stack trace and debug logging.
 */
@Command(name = "egolens", mixinStandardHelpOptions = true, versionProvider = EgoLensCommand.Version.class,
        description = "Egocentric video-language workbench around EVA02-AT: index clips, search them with text, embed"
                + " videos and narrations.",
        subcommands = {GuiCommand.class, IndexCommand.class, SearchCommand.class, EmbedVideoCommand.class,
            EmbedTextCommand.class,
            InfoCommand.class,
            EvalMirCommand.class,
            DemoDataCommand.class,
            ConvertCommand.class,
            EvalCommand.class,
            AttentionCommand.class,
            TrainCommand.class,
            CommandLine.HelpCommand.class})
public final class EgoLensCommand implements Runnable {
    /** Exit code: the command failed. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code: the command line was wrong. */
    public static final int EXIT_USAGE = 2;
    /** Exit code: the user cancelled (Ctrl-C). */
    public static final int EXIT_CANCELLED = 130;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces and debug logs.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Sets where the CLIP BPE vocabulary is (see {@link org.egolens.model.tokenize.ClipVocabularyLocator}). */
    @Option(names = "--vocab", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The CLIP BPE vocabulary bpe_simple_vocab_16e6.txt.gz (or its folder), if not found beside the"
                    + " model or in ~/.egolens.")
    void setVocab(java.nio.file.Path file) {
        System.setProperty(org.egolens.model.tokenize.ClipVocabularyLocator.PROPERTY, file.toString());
    }

    /** Sets the compute device (see {@link org.egolens.model.nn.DeviceRequest}); checked when the engine starts. */
    @Option(names = "--device", scope = ScopeType.INHERIT, paramLabel = "DEVICE",
            description = "Compute device: auto (default: the first GPU if the PyTorch natives see one, else the CPU),"
                    + " cpu, gpu or gpu:N. Asking for a GPU that the engine cannot see is an error, never a silent CPU"
                    + " run.")
    void setDevice(String device) {
        try {
            org.egolens.model.nn.DeviceRequest.parse(device);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--device: " + e.getMessage());
        }
        System.setProperty(org.egolens.model.nn.DeviceRequest.PROPERTY, device);
    }

    private final Supplier<Backend> backend;
    private Backend loaded;

    /** @param backend supplies the model-side implementations; called at most once, when a command needs them */
    public EgoLensCommand(Supplier<Backend> backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** The backend, created on first use. */
    public synchronized Backend backend() {
        if (loaded == null) {
            loaded = backend.get();
        }
        return loaded;
    }

    /** True when {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A configured command line: commands built with picocli's default factory, output to {@code out}, errors to
     * {@code err}, one-line error reporting.
     */
    public static CommandLine commandLine(Supplier<Backend> backend, PrintWriter out, PrintWriter err) {
        EgoLensCommand root = new EgoLensCommand(backend);
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter e = cmd.getErr();
            String where = cmd.getCommandSpec().qualifiedName();
            if (ex instanceof CancellationException) {
                e.println(where + ": cancelled: " + message(ex));
                e.flush();
                return EXIT_CANCELLED;
            }
            e.println(where + ": error: " + message(ex));
            if (root.verbose) {
                ex.printStackTrace(e);
            }
            e.flush();
            return EXIT_FAILURE;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = c.getErr();
            String where = c.getCommandSpec().qualifiedName();
            e.println(where + ": " + ex.getMessage() + " (see '" + where + " --help')");
            e.flush();
            return EXIT_USAGE;
        });
        return cl;
    }

    /**
     * Runs {@code args} and returns the exit code.
     *
     * @see #commandLine
     */
    public static int execute(Supplier<Backend> backend, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(backend, out, err).execute(args);
    }

    /** The most useful message of an exception chain. */
    static String message(Throwable t) {
        Throwable c = t;
        while (c.getMessage() == null && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    /** {@code egolens --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"EgoLens " + AppVersion.get(), "Java " + System.getProperty("java.version") + " ("
                    + System.getProperty("java.vendor") + ")"};
        }
    }
}
