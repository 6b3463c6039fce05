package org.egolens.app.ui.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.egolens.app.workspace.WorkspaceSpec;

/**
 * Where the evaluations of an annotation file live, shared by {@code egolens eval} and the Evaluate view so that runs
 * made by either are listed by both:
 * <ul>
 *   <li>runs: {@code <workspace cache>/eval/<task>-<model>-t<T>-<time>/} (the workspace cache is the
 *       {@code .egolens} folder beside the annotations, or a folder in the EgoLens home when that is read-only; see
 *       {@link WorkspaceSpec#cacheDir});</li>
 *   <li>clip embeddings: {@code <workspace cache>/eval/cache/<annotations stem>-<model>-t<T>.idx}, reused by later runs
 *       of the same model and T;</li>
 *   <li>read-only reuse: the Browse view's index of the same annotation file ({@link WorkspaceSpec#indexFile}).</li>
 * </ul>
 *
 * @param evalRoot   the folder holding the runs
 * @param cacheIndex the evaluation's own clip index
 * @param browseIndex the Browse view's index of the same file, model and T (may not exist)
 */
public record EvalPaths(Path evalRoot, Path cacheIndex, Path browseIndex) {
    /** Name of the folder below the workspace cache. */
    public static final String EVAL_DIR = "eval";

    /** Validates. */
    public EvalPaths {
        Objects.requireNonNull(evalRoot, "evalRoot");
        Objects.requireNonNull(cacheIndex, "cacheIndex");
        Objects.requireNonNull(browseIndex, "browseIndex");
    }

    /**
     * The locations for an annotation file evaluated with a model and T.
     *
     * @param home        the EgoLens settings folder
     * @param annotations the task's main annotation file
     * @param videoRoot   the video folder
     * @param modelId     preset or model folder, as given by the user
     * @param frames      T
     */
    public static EvalPaths of(Path home, Path annotations, Path videoRoot, String modelId, int frames) {
        WorkspaceSpec spec = WorkspaceSpec.annotations(annotations, videoRoot);
        Path root = evalRoot(home, annotations, videoRoot);
        Path browse = spec.indexFile(home, modelId, frames);
        return new EvalPaths(root, root.resolve("cache").resolve(browse.getFileName()), browse);
    }

    /** The folder holding the runs of an annotation file (see the class comment). */
    public static Path evalRoot(Path home, Path annotations, Path videoRoot) {
        return WorkspaceSpec.annotations(annotations, videoRoot).cacheDir(home).resolve(EVAL_DIR);
    }

    /** The Browse index followed by {@code extra}: index files to reuse clip embeddings from (read only). */
    public List<Path> reuseIndexes(List<Path> extra) {
        List<Path> out = new ArrayList<>();
        out.add(browseIndex);
        out.addAll(extra);
        return out;
    }
}
