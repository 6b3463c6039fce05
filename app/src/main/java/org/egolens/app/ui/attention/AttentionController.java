package org.egolens.app.ui.attention;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.egolens.app.task.BackgroundTask;
import org.egolens.app.ui.AppContext;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.inspect.AttentionMaps;
import org.egolens.model.inspect.AttentionProbe;
import org.egolens.model.inspect.QueryToken;
import org.egolens.viewer.ClipItem;
import org.egolens.viewer.attention.AttentionView;
import org.egolens.viewer.attention.FrameImages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives an {@link AttentionView}: while the view is {@link #activeProperty() active} (its tab is showing), the attention
 * of the {@link #clipProperty() selected clip} is captured in the background (decode the T frames the model takes, one
 * forward pass with capture on, progress per layer) and handed to the view. When the view asks for a selection its maps
 * cannot show (per-head rows of another query on a large model), the clip is captured again for that query. The probe is
 * opened from the context's backend ({@code Backend#openAttentionProbe}, model and T of the start options) on first use
 * and closed with the controller. UI-thread only, except the task bodies.
 */
public final class AttentionController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AttentionController.class);

    private final AppContext ctx;
    private final AttentionView view;
    private final ObjectProperty<ClipItem> clip = new SimpleObjectProperty<>(this, "clip");
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active");
    private final StringProperty model = new SimpleStringProperty(this, "model");
    private final Object probeLock = new Object();
    private AttentionProbe probe;
    private String probeModel;
    private boolean closed;
    private BackgroundTask<Captured> job;
    private ClipItem jobClip;
    private QueryToken jobQuery;
    private QueryToken shownQuery;
    private ClipItem failedClip;
    private QueryToken failedQuery;
    private ClipItem shownClip;
    private long generation;

    /**
     * A controller for {@code view}; nothing runs until it is active and a clip is set. The model is the start options'
     * until {@link #modelProperty()} is set or bound.
     */
    public AttentionController(AppContext ctx, AttentionView view) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.view = Objects.requireNonNull(view, "view");
        model.set(ctx.options().model());
        model.addListener((o, a, b) -> {
            cancel();
            shownClip = null;
            failedClip = null;
            update();
        });
        clip.addListener((o, a, b) -> {
            failedClip = null;
            update();
        });
        active.addListener((o, a, b) -> update());
        view.needsCaptureProperty().addListener((o, a, b) -> update());
        view.queryProperty().addListener((o, a, b) -> update());
        view.selectionProperty().addListener((o, a, b) -> update());
    }

    /** The clip whose attention is shown (bind to the Browse selection). */
    public ObjectProperty<ClipItem> clipProperty() {
        return clip;
    }

    /** Preset or model folder whose attention is shown; a change reopens the probe and recomputes. */
    public StringProperty modelProperty() {
        return model;
    }

    /** True while the view is visible; captures start only then. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** True while a capture runs. */
    public boolean running() {
        return job != null;
    }

    private void update() {
        if (closed || !active.get()) {
            return;
        }
        ClipItem c = clip.get();
        if (c == null) {
            cancel();
            shownClip = null;
            view.mapsProperty().set(null);
            view.framesProperty().set(null);
            view.messageProperty().set("Select a clip in Browse to see where the model looks.");
            return;
        }
        if (!c.readable()) {
            cancel();
            shownClip = null;
            view.mapsProperty().set(null);
            view.messageProperty().set("Clip " + c.clipId() + " cannot be read: " + c.problem());
            return;
        }
        boolean needsQuery = Boolean.TRUE.equals(view.needsCaptureProperty().get());
        QueryToken q = view.queryProperty().get() == null ? QueryToken.CLS : view.queryProperty().get();
        if (job != null && !c.equals(jobClip)) {
            cancel(); // a capture for another clip is no longer wanted
        }
        if (job != null && (!needsQuery || q.equals(jobQuery))) {
            return; // already computing what is needed
        }
        if (c.equals(shownClip) && !needsQuery) {
            return;
        }
        if (c.equals(failedClip) && q.equals(failedQuery)) {
            return; // the failure message stays until another clip or query is chosen
        }
        if (c.equals(shownClip) && q.equals(shownQuery) && job == null) {
            // captured for this query and still not showable: the model is too large for this map
            view.messageProperty().set(view.selectionProperty().get().label() + " is not available for this model at "
                    + "this clip length: the capture was limited to " + view.mapsProperty().get().capture().request()
                    + "; choose one head or the head mean");
            return;
        }
        capture(c, q);
    }

    private static String title(ClipItem c) {
        return "Attention of " + c.clipId();
    }

    private void capture(ClipItem c, QueryToken query) {
        cancel();
        long gen = ++generation;
        view.busyProperty().set(true);
        view.progressProperty().set(-1);
        view.messageProperty().set("Computing the attention of " + c.clipId() + "\u2026");
        String modelId = model.get();
        BackgroundTask<Captured> task = BackgroundTask.of(title(c), tc -> {
            AttentionProbe p = probe(modelId);
            int steps = p.layers() + 1;
            tc.updateProgress(0, steps, "Decoding " + p.numFrames() + " frames of " + c.clipId());
            FrameBatch frames = ctx.backend().videoSource().sample(c.window(), p.numFrames(), p.imageSize(), null);
            if (tc.isCancelled()) {
                throw new CancellationException("attention of " + c.clipId() + " cancelled");
            }
            tc.updateProgress(1, steps, "Running " + p.modelId());
            QueryToken q = p.grid().contains(query) ? query : QueryToken.CLS;
            AttentionMaps maps = p.capture(frames, q, layer -> {
                if (tc.isCancelled()) {
                    throw new CancellationException("attention of " + c.clipId() + " cancelled");
                }
                tc.updateProgress(layer + 2, steps, "Layer " + (layer + 1) + " of " + p.layers());
            });
            return new Captured(maps, FrameImages.of(frames, 0), p.modelId());
        });
        job = task;
        jobClip = c;
        jobQuery = query;
        task.onProgress(pr -> {
            if (gen == generation) {
                view.progressProperty().set(pr.fraction());
            }
        }).onSuccess(r -> {
            if (gen != generation) {
                return;
            }
            shownClip = c;
            shownQuery = query;
            view.captionProperty().set(r.modelId() + "  \u00b7  " + c.clipId());
            view.framesProperty().set(r.frames());
            view.mapsProperty().set(r.maps());
        }).onFailure(e -> {
            if (gen != generation) {
                return;
            }
            LOG.warn("attention of {} failed", c.clipId(), e);
            shownClip = null;
            failedClip = c;
            failedQuery = query;
            view.mapsProperty().set(null);
            view.messageProperty().set("Cannot compute the attention of " + c.clipId() + ": " + message(e));
        }).onCancelled(() -> {
            if (gen == generation) {
                view.messageProperty().set("Cancelled");
            }
        }).onFinished(() -> {
            if (job == task) {
                job = null;
                jobClip = null;
                jobQuery = null;
                view.busyProperty().set(false);
                update(); // the user may have asked for another query meanwhile
            }
        }).executeWith(ctx.executor());
    }

    /** The probe of {@code modelId}, opened on first use; a probe of another model is closed first. */
    private AttentionProbe probe(String modelId) throws java.io.IOException {
        synchronized (probeLock) {
            if (closed) {
                throw new CancellationException("the attention view is closed");
            }
            if (probe != null && !modelId.equals(probeModel)) {
                probe.close();
                probe = null;
            }
            if (probe == null) {
                probe = ctx.backend().openAttentionProbe(modelId, ctx.options().frames());
                probeModel = modelId;
            }
            return probe;
        }
    }

    private void cancel() {
        if (job != null) {
            generation++; // a late result of the cancelled job is ignored
            job.cancel();
            job = null;
            jobClip = null;
            jobQuery = null;
            view.busyProperty().set(false);
        }
    }

    private static String message(Throwable e) {
        Throwable c = e;
        while (c.getMessage() == null && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    /** Cancels a running capture and closes the probe (its model). */
    @Override
    public void close() {
        cancel();
        synchronized (probeLock) {
            closed = true;
            if (probe != null) {
                probe.close();
                probe = null;
            }
        }
    }

    /** The result of one capture. */
    private record Captured(AttentionMaps maps, List<BufferedImage> frames, String modelId) {}
}
