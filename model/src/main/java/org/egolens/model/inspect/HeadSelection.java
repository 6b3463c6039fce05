package org.egolens.model.inspect;

import java.util.Locale;

/**
 * Which attention a map shows: one head, the mean over heads, or the attention rollout up to the layer
 * ({@link AttentionRollout}).
 *
 * @param kind what is shown
 * @param head head index for {@link Kind#HEAD}, −1 otherwise
 */
public record HeadSelection(Kind kind, int head) {
    /** The kinds of selection. */
    public enum Kind {
        /** One head's probabilities. */
        HEAD,
        /** The mean over the heads of the layer. */
        MEAN,
        /** Attention rollout (head means with the residual, multiplied over layers 0..L). */
        ROLLOUT
    }

    /** The mean over heads. */
    public static final HeadSelection MEAN = new HeadSelection(Kind.MEAN, -1);
    /** Attention rollout. */
    public static final HeadSelection ROLLOUT = new HeadSelection(Kind.ROLLOUT, -1);

    /** @throws IllegalArgumentException for a negative head, or a head index with MEAN/ROLLOUT */
    public HeadSelection {
        if (kind == null || (kind == Kind.HEAD) != (head >= 0) || head < -1) {
            throw new IllegalArgumentException("invalid head selection " + kind + " " + head);
        }
    }

    /** Head {@code h} (0-based). */
    public static HeadSelection head(int h) {
        return new HeadSelection(Kind.HEAD, h);
    }

    /**
     * Parses {@code mean}, {@code rollout} or a head index.
     *
     * @throws IllegalArgumentException naming the text
     */
    public static HeadSelection parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("mean")) {
            return MEAN;
        }
        if (v.equals("rollout")) {
            return ROLLOUT;
        }
        try {
            int h = Integer.parseInt(v);
            if (h >= 0) {
                return head(h);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("head '" + s + "' is neither a head index >= 0, 'mean' nor 'rollout'");
    }

    /** {@code mean}, {@code rollout} or the head index, the form {@link #parse} reads. */
    @Override
    public String toString() {
        return switch (kind) {
            case HEAD -> Integer.toString(head);
            case MEAN -> "mean";
            case ROLLOUT -> "rollout";
        };
    }

    /** A label for views: "head 3", "head mean", "rollout". */
    public String label() {
        return switch (kind) {
            case HEAD -> "head " + head;
            case MEAN -> "head mean";
            case ROLLOUT -> "rollout";
        };
    }
}
