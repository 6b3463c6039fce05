package org.egolens.model.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on the test classpath running one main class, its console sent to a log file. Used to SIGKILL a writer
 * ({@link Process#destroyForcibly()}) at a moment the test chooses.
 */
final class ChildJvm {
    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java -cp <test classpath> <mainClass> <args>} with the test's DJL offline setting and one intra-op
     * thread.
     *
     * @param log file receiving stdout and stderr
     * @throws IOException if the JVM cannot be started
     */
    static ChildJvm start(Path log, Class<?> mainClass, String... args) throws IOException {
        return start(log, List.of("-Xmx1g"), mainClass, args);
    }

    /** Same, with the given JVM options (heap settings) instead of {@code -Xmx1g}. */
    static ChildJvm start(Path log, List<String> jvmOptions, Class<?> mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-cp",
                System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildJvm(p, log);
    }

    /** The process id (for {@code prlimit}). */
    long pid() {
        return process.pid();
    }

    /**
     * Waits until {@code marker} exists.
     *
     * @throws IllegalStateException if the child exits first or {@code seconds} pass (with the child's log)
     */
    void awaitFile(Path marker, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(marker)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("child never wrote " + marker + ":\n" + Files.readString(log));
            }
            Thread.sleep(10);
        }
    }

    /**
     * Kills the child with SIGKILL and waits for it.
     *
     * @return true if it was still running (the kill interrupted it), false if it had already exited
     */
    boolean kill() throws InterruptedException {
        boolean alive = process.isAlive();
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child did not die");
        }
        return alive;
    }

    /**
     * Waits for a normal exit.
     *
     * @return the exit code
     * @throws IllegalStateException after {@code seconds} (the child is killed)
     */
    int await(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child still running after " + seconds + " s");
        }
        return process.exitValue();
    }

    /** The child's console output so far. */
    String output() throws IOException {
        return Files.readString(log);
    }
}
