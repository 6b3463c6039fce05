package org.egolens.model.eval.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.VideoSource;
import org.egolens.model.retrieval.BuildMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one evaluation with a model: reads the task's annotations, embeds what is needed (reusing index files made by
 * the same model and T, see {@link ClipEmbedder}), scores, and writes into the request's output folder:
 * <ul>
 *   <li>{@code metrics.json}: the task's numbers as fractions 0–1; for EK-100 MIR
 *       {@code {"mAP": {"v2t", "t2v", "avg"}, "nDCG": {…}, "excluded": {"mAP": {"v2t", "t2v"}, "nDCG": {…},
 *       "missing_clips"}, "counts": {"clamped_clips"}}}; every task's {@code counts.clamped_clips} is the number of
 *       evaluated windows that overhang the end of their video and were clamped to its last frame (their ids are in
 *       {@code run.json});</li>
 *   <li>per-query (or per-class) CSVs;</li>
 *   <li>{@code similarity.npy}: float32 cosine similarities (MIR: {@code (videos, sentences)});</li>
 *   <li>{@code run.json} ({@link EvalRecord}), written last, so a folder with it is a finished run.</li>
 * </ul>
 * Task details and protocol choices are documented on {@code MirTask}, {@code EgoMcqTask}, {@code CharadesEgoTask}
 * and {@code EgteaTask}. The model is used from the calling thread only.
 */
public final class EvalRunner {
    /** Name of the similarity file in a run folder. */
    public static final String SIMILARITY_FILE = "similarity.npy";
    private static final Logger LOG = LoggerFactory.getLogger(EvalRunner.class);

    private final VideoSource source;
    private final VideoTextModel model;

    /**
     * @param source the decoder (thread-safe)
     * @param model  the dual encoder; its T is the frames per clip of the evaluation
     */
    public EvalRunner(VideoSource source, VideoTextModel model) {
        this.source = Objects.requireNonNull(source, "source");
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * Runs {@code request}.
     *
     * @param monitor progress (clips, then texts) and cancel
     * @return the written run
     * @throws MissingClipsException                      if clips could not be decoded and missing clips are not
     *                                                    allowed (nothing but the clip index is written)
     * @throws java.util.concurrent.CancellationException if the monitor cancelled
     * @throws IOException                                if an annotation file is missing or malformed (names the file
     *                                                    and line), or the output cannot be written
     */
    public EvalOutcome run(EvalRequest request, BuildMonitor monitor) throws IOException {
        long t0 = System.nanoTime();
        for (Path f : new Path[] {request.annotations(), request.auxiliaryFile()}) {
            if (f != null && !Files.isRegularFile(f)) {
                throw new IOException("annotation file not found: " + f);
            }
        }
        if (!Files.isDirectory(request.videoRoot())) {
            throw new IOException("video folder not found: " + request.videoRoot());
        }
        Files.createDirectories(request.outDir());
        ModelDescriptor md = model.descriptor();
        LOG.info("evaluating {} with {} (T={}) -> {}", request.task().id(), md.modelId(), md.numFrames(),
                request.outDir());
        EvalJob job = new EvalJob(request, model, source, monitor);
        EvalJob.Output out = switch (request.task()) {
            case EK100_MIR -> MirTask.run(job);
            case EGOMCQ -> EgoMcqTask.run(job);
            case CHARADES_EGO -> CharadesEgoTask.run(job);
            case EGTEA -> EgteaTask.run(job);
        };
        countClamped(out.metrics(), out.embeddings().clamped().size());
        out.similarity().writeNpy(request.outDir().resolve(SIMILARITY_FILE));
        EvalIo.writeJson(request.outDir().resolve(EvalSummary.METRICS_FILE), out.metrics());
        double secs = (System.nanoTime() - t0) / 1e9;
        EvalRecord record = new EvalRecord(request.task(), md.modelId(), md.configHash(), md.numFrames(),
                md.imageSize(), md.embedDim(), request.annotations(), request.auxiliaryFile(), request.videoRoot(),
                Instant.now(), secs, out.clips(), out.embeddings().embedded(), out.embeddings().reused(),
                out.missing(), out.embeddings().clamped(), request.options().allowMissing(),
                request.options().templates(), out.embeddings().indexFile(), out.protocol());
        record.write(request.outDir());
        LOG.info("evaluation {} finished in {} s: {}", request.task().id(), String.format("%.1f", secs),
                out.metrics());
        return new EvalOutcome(EvalSummary.read(request.outDir()), out.mir());
    }

    /** Adds {@code counts.clamped_clips} to a task's metrics (next to the task's own counts, if any). */
    private static void countClamped(ObjectNode metrics, int clamped) {
        ObjectNode counts = metrics.get("counts") instanceof ObjectNode c ? c : metrics.putObject("counts");
        counts.put("clamped_clips", clamped);
    }
}
