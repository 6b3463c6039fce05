package org.egolens.model.train;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.egolens.model.io.AtomicFiles;
import org.egolens.model.train.run.RunEvent;
import org.egolens.model.train.run.RunFolder;
import org.egolens.model.train.run.RunInfo;
import org.egolens.model.train.run.RunState;
import org.egolens.model.train.run.RunStatus;

/**
 * The trainer's side of the run folder contract ({@link RunFolder}): {@code run.json} once, {@code config.resolved.yaml},
 * {@code status.json} (atomic rewrites), {@code metrics.jsonl} (one event per line, flushed per line, so followers see
 * each step at once) and {@code train.log}. On resume a partly written last line (the trainer was killed while writing
 * it) is cut off before new events are appended.
 */
public final class RunWriter implements Closeable {
    static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final RunFolder folder;
    private final BufferedWriter metrics;
    private final BufferedWriter log;

    /**
     * Opens the folder's files for appending (creating them).
     *
     * @throws IOException if the folder cannot be written
     */
    public RunWriter(RunFolder folder) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder.dir());
        Path m = folder.metricsFile();
        cutPartialLine(m);
        this.metrics = Files.newBufferedWriter(m, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        this.log = Files.newBufferedWriter(folder.dir().resolve(RunFolder.TRAIN_LOG), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The run folder. */
    public RunFolder folder() {
        return folder;
    }

    /** Writes {@code run.json} and the resolved config (both atomically). */
    public void start(RunInfo info, TrainRunConfig config) throws IOException {
        writeAtomically(folder.dir().resolve(RunFolder.RUN_INFO), PRETTY.writeValueAsString(info) + "\n");
        writeAtomically(folder.dir().resolve(RunFolder.RESOLVED_CONFIG), config.toYaml());
    }

    /** Appends one event line and flushes it. */
    public synchronized void event(RunEvent e) throws IOException {
        metrics.write(RunEvent.toJson(e));
        metrics.write('\n');
        metrics.flush();
    }

    /** Rewrites {@code status.json}. */
    public void status(RunState state, long step, String message) throws IOException {
        folder.writeStatus(RunStatus.now(state, step, message));
    }

    /** Appends a time-stamped line to {@code train.log}. */
    public synchronized void log(String line) {
        try {
            log.write(Instant.now() + " " + line);
            log.write('\n');
            log.flush();
        } catch (IOException e) {
            // the log is a convenience; the event stream and status carry the facts
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            metrics.close();
        } finally {
            log.close();
        }
    }

    /** Writes a text file through a temporary file in the same folder and an atomic rename. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = AtomicFiles.createTemp(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void cutPartialLine(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long len = f.length();
            long keep = len;
            while (keep > 0) {
                f.seek(keep - 1);
                if (f.read() == '\n') {
                    break;
                }
                keep--;
            }
            if (keep != len) {
                f.setLength(keep);
            }
        }
    }
}
