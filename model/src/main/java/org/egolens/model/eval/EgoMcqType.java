package org.egolens.model.eval;

/**
 * EgoMCQ question type, from the {@code types} field of {@code egomcq.json} (docs §5.2).
 *
 * <p>This enum is the one place where the numeric codes are mapped: {@code 1} = inter-video (the five candidates come from
 * different videos; the easy setting, ~90 % for published models), {@code 2} = intra-video (all candidates from the same
 * video; the hard setting, ~57–63 %). EgoVLP's loader documents 1 = inter / 2 = intra; the reference metric functions
 * print the names the other way round, which contradicts the published accuracies, so EgoLens follows the loader.
 */
public enum EgoMcqType {
    /** Candidates from different videos (code 1). */
    INTER_VIDEO(1, "Inter-video"),
    /** Candidates from the same video (code 2). */
    INTRA_VIDEO(2, "Intra-video");

    private final int code;
    private final String label;

    EgoMcqType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The {@code types} value in {@code egomcq.json}. */
    public int code() {
        return code;
    }

    /** Display name, e.g. {@code Inter-video}. */
    public String label() {
        return label;
    }

    /**
     * The type of a {@code types} code.
     *
     * @throws IllegalArgumentException for a code other than 1 or 2
     */
    public static EgoMcqType fromCode(int code) {
        for (EgoMcqType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown EgoMCQ type code " + code + " (expected 1 = inter-video, 2 = intra-video)");
    }
}
