package org.egolens.model.eval.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The benchmarks {@code egolens eval} runs (docs/evaluation-and-formats.md §2 and §5), with their command-line ids and
 * the frames per clip their reference protocol uses.
 */
public enum EvalTask {
    /** EPIC-KITCHENS-100 Multi-Instance Retrieval: graded mAP and nDCG, V→T and T→V (docs §2). */
    EK100_MIR("ek100-mir", "EK-100 MIR", 16),
    /** EgoMCQ (Ego4D): 5-way text→clip accuracy, inter- and intra-video (docs §5.2). */
    EGOMCQ("egomcq", "EgoMCQ", 4),
    /** Charades-Ego: zero-shot multi-label class mAP over untrimmed videos (docs §5.3). */
    CHARADES_EGO("charades-ego", "Charades-Ego", 16),
    /** EGTEA Gaze+: zero-shot action recognition, top-1 and mean class accuracy (docs §5.4). */
    EGTEA("egtea", "EGTEA Gaze+", 16);

    private final String id;
    private final String title;
    private final int protocolFrames;

    EvalTask(String id, String title, int protocolFrames) {
        this.id = id;
        this.title = title;
        this.protocolFrames = protocolFrames;
    }

    /** Command-line id, e.g. {@code ek100-mir}. */
    public String id() {
        return id;
    }

    /** Display name, e.g. {@code EK-100 MIR}. */
    public String title() {
        return title;
    }

    /** Frames per clip T of the reference protocol (16 for MIR, Charades-Ego and EGTEA; 4 for EgoMCQ in LaViLa). */
    public int protocolFrames() {
        return protocolFrames;
    }

    /**
     * The task with command-line id {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown id (the message lists the known ones)
     */
    public static EvalTask fromId(String id) {
        for (EvalTask t : values()) {
            if (t.id.equalsIgnoreCase(id.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown evaluation task '" + id + "' (known: "
                + Arrays.stream(values()).map(EvalTask::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
