package org.egolens.app.ui.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches the trainer as a child JVM on the GUI's own class path:
 * {@code <java.home>/bin/java [jvm options] -cp <java.class.path> <main class> <leading args> --config FILE --run-dir DIR}
 * (or {@code --resume DIR}). If the runtime has no {@code bin/java} (a jpackage image strips it), the current process'
 * own executable (the native app launcher, whose main class dispatches CLI commands) is run instead with the leading
 * args. The child's stdout and stderr are appended to {@code <run>/console.log}; it does not depend on the GUI staying
 * alive. System properties {@code egolens.*}, {@code ai.djl.*} and {@code org.slf4j.*} of the GUI are passed on.
 */
public final class ChildProcessLauncher implements TrainingLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcessLauncher.class);
    /** The file in the run folder receiving the child's console output. */
    public static final String CONSOLE_LOG = "console.log";
    /** System property with extra JVM options for the trainer, space-separated (e.g. {@code -Xmx8g}). */
    public static final String JVM_OPTIONS_PROPERTY = "egolens.train.jvmOptions";
    private static final List<String> FORWARDED_PREFIXES = List.of("egolens.", "ai.djl.", "org.slf4j.");

    private final String mainClass;
    private final List<String> leadingArgs;
    private final List<String> jvmOptions;

    /**
     * @param mainClass   the class whose {@code main} runs the trainer
     * @param leadingArgs arguments before the train options (e.g. {@code ["train"]})
     * @param jvmOptions  extra JVM options
     */
    public ChildProcessLauncher(String mainClass, List<String> leadingArgs, List<String> jvmOptions) {
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        this.leadingArgs = List.copyOf(leadingArgs);
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The real trainer: {@code org.egolens.app.Launcher train …}, with the JVM options of
     * {@value #JVM_OPTIONS_PROPERTY}.
     */
    public static ChildProcessLauncher egolens() {
        String extra = System.getProperty(JVM_OPTIONS_PROPERTY, "").trim();
        return new ChildProcessLauncher("org.egolens.app.Launcher", List.of("train"),
                extra.isEmpty() ? List.of() : List.of(extra.split("\\s+")));
    }

    @Override
    public TrainingProcess start(Path configFile, Path runDir) throws IOException {
        return launch(List.of("--config", configFile.toAbsolutePath().toString(), "--run-dir",
                runDir.toAbsolutePath().toString()), runDir);
    }

    @Override
    public TrainingProcess resume(Path runDir) throws IOException {
        return launch(List.of("--resume", runDir.toAbsolutePath().toString()), runDir);
    }

    /** The full command line for the given train options. */
    public List<String> command(List<String> trainArgs) {
        List<String> cmd = new ArrayList<>();
        Path java = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            cmd.add(java.toString());
            cmd.addAll(jvmOptions);
            System.getProperties().stringPropertyNames().stream().sorted()
                    .filter(k -> FORWARDED_PREFIXES.stream().anyMatch(k::startsWith))
                    .filter(k -> !k.equals(JVM_OPTIONS_PROPERTY))
                    .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(mainClass);
        } else {
            String self = ProcessHandle.current().info().command()
                    .orElseThrow(() -> new IllegalStateException("no java executable in " + java.getParent()
                            + " and the current process' executable is unknown"));
            cmd.add(self);
        }
        cmd.addAll(leadingArgs);
        cmd.addAll(trainArgs);
        return cmd;
    }

    private TrainingProcess launch(List<String> trainArgs, Path runDir) throws IOException {
        Files.createDirectories(runDir);
        List<String> cmd = command(trainArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve(CONSOLE_LOG).toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        Process p = pb.start();
        LOG.info("started trainer pid {} for {}: {}", p.pid(), runDir, String.join(" ", trainArgs));
        return new ChildTrainingProcess(p);
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** A process this JVM started: its exit code is known. */
    static final class ChildTrainingProcess implements TrainingProcess {
        private final Process process;
        private final CompletableFuture<OptionalInt> exit;

        ChildTrainingProcess(Process process) {
            this.process = process;
            this.exit = process.onExit().thenApply(p -> OptionalInt.of(p.exitValue()));
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void stop() {
            process.destroy();
        }

        @Override
        public void kill() {
            process.destroyForcibly();
        }

        @Override
        public CompletableFuture<OptionalInt> exit() {
            return exit;
        }
    }

    /** A process started by an earlier GUI session, found again by its pid: no exit code. */
    static final class AdoptedTrainingProcess implements TrainingProcess {
        private final ProcessHandle handle;
        private final CompletableFuture<OptionalInt> exit;

        AdoptedTrainingProcess(ProcessHandle handle) {
            this.handle = handle;
            this.exit = handle.onExit().thenApply(h -> OptionalInt.empty());
        }

        @Override
        public long pid() {
            return handle.pid();
        }

        @Override
        public boolean isAlive() {
            return handle.isAlive();
        }

        @Override
        public void stop() {
            handle.destroy();
        }

        @Override
        public void kill() {
            handle.destroyForcibly();
        }

        @Override
        public CompletableFuture<OptionalInt> exit() {
            return exit;
        }
    }
}
