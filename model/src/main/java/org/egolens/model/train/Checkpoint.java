package org.egolens.model.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.io.Safetensors;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.train.run.RunFolder;

/**
 * A training checkpoint: {@code <run>/checkpoints/step-<N>/} after N completed steps, holding a model folder
 * ({@code config.json}, {@code model.safetensors}: every other command and the GUI open it), the AdamW moments
 * ({@code optimizer.safetensors}) and the loop state ({@code trainer.json}). It is written whole into a hidden
 * {@code .step-<N>.partial} folder and renamed into place, so a reader (or a resumed run) never sees half a checkpoint;
 * a failed write (e.g. a full disk) removes the partial folder and leaves the earlier checkpoints as they were.
 */
public final class Checkpoint {
    /** Optimizer moments file. */
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    /** Loop state file, written last. */
    public static final String STATE_FILE = "trainer.json";

    private Checkpoint() {}

    /**
     * Loop state saved with a checkpoint.
     *
     * @param step        completed optimisation steps N (the next step to run is N)
     * @param adamUpdates AdamW's update count t
     * @param timeS       training seconds so far, summed across resumes
     * @param bestMap     best validation average mAP so far (NaN if none)
     * @param bestStep    completed steps at the best validation (−1 if none)
     * @param configHash  the model config hash, checked on resume
     */
    public record State(@JsonProperty("step") long step, @JsonProperty("adam_updates") long adamUpdates,
                        @JsonProperty("time_s") double timeS, @JsonProperty("best_map") double bestMap,
                        @JsonProperty("best_step") long bestStep, @JsonProperty("config_hash") String configHash) {}

    /** A checkpoint read back: its folder, loop state and optimizer moments. */
    public record Loaded(Path dir, State state, Map<String, FloatTensor> optimizer) {}

    /** {@code <run>/checkpoints/step-<N>}. */
    public static Path folder(RunFolder run, long step) {
        return run.dir().resolve(RunFolder.CHECKPOINTS).resolve("step-" + step);
    }

    /**
     * Writes checkpoint {@code state.step()} atomically, then deletes all but the newest {@code keepLast} checkpoints.
     *
     * @return the checkpoint folder
     * @throws IOException if writing fails (nothing of this checkpoint is left behind)
     */
    public static Path write(RunFolder run, Eva02AtClipModel model, AdamW adam, State state, int keepLast)
            throws IOException {
        Path root = run.dir().resolve(RunFolder.CHECKPOINTS);
        Files.createDirectories(root);
        Path target = folder(run, state.step());
        Path partial = root.resolve(".step-" + state.step() + ".partial");
        deleteTree(partial);
        try {
            Files.createDirectories(partial);
            ModelFactory.save(model, partial);
            Safetensors.writeF32(partial.resolve(OPTIMIZER_FILE), adam.state(),
                    Map.of("adam_updates", Long.toString(adam.updates())));
            RunWriter.writeAtomically(partial.resolve(STATE_FILE), RunWriter.PRETTY.writeValueAsString(state) + "\n");
            deleteTree(target);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
        } catch (IOException | RuntimeException e) {
            try {
                deleteTree(partial);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new IOException("checkpoint step " + state.step() + " could not be written to " + target + ": "
                        + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
        prune(run, keepLast);
        return target;
    }

    /**
     * The newest complete checkpoint of a run, if any (partial folders are ignored).
     *
     * @throws IOException if its files are unreadable (names the file)
     */
    public static java.util.Optional<Loaded> latest(RunFolder run) throws IOException {
        java.util.OptionalLong step = run.latestCheckpointStep();
        if (step.isEmpty()) {
            return java.util.Optional.empty();
        }
        Path dir = folder(run, step.getAsLong());
        Path stateFile = dir.resolve(STATE_FILE);
        State state;
        try {
            state = RunWriter.PRETTY.readValue(stateFile.toFile(), State.class);
        } catch (IOException e) {
            throw new IOException(stateFile + ": unreadable checkpoint state: " + e.getMessage(), e);
        }
        return java.util.Optional.of(new Loaded(dir, state, Safetensors.readFloats(dir.resolve(OPTIMIZER_FILE))));
    }

    /** Deletes every checkpoint but the newest {@code keepLast}. */
    static void prune(RunFolder run, int keepLast) throws IOException {
        List<Long> steps = new ArrayList<>(run.checkpointSteps());
        steps.sort(Comparator.reverseOrder());
        for (int i = Math.max(1, keepLast); i < steps.size(); i++) {
            deleteTree(folder(run, steps.get(i)));
        }
    }

    /** Deletes a file tree if it exists. */
    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
