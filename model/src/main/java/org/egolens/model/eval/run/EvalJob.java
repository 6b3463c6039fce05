package org.egolens.model.eval.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.VideoSource;
import org.egolens.model.eval.DenseMatrix;
import org.egolens.model.retrieval.BuildMonitor;
import org.egolens.model.retrieval.SkippedClip;

/** The shared parts of one task run: inputs, clip windows that could not even be formed, embedding, missing policy. */
final class EvalJob {
    final EvalRequest request;
    final VideoTextModel model;
    final VideoSource source;
    final BuildMonitor monitor;
    private final List<SkippedClip> invalid = new ArrayList<>();

    EvalJob(EvalRequest request, VideoTextModel model, VideoSource source, BuildMonitor monitor) {
        this.request = request;
        this.model = model;
        this.source = source;
        this.monitor = monitor;
    }

    /** What a task produced; {@code mir} only for EK-100 MIR. */
    record Output(ObjectNode metrics, DenseMatrix similarity, int clips, ClipEmbeddings embeddings,
                  List<SkippedClip> missing, String protocol, MirEvaluation mir) {}

    /**
     * The window {@code [start, end]} of {@code video}, or null (recorded as a missing clip with the reason) when it is
     * empty or reversed.
     */
    ClipWindow window(String clipId, Path video, double startSec, double endSec) {
        try {
            return new ClipWindow(clipId, video, startSec, endSec);
        } catch (IllegalArgumentException e) {
            invalid.add(new SkippedClip(clipId, video, startSec, endSec, e.getMessage()));
            return null;
        }
    }

    /** Embeds the windows; the result's failures include the windows {@link #window} refused. */
    ClipEmbeddings embed(List<ClipWindow> windows, EvalProgress progress) throws IOException {
        ClipEmbeddings e = new ClipEmbedder(source, model, request.options()).embed(windows, progress.clipStage());
        if (invalid.isEmpty()) {
            return e;
        }
        List<SkippedClip> failed = new ArrayList<>(invalid);
        failed.addAll(e.failed());
        return new ClipEmbeddings(e.byClipId(), failed, e.embedded(), e.reused(), e.indexFile(), e.clamped());
    }

    /**
     * Applies the missing-clip policy.
     *
     * @throws MissingClipsException if clips failed and missing clips are not allowed
     * @throws IOException           if no clip at all could be embedded
     */
    void checkMissing(ClipEmbeddings e, int total) throws IOException {
        if (e.failed().isEmpty()) {
            return;
        }
        if (!request.options().allowMissing()) {
            throw new MissingClipsException(e.failed(), total);
        }
        if (e.byClipId().isEmpty()) {
            throw new IOException("none of the " + total + " clips could be embedded; first reason: "
                    + e.failed().get(0).clipId() + ": " + e.failed().get(0).reason());
        }
    }
}
