package org.egolens.model.eval.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.egolens.model.retrieval.SkippedClip;

/**
 * The clip embeddings of one evaluation.
 *
 * @param byClipId  L2-normalised embedding {@code (D)} of every clip that decoded, by clip id; do not modify the arrays
 * @param failed    clips that could not be embedded, with the reason, in input order
 * @param embedded  clips embedded by this run
 * @param reused    clips taken from an index file (same model, same window) or from an interrupted run's journal
 * @param indexFile the index file that now holds the embeddings, or null when none was kept
 * @param clamped   ids of the embedded clips whose window overhangs the end of its video and was clamped to the last
 *                  frame, in input order (embedded with fewer distinct frames than the window asks for)
 */
public record ClipEmbeddings(Map<String, float[]> byClipId, List<SkippedClip> failed, int embedded, int reused,
                             Path indexFile, List<String> clamped) {
    /** Copies the collections. */
    public ClipEmbeddings {
        byClipId = Map.copyOf(byClipId);
        failed = List.copyOf(failed);
        clamped = List.copyOf(clamped);
    }

    /** The embedding of {@code clipId}. @throws IllegalArgumentException if the clip has none (names it) */
    public float[] get(String clipId) {
        float[] e = byClipId.get(Objects.requireNonNull(clipId));
        if (e == null) {
            throw new IllegalArgumentException("no embedding for clip " + clipId);
        }
        return e;
    }

    /** True when {@code clipId} was embedded. */
    public boolean has(String clipId) {
        return byClipId.containsKey(clipId);
    }
}
