package org.egolens.model.train.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One retrieval metric in both directions, as in an {@code eval} event's {@code mAP} and {@code nDCG} objects
 * (evaluation-and-formats §2: EK-100 MIR reports V→T, T→V and their average). A direction the trainer did not write is
 * {@code NaN}.
 *
 * @param v2t video → text (each clip queries the narrations), in [0, 1]
 * @param t2v text → video (each narration queries the clips), in [0, 1]
 * @param avg the mean of the two
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievalScores(Double v2t, Double t2v, Double avg) {
    /** Missing directions become {@code NaN}. */
    public RetrievalScores {
        v2t = v2t == null ? Double.NaN : v2t;
        t2v = t2v == null ? Double.NaN : t2v;
        avg = avg == null ? Double.NaN : avg;
    }
}
