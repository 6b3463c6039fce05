package org.egolens.model.retrieval;

/**
 * How {@link IndexBuilder} schedules work. Frames per clip (T) and frame size come from the model's descriptor.
 *
 * @param batchSize     clips per {@code encodeVideos} call, B (≥ 1); also the journal's flush unit
 * @param decodeThreads threads decoding clips in parallel (≥ 1)
 * @param queueCapacity decoded clips held in memory waiting for the model (≥ 1); bounds memory to about
 *                      {@code queueCapacity · 3·T·H·W} floats besides the current batch
 * @param resume        continue from the journal of an interrupted build and reuse embeddings of an existing index
 *                      file made by the same model; false starts from scratch
 */
public record IndexBuildConfig(int batchSize, int decodeThreads, int queueCapacity, boolean resume) {
    /** @throws IllegalArgumentException if a count is below 1 */
    public IndexBuildConfig {
        if (batchSize < 1 || decodeThreads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("index build needs batch, decode threads and queue capacity >= 1, got "
                    + batchSize + ", " + decodeThreads + ", " + queueCapacity);
        }
    }

    /** Batch 8, decode threads = cores − 1 (1 to 4), queue 2 × batch, resume on. */
    public static IndexBuildConfig defaults() {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
        return new IndexBuildConfig(8, threads, 16, true);
    }

    /** This config with another batch size (queue kept at least 2 × batch). */
    public IndexBuildConfig withBatchSize(int b) {
        return new IndexBuildConfig(b, decodeThreads, Math.max(queueCapacity, 2 * b), resume);
    }

    /** This config with {@code n} decode threads. */
    public IndexBuildConfig withDecodeThreads(int n) {
        return new IndexBuildConfig(batchSize, n, queueCapacity, resume);
    }

    /** This config with resume switched on or off. */
    public IndexBuildConfig withResume(boolean r) {
        return new IndexBuildConfig(batchSize, decodeThreads, queueCapacity, r);
    }
}
