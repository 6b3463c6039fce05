package org.egolens.model.eval.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation runs kept under one folder (a workspace's {@code .egolens/eval/}): one sub-folder per run with its
 * {@code run.json} and {@code metrics.json}.
 */
public final class EvalHistory {
    private static final Logger LOG = LoggerFactory.getLogger(EvalHistory.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private EvalHistory() {}

    /**
     * The finished runs below {@code root}, newest first. Folders without {@code run.json} (e.g. a run still going)
     * are left out; unreadable ones are logged and left out. A missing root gives an empty list.
     *
     * @throws IOException if the root exists but cannot be listed
     */
    public static List<EvalSummary> list(Path root) throws IOException {
        List<EvalSummary> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path dir : s.filter(Files::isDirectory).toList()) {
                if (!Files.isRegularFile(dir.resolve(EvalRecord.FILE))) {
                    continue;
                }
                try {
                    out.add(EvalSummary.read(dir));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("skipping evaluation folder {}: {}", dir, e.getMessage());
                }
            }
        }
        out.sort(Comparator.comparing((EvalSummary e) -> e.record().created()).reversed()
                .thenComparing(e -> e.dir().getFileName().toString()));
        return out;
    }

    /**
     * A new, not yet existing run folder below {@code root}:
     * {@code <task>-<model>-t<T>-<yyyyMMdd-HHmmss>} (UTC), with {@code -2}, {@code -3} … appended when taken.
     */
    public static Path newRunDir(Path root, EvalTask task, String modelId, int frames, Instant when) {
        String model = EvalRecord.modelName(modelId).replaceAll("[^A-Za-z0-9._-]", "_");
        String base = task.id() + "-" + model + "-t" + frames + "-" + STAMP.format(when);
        Path dir = root.resolve(base);
        for (int k = 2; Files.exists(dir); k++) {
            dir = root.resolve(base + "-" + k);
        }
        return dir;
    }
}
