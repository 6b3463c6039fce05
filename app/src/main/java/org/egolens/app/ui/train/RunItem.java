package org.egolens.app.ui.train;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.egolens.model.train.run.RunFolder;
import org.egolens.model.train.run.RunState;

/**
 * One run in the runs list: its folder and the observable state the list, header and commands bind to. FX thread.
 */
public final class RunItem {
    private final RunFolder folder;
    private final StringProperty name = new SimpleStringProperty(this, "name");
    private final ObjectProperty<RunState> state = new SimpleObjectProperty<>(this, "state");
    private final LongProperty step = new SimpleLongProperty(this, "step", -1);
    private final LongProperty epoch = new SimpleLongProperty(this, "epoch", -1);
    private final DoubleProperty timeS = new SimpleDoubleProperty(this, "timeS", Double.NaN);
    private final DoubleProperty loss = new SimpleDoubleProperty(this, "loss", Double.NaN);
    private final DoubleProperty bestMap = new SimpleDoubleProperty(this, "bestMap", Double.NaN);
    private final LongProperty bestMapStep = new SimpleLongProperty(this, "bestMapStep", -1);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ObjectProperty<TrainingProcess> process = new SimpleObjectProperty<>(this, "process");
    private final BooleanProperty stopping = new SimpleBooleanProperty(this, "stopping");
    private final BooleanProperty exited = new SimpleBooleanProperty(this, "exited");
    private final ObjectProperty<Integer> exitCode = new SimpleObjectProperty<>(this, "exitCode");
    private final BooleanProperty compare = new SimpleBooleanProperty(this, "compare");
    private final boolean attached;
    private final ObjectBinding<RunPhase> phase;

    /**
     * @param folder   the run folder
     * @param attached true if the run lies outside the runs folder (added with Attach…)
     */
    public RunItem(RunFolder folder, boolean attached) {
        this.folder = folder;
        this.attached = attached;
        name.set(folder.folderName());
        phase = Bindings.createObjectBinding(() -> RunPhase.of(state.get(), process.get() != null, stopping.get(),
                exited.get()), state, process, stopping, exited);
    }

    /** The run folder. */
    public RunFolder folder() {
        return folder;
    }

    /** True if added with Attach… from outside the runs folder. */
    public boolean attached() {
        return attached;
    }

    /** Display name (run.json's name or the folder name). */
    public StringProperty nameProperty() {
        return name;
    }

    /** The state last written by the trainer (status.json or a status event); null before the first. */
    public ObjectProperty<RunState> stateProperty() {
        return state;
    }

    /** Last step seen. */
    public LongProperty stepProperty() {
        return step;
    }

    /** Epoch of the last step event, -1 if unknown. */
    public LongProperty epochProperty() {
        return epoch;
    }

    /** Seconds since the run started, of the last step event (NaN if unknown). */
    public DoubleProperty timeSProperty() {
        return timeS;
    }

    /** Total loss of the last step event (NaN if unknown). */
    public DoubleProperty lossProperty() {
        return loss;
    }

    /** Best average mAP seen (NaN if none). */
    public DoubleProperty bestMapProperty() {
        return bestMap;
    }

    /** Step of the best average mAP. */
    public LongProperty bestMapStepProperty() {
        return bestMapStep;
    }

    /** Status message (the trainer's or the GUI's). */
    public StringProperty messageProperty() {
        return message;
    }

    /** The live trainer process, null when none is known. */
    public ObjectProperty<TrainingProcess> processProperty() {
        return process;
    }

    /** Stop was requested. */
    public BooleanProperty stoppingProperty() {
        return stopping;
    }

    /** The GUI saw the last launched process exit. */
    public BooleanProperty exitedProperty() {
        return exited;
    }

    /** Exit code of the last process the GUI launched for the run, when known. */
    public ObjectProperty<Integer> exitCodeProperty() {
        return exitCode;
    }

    /** Overlaid on the charts in addition to the selected run. */
    public BooleanProperty compareProperty() {
        return compare;
    }

    /** What the list shows. */
    public ObjectBinding<RunPhase> phaseProperty() {
        return phase;
    }

    /** The current phase. */
    public RunPhase phase() {
        return phase.get();
    }

    @Override
    public String toString() {
        return name.get() + " [" + phase.get().label() + ", step " + step.get() + "]";
    }
}
