package org.egolens.model.eval.run;

import java.io.IOException;
import java.util.List;
import org.egolens.model.retrieval.SkippedClip;

/**
 * Clips of an evaluation could not be decoded and missing clips were not allowed: a metric over fewer rows is not
 * comparable with published numbers. The message gives the count and the first reasons; the clip embeddings that did
 * succeed are kept in the cache index, so a run after fixing the videos (or with missing clips allowed) is quick.
 */
public final class MissingClipsException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient List<SkippedClip> missing;

    /**
     * @param missing the clips that failed
     * @param total   clips the task needs
     */
    public MissingClipsException(List<SkippedClip> missing, int total) {
        super(message(missing, total));
        this.missing = List.copyOf(missing);
    }

    /** The clips that failed, with reasons. */
    public List<SkippedClip> missing() {
        return missing;
    }

    private static String message(List<SkippedClip> missing, int total) {
        StringBuilder sb = new StringBuilder();
        sb.append(missing.size()).append(" of ").append(total).append(" clips could not be decoded");
        int shown = Math.min(3, missing.size());
        for (int i = 0; i < shown; i++) {
            SkippedClip s = missing.get(i);
            sb.append(i == 0 ? ": " : "; ").append(s.clipId()).append(" (").append(s.reason()).append(')');
        }
        if (missing.size() > shown) {
            sb.append("; \u2026");
        }
        sb.append(". The metric would not be comparable without them; allow missing clips to evaluate the rest"
                + " (they are then counted under \"excluded\").");
        return sb.toString();
    }
}
