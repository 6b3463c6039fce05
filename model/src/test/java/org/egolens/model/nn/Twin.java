package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the PyTorch twin {@code experiments/twin/eva02_at_twin.py} with {@code /usr/bin/python3} (Debian's
 * {@code python3-torch}). When that interpreter or its torch is missing the calling test is skipped with a message naming
 * it; under {@code CI=true} it fails instead (see {@code .ci/run}, which installs the packages).
 */
public final class Twin {
    /** The interpreter the twin is run with (the PATH {@code python3} may lack torch). */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    /** The twin script, relative to the repository root. */
    static final String SCRIPT = "experiments/twin/eva02_at_twin.py";

    private Twin() {}

    /** The twin script, found from the working directory upwards; skips (fails under CI) when absent. */
    static Path script() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path cand = p.resolve(SCRIPT);
            if (Files.isRegularFile(cand)) {
                return cand;
            }
        }
        unavailable("twin script " + SCRIPT + " not found above " + Path.of("").toAbsolutePath());
        return null;
    }

    /** Skips (or, under CI, fails) unless {@code /usr/bin/python3 -c 'import torch, numpy'} succeeds. */
    public static void requireTorch() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            unavailable(PYTHON + " is missing (install python3-torch and python3-numpy)");
        }
        Result r = run(List.of(PYTHON.toString(), "-c", "import torch, numpy"), 120);
        if (r.exitCode() != 0) {
            unavailable(PYTHON + " cannot import torch and numpy (install python3-torch and python3-numpy): "
                    + r.output());
        }
    }

    /**
     * Runs {@code python3 eva02_at_twin.py parity --model DIR --inputs DIR --out DIR}.
     *
     * @throws AssertionError if the twin exits non-zero or runs past {@code timeoutS} (the message holds its output)
     */
    static void parity(Path model, Path inputs, Path out, long timeoutS) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script().toString(), "parity",
                "--model", model.toString(), "--inputs", inputs.toString(), "--out", out.toString(), "--threads", "1"));
        Result r = run(cmd, timeoutS);
        if (r.exitCode() != 0) {
            fail("twin failed (exit " + r.exitCode() + "): " + String.join(" ", cmd) + "\n" + r.output());
        }
    }

    /**
     * Runs {@code python3 eva02_at_twin.py step --model DIR --inputs DIR --out DIR [extra...]}: one SMS training step
     * (loss, gradients, clip, AdamW) of the twin.
     *
     * @throws AssertionError if the twin exits non-zero or runs past {@code timeoutS} (the message holds its output)
     */
    public static void step(Path model, Path inputs, Path out, long timeoutS, String... extra)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script().toString(), "step",
                "--model", model.toString(), "--inputs", inputs.toString(), "--out", out.toString(), "--threads", "1"));
        cmd.addAll(List.of(extra));
        Result r = run(cmd, timeoutS);
        if (r.exitCode() != 0) {
            fail("twin failed (exit " + r.exitCode() + "): " + String.join(" ", cmd) + "\n" + r.output());
        }
    }

    /** Exit code and merged stdout/stderr of a finished process; exit code −1 on timeout. */
    record Result(int exitCode, String output) {}

    private static Result run(List<String> cmd, long timeoutS) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Path log = Files.createTempFile("egolens-twin", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutS + " s\n" + Files.readString(log,
                        StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void unavailable(String msg) {
        if (SharedData.isCi()) {
            fail(msg);
        }
        Assumptions.abort(msg);
    }
}
