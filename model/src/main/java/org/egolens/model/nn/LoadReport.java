package org.egolens.model.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Outcome of matching a checkpoint against a model, in the spirit of PyTorch's {@code load_state_dict(strict=True)}.
 * Keys are EVA-CLIP names (after mapping from the checkpoint's own layout); {@link #notes()} says how they were found.
 *
 * @param source          checkpoint description
 * @param matched         model keys loaded as they are
 * @param missing         model keys the checkpoint lacks (refused)
 * @param unexpected      checkpoint keys the model lacks and that are not known to be ignorable (refused)
 * @param shapeMismatched {@code "key: checkpoint [..] vs model [..]"} (refused)
 * @param ignored         checkpoint keys deliberately skipped (RoPE buffers, text attention mask: recomputed)
 * @param defaulted       model keys absent from the checkpoint and set to their default (e.g. a zero
 *                        {@code visual.temporal_embed} for an image checkpoint)
 * @param interpolated    keys resampled to the model's shape ({@code visual.temporal_embed} over time, bilinear)
 * @param kept            keys created fresh on request: missing or mis-shaped projection heads when the embedding size
 *                        changes, or a randomly initialised temporal table; they keep their seeded initial values
 * @param notes           how the checkpoint was read and mapped (file kind, container, stripped prefix, layout, renamed
 *                        keys, config source, frame count used), in order
 */
public record LoadReport(String source, List<String> matched, List<String> missing, List<String> unexpected,
        List<String> shapeMismatched, List<String> ignored, List<String> defaulted, List<String> interpolated,
        List<String> kept, List<String> notes) {
    public LoadReport {
        matched = List.copyOf(matched);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        shapeMismatched = List.copyOf(shapeMismatched);
        ignored = List.copyOf(ignored);
        defaulted = List.copyOf(defaulted);
        interpolated = List.copyOf(interpolated);
        kept = List.copyOf(kept);
        notes = List.copyOf(notes);
    }

    /** A report without notes. */
    public LoadReport(String source, List<String> matched, List<String> missing, List<String> unexpected,
            List<String> shapeMismatched, List<String> ignored, List<String> defaulted, List<String> interpolated,
            List<String> kept) {
        this(source, matched, missing, unexpected, shapeMismatched, ignored, defaulted, interpolated, kept, List.of());
    }

    /** The same report with {@code more} appended to its notes. */
    public LoadReport withNotes(List<String> more) {
        List<String> n = new ArrayList<>(notes);
        n.addAll(more);
        return new LoadReport(source, matched, missing, unexpected, shapeMismatched, ignored, defaulted, interpolated,
                kept, n);
    }

    /** True when nothing is missing, unexpected or mis-shaped. */
    public boolean ok() {
        return missing.isEmpty() && unexpected.isEmpty() && shapeMismatched.isEmpty();
    }

    /** One-line summary with counts. */
    public String summary() {
        return source + ": " + matched.size() + " matched, " + missing.size() + " missing, " + unexpected.size()
                + " unexpected, " + shapeMismatched.size() + " mis-shaped, " + ignored.size() + " ignored, "
                + defaulted.size() + " defaulted, " + interpolated.size() + " interpolated, " + kept.size() + " new";
    }

    /** Multi-line description listing every refused key, then the notes. */
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
        for (String n : notes) {
            sb.append("\n  note: ").append(n);
        }
        return sb.toString();
    }

    /** Every category with its keys (matched keys counted only), then the notes; for logs and the CLI. */
    public String toText() {
        StringBuilder sb = new StringBuilder(summary());
        section(sb, "missing", missing);
        section(sb, "unexpected", unexpected);
        section(sb, "mis-shaped", shapeMismatched);
        section(sb, "new (initialised, not loaded)", kept);
        section(sb, "interpolated", interpolated);
        section(sb, "defaulted", defaulted);
        section(sb, "ignored (recomputed)", ignored);
        section(sb, "notes", notes);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<String> items) {
        if (!items.isEmpty()) {
            sb.append('\n').append(title).append(':');
            for (String s : items) {
                sb.append("\n  ").append(s);
            }
        }
    }
}
