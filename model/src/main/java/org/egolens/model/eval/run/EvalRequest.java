package org.egolens.model.eval.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to evaluate and where to write it.
 *
 * <p>Files per task ({@code annotations} / {@code auxiliary}; a null auxiliary means the default file beside the
 * annotations, see {@link #auxiliaryFile()}):
 * <ul>
 *   <li>{@code ek100-mir}: {@code EPIC_100_retrieval_test.csv} / its sentence file ({@code <stem>_sentence.csv});
 *       videos {@code <root>/<participant_id>/<video_id>.mp4}</li>
 *   <li>{@code egomcq}: {@code egomcq.json} / none; videos {@code <root>/<video_uid>.mp4} (whole Ego4D videos, clip
 *       times are seconds into them)</li>
 *   <li>{@code charades-ego}: {@code CharadesEgo_v1_test_only1st.csv} / {@code Charades_v1_classes.txt}; videos
 *       {@code <root>/<id>.mp4}</li>
 *   <li>{@code egtea}: {@code test_split1.txt} / {@code action_idx.txt}; clips
 *       {@code <root>/<OPxx-Ryy-Recipe>/<clip_id>.mp4} (the {@code cropped_clips} folder)</li>
 * </ul>
 *
 * @param task        the benchmark
 * @param annotations the main annotation file
 * @param auxiliary   the second file, or null for the default location
 * @param videoRoot   folder holding the videos
 * @param outDir      folder to write {@code metrics.json}, {@code run.json}, per-query CSVs and {@code similarity.npy}
 * @param options     scheduling, missing-clip policy, prompt templates, index reuse
 */
public record EvalRequest(EvalTask task, Path annotations, Path auxiliary, Path videoRoot, Path outDir,
                          EvalOptions options) {
    /** Normalises the paths. */
    public EvalRequest {
        Objects.requireNonNull(task, "task");
        annotations = Objects.requireNonNull(annotations, "annotations").toAbsolutePath().normalize();
        auxiliary = auxiliary == null ? null : auxiliary.toAbsolutePath().normalize();
        videoRoot = Objects.requireNonNull(videoRoot, "videoRoot").toAbsolutePath().normalize();
        outDir = Objects.requireNonNull(outDir, "outDir").toAbsolutePath().normalize();
        Objects.requireNonNull(options, "options");
    }

    /**
     * The second annotation file: {@code auxiliary} when given, else the task's default beside the annotations
     * ({@code <stem>_sentence.csv}, {@code Charades_v1_classes.txt}, {@code action_idx.txt}); null for EgoMCQ.
     */
    public Path auxiliaryFile() {
        if (auxiliary != null) {
            return auxiliary;
        }
        return defaultAuxiliary(task, annotations);
    }

    /** The default second file of {@code task} for {@code annotations} (null for EgoMCQ). */
    public static Path defaultAuxiliary(EvalTask task, Path annotations) {
        Path dir = annotations.toAbsolutePath().getParent();
        return switch (task) {
            case EK100_MIR -> {
                String n = annotations.getFileName().toString();
                String stem = n.endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
                yield dir.resolve(stem + "_sentence.csv");
            }
            case CHARADES_EGO -> dir.resolve("Charades_v1_classes.txt");
            case EGTEA -> dir.resolve("action_idx.txt");
            case EGOMCQ -> null;
        };
    }

    /** True when the annotation files exist (the video root is checked clip by clip). */
    public boolean filesExist() {
        Path aux = auxiliaryFile();
        return Files.isRegularFile(annotations) && (aux == null || Files.isRegularFile(aux));
    }
}
