package org.egolens.model.eval.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How an evaluation runs. Immutable; start from {@link #defaults()} and use the {@code with…} copies.
 *
 * @param batchSize     clips per {@code encodeVideos} call and texts per {@code encodeTexts} call, B (≥ 1)
 * @param decodeThreads clips decoded in parallel (≥ 1)
 * @param allowMissing  when false (the default) a clip that cannot be decoded stops the evaluation, because a metric
 *                      over fewer rows is not comparable with published numbers; when true such clips are dropped (MIR:
 *                      their rows; EgoMCQ: their questions; Charades-Ego/EGTEA: their videos) and counted in
 *                      {@code metrics.json} under {@code excluded}
 * @param templates     classification tasks (Charades-Ego, EGTEA): embed each class name with the prompt templates
 *                      {@link #PROMPT_TEMPLATES} and average the unit embeddings (re-normalised); false embeds the plain
 *                      class text
 * @param cacheIndex    index file that holds this run's clip embeddings: rows made by the same model (config hash, T,
 *                      frame size) for the same window are reused, new ones are added, and an interrupted run resumes
 *                      from its journal; null keeps the clip embeddings in memory only
 * @param reuseIndexes  further index files read (never written) for reusable rows
 */
public record EvalOptions(int batchSize, int decodeThreads, boolean allowMissing, boolean templates, Path cacheIndex,
                          List<Path> reuseIndexes) {
    /** The prompt templates averaged with {@code templates} on (docs §5.3; {@code {}} is the class text). */
    public static final List<String> PROMPT_TEMPLATES = List.of("#C C {}", "#C {}");

    /** @throws IllegalArgumentException if a count is below 1 */
    public EvalOptions {
        if (batchSize < 1 || decodeThreads < 1) {
            throw new IllegalArgumentException("batch size and decode threads must be >= 1, got " + batchSize + ", "
                    + decodeThreads);
        }
        reuseIndexes = List.copyOf(Objects.requireNonNull(reuseIndexes, "reuseIndexes"));
    }

    /** Batch 8, decode threads = cores − 1 (1 to 4), missing clips refused, no templates, no index file. */
    public static EvalOptions defaults() {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
        return new EvalOptions(8, threads, false, false, null, List.of());
    }

    /** With another batch size. */
    public EvalOptions withBatchSize(int b) {
        return new EvalOptions(b, decodeThreads, allowMissing, templates, cacheIndex, reuseIndexes);
    }

    /** With another number of decode threads. */
    public EvalOptions withDecodeThreads(int n) {
        return new EvalOptions(batchSize, n, allowMissing, templates, cacheIndex, reuseIndexes);
    }

    /** With missing clips allowed or refused. */
    public EvalOptions withAllowMissing(boolean allow) {
        return new EvalOptions(batchSize, decodeThreads, allow, templates, cacheIndex, reuseIndexes);
    }

    /** With prompt templates on or off. */
    public EvalOptions withTemplates(boolean on) {
        return new EvalOptions(batchSize, decodeThreads, allowMissing, on, cacheIndex, reuseIndexes);
    }

    /** With an index file for this run's clip embeddings (null: none). */
    public EvalOptions withCacheIndex(Path file) {
        return new EvalOptions(batchSize, decodeThreads, allowMissing, templates, file, reuseIndexes);
    }

    /** With further read-only index files to reuse rows from. */
    public EvalOptions withReuseIndexes(List<Path> files) {
        return new EvalOptions(batchSize, decodeThreads, allowMissing, templates, cacheIndex, files);
    }
}
