package org.egolens.model.nn;

import java.util.List;

/**
 * Outcome of matching a checkpoint against a model, in the spirit of PyTorch's {@code load_state_dict(strict=True)}.
 *
 * @param source          checkpoint description
 * @param matched         model keys loaded as they are
 * @param missing         model keys the checkpoint lacks (refused)
 * @param unexpected      checkpoint keys the model lacks and that are not known to be ignorable (refused)
 * @param shapeMismatched {@code "key: checkpoint [..] vs model [..]"} (refused)
 * @param ignored         checkpoint keys deliberately skipped (RoPE buffers, text attention mask: recomputed)
 * @param defaulted       model keys absent from the checkpoint and set to their default (e.g. a zero
 *                        {@code visual.temporal_embed} for an image checkpoint)
 * @param interpolated    keys resampled to the model's shape ({@code visual.temporal_embed} over time, linear)
 * @param kept            keys left at their initial values on request (missing or mis-shaped heads when fine-tuning)
 */
public record LoadReport(String source, List<String> matched, List<String> missing, List<String> unexpected,
        List<String> shapeMismatched, List<String> ignored, List<String> defaulted, List<String> interpolated,
        List<String> kept) {
    public LoadReport {
        matched = List.copyOf(matched);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        shapeMismatched = List.copyOf(shapeMismatched);
        ignored = List.copyOf(ignored);
        defaulted = List.copyOf(defaulted);
        interpolated = List.copyOf(interpolated);
        kept = List.copyOf(kept);
    }

    /** True when nothing is missing, unexpected or mis-shaped. */
    public boolean ok() {
        return missing.isEmpty() && unexpected.isEmpty() && shapeMismatched.isEmpty();
    }

    /** One-line summary with counts. */
    public String summary() {
        return source + ": " + matched.size() + " matched, " + missing.size() + " missing, " + unexpected.size()
                + " unexpected, " + shapeMismatched.size() + " mis-shaped, " + ignored.size() + " ignored, "
                + defaulted.size() + " defaulted, " + interpolated.size() + " interpolated, " + kept.size() + " kept";
    }

    /** Multi-line description listing every refused key. */
    public String describeProblems() {
        StringBuilder sb = new StringBuilder(summary());
        if (!missing.isEmpty()) {
            sb.append("\n  missing: ").append(String.join(", ", missing));
        }
        if (!unexpected.isEmpty()) {
            sb.append("\n  unexpected: ").append(String.join(", ", unexpected));
        }
        if (!shapeMismatched.isEmpty()) {
            sb.append("\n  mis-shaped: ").append(String.join("; ", shapeMismatched));
        }
        return sb.toString();
    }
}
