package org.egolens.model.eval.run;

/** Direction of an EK-100 MIR query (docs §2.3). */
public enum MirDirection {
    /** Video → text: a clip row queries the sentences. */
    V2T("V\u2192T"),
    /** Text → video: a sentence column queries the clips. */
    T2V("T\u2192V");

    private final String label;

    MirDirection(String label) {
        this.label = label;
    }

    /** {@code V→T} or {@code T→V}. */
    public String label() {
        return label;
    }
}
