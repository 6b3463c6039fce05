package org.egolens.model.train.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.egolens.model.io.AtomicFiles;

/**
 * Read access to one training run folder (training run contract, "Run folder"): {@code status.json}, {@code run.json},
 * {@code config.resolved.yaml}, {@code metrics.jsonl}, {@code checkpoints/step-<N>/}. Every read goes to the disk
 * (the trainer may be writing concurrently); a missing file reads as empty, a malformed one throws an
 * {@link IOException} naming the file.
 */
public final class RunFolder {
    /** The trainer's state file. */
    public static final String STATUS = "status.json";
    /** Run identity, written once. */
    public static final String RUN_INFO = "run.json";
    /** The event stream. */
    public static final String METRICS = "metrics.jsonl";
    /** The config with every value filled in. */
    public static final String RESOLVED_CONFIG = "config.resolved.yaml";
    /** The trainer's log. */
    public static final String TRAIN_LOG = "train.log";
    /** Folder of {@code step-<N>} checkpoint folders. */
    public static final String CHECKPOINTS = "checkpoints";

    private static final Pattern CHECKPOINT = Pattern.compile("step-(\\d+)");

    private final Path dir;

    /** A reader for the run in {@code dir} (which need not exist yet). */
    public RunFolder(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    }

    /** The run folder. */
    public Path dir() {
        return dir;
    }

    /** The folder's own name. */
    public String folderName() {
        Path n = dir.getFileName();
        return n == null ? dir.toString() : n.toString();
    }

    /** {@code <run>/metrics.jsonl} (may not exist yet). */
    public Path metricsFile() {
        return dir.resolve(METRICS);
    }

    /** {@code <run>/status.json}. */
    public Path statusFile() {
        return dir.resolve(STATUS);
    }

    /** True if {@code dir} is a folder holding at least one of run.json, status.json and metrics.jsonl. */
    public static boolean looksLikeRun(Path dir) {
        return Files.isDirectory(dir) && (Files.isRegularFile(dir.resolve(RUN_INFO))
                || Files.isRegularFile(dir.resolve(STATUS)) || Files.isRegularFile(dir.resolve(METRICS)));
    }

    /**
     * Reads {@code status.json}.
     *
     * @return empty if the file does not exist (yet)
     * @throws IOException naming the file if it is not a valid status object
     */
    public Optional<RunStatus> status() throws IOException {
        return readJson(statusFile(), RunStatus.class);
    }

    /**
     * Reads {@code run.json}.
     *
     * @return empty if the file does not exist (yet)
     * @throws IOException naming the file if it is malformed
     */
    public Optional<RunInfo> info() throws IOException {
        return readJson(dir.resolve(RUN_INFO), RunInfo.class);
    }

    /**
     * Reads {@code config.resolved.yaml} as a tree (keys as in the contract, snake_case).
     *
     * @return empty if the file does not exist (yet)
     * @throws IOException naming the file if it is not YAML
     */
    public Optional<JsonNode> resolvedConfig() throws IOException {
        Path f = dir.resolve(RESOLVED_CONFIG);
        try {
            return Optional.ofNullable(RunJson.YAML.readTree(Files.readString(f, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new IOException(f + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The run's display name: {@code run.json}'s name, else the folder name (an unreadable run.json is ignored). */
    public String displayName() {
        try {
            return info().map(RunInfo::name).filter(n -> !n.isBlank()).orElse(folderName());
        } catch (IOException e) {
            return folderName();
        }
    }

    /**
     * The steps of the complete checkpoints, ascending: the {@code checkpoints/step-<N>} folders (temp folders of a
     * checkpoint being written have other names and are skipped).
     *
     * @throws IOException if the folder cannot be listed
     */
    public List<Long> checkpointSteps() throws IOException {
        Path root = dir.resolve(CHECKPOINTS);
        List<Long> steps = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return steps;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                Matcher m = CHECKPOINT.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p)) {
                    steps.add(Long.parseLong(m.group(1)));
                }
            }
        }
        steps.sort(Comparator.naturalOrder());
        return steps;
    }

    /** The newest checkpoint's step, empty if there is none. */
    public OptionalLong latestCheckpointStep() throws IOException {
        List<Long> s = checkpointSteps();
        return s.isEmpty() ? OptionalLong.empty() : OptionalLong.of(s.get(s.size() - 1));
    }

    /** When anything in the run last changed as far as cheaply known: the newest of status.json and metrics.jsonl. */
    public FileTime lastModified() {
        FileTime t = FileTime.fromMillis(0);
        for (Path p : List.of(statusFile(), metricsFile(), dir)) {
            try {
                FileTime m = Files.getLastModifiedTime(p);
                if (m.compareTo(t) > 0) {
                    t = m;
                }
            } catch (IOException ignored) {
                // absent: does not count
            }
        }
        return t;
    }

    /**
     * Writes {@code status.json} atomically (temp file in the same folder, then an atomic rename), so readers never see
     * a half-written file.
     *
     * @throws IOException if the folder is not writable
     */
    public void writeStatus(RunStatus status) throws IOException {
        Files.createDirectories(dir);
        Path tmp = AtomicFiles.createTemp(dir, ".status-", ".tmp");
        try {
            Files.writeString(tmp, RunJson.PRETTY.writeValueAsString(status) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, statusFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, statusFile(), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The runs directly under {@code runsRoot} (folders for which {@link #looksLikeRun} holds), most recently changed
     * first.
     *
     * @return empty if {@code runsRoot} does not exist
     * @throws IOException if it cannot be listed
     */
    public static List<RunFolder> list(Path runsRoot) throws IOException {
        List<RunFolder> runs = new ArrayList<>();
        if (!Files.isDirectory(runsRoot)) {
            return runs;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(runsRoot, Files::isDirectory)) {
            for (Path p : ds) {
                if (looksLikeRun(p)) {
                    runs.add(new RunFolder(p));
                }
            }
        }
        List<FileTime> times = new ArrayList<>();
        runs.forEach(r -> times.add(r.lastModified()));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> times.get(i)).reversed()
                .thenComparing(i -> runs.get(i).folderName()));
        return order.stream().map(runs::get).toList();
    }

    private <T> Optional<T> readJson(Path file, Class<T> type) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunJson.JSON.readValue(bytes, type));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunFolder r && r.dir.equals(dir);
    }

    @Override
    public int hashCode() {
        return dir.hashCode();
    }

    @Override
    public String toString() {
        return "RunFolder[" + dir + "]";
    }
}
