package org.egolens.app.ui.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.egolens.model.io.AtomicFiles;

/**
 * {@code <run>/process.json}, written by the GUI (not part of the trainer contract) when it launches a trainer, so that
 * a later GUI session can find the process again to stop it, and so that a trainer that died without updating its
 * {@code status.json} is recognised.
 *
 * @param pid      process id
 * @param started  the process' start time as the OS reports it (ISO-8601), to tell pid reuse apart; may be null
 * @param command  the command line, as the OS reports it; may be null
 * @param exitCode the exit code once the GUI saw the process end, else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LaunchRecord(@JsonProperty("pid") long pid, @JsonProperty("started") String started,
                           @JsonProperty("command") String command,
                           @JsonProperty("exit_code") Integer exitCode) {
    /** File name in the run folder. */
    public static final String FILE = "process.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The record of a process just started. */
    public static LaunchRecord of(TrainingProcess p) {
        Optional<ProcessHandle.Info> info = ProcessHandle.of(p.pid()).map(ProcessHandle::info);
        String started = info.flatMap(ProcessHandle.Info::startInstant).map(Instant::toString).orElse(null);
        String command = info.flatMap(ProcessHandle.Info::commandLine).orElse(null);
        return new LaunchRecord(p.pid(), started, command, null);
    }

    /** The same record with the exit code. */
    public LaunchRecord withExitCode(int code) {
        return new LaunchRecord(pid, started, command, code);
    }

    /** Writes {@code <runDir>/process.json} atomically. @throws IOException if the folder is not writable */
    public void write(Path runDir) throws IOException {
        Path tmp = AtomicFiles.createTemp(runDir, ".process-", ".tmp");
        try {
            Files.write(tmp, JSON.writeValueAsBytes(this));
            Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads {@code <runDir>/process.json}.
     *
     * @return empty if absent
     * @throws IOException naming the file if it is malformed
     */
    public static Optional<LaunchRecord> read(Path runDir) throws IOException {
        Path f = runDir.resolve(FILE);
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(f), LaunchRecord.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new IOException(f + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The recorded process if it still runs: same pid, and (when both are known) a start time within 2 s of the
     * recorded one, so a recycled pid is not mistaken for the trainer.
     */
    public Optional<TrainingProcess> adopt() {
        if (exitCode != null) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> {
            Optional<Instant> now = h.info().startInstant();
            if (started == null || now.isEmpty()) {
                return true;
            }
            return Duration.between(Instant.parse(started), now.get()).abs().toMillis() <= 2000;
        }).map(ChildProcessLauncher.AdoptedTrainingProcess::new);
    }
}
