package org.egolens.viewer;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Plays a clip frame by frame: play/pause, a scrub slider, one-frame steps, and a time/frame label. Frames come from a
 * {@link FrameProvider}; while one is being decoded, newer requests replace older ones (latest wins), so scrubbing and
 * playback never queue up work and playback drops frames rather than slowing down.
 *
 * <p>Node ids: {@code #playerImage}, {@code #playerTime}, {@code #playerTitle}, {@code #playButton},
 * {@code #stepBackButton}, {@code #stepForwardButton}, {@code #playerSlider}. Keys: Space play/pause, ←/→ step.
 */
public final class ClipPlayer extends VBox {
    private final ObjectProperty<ClipItem> clip = new SimpleObjectProperty<>(this, "clipItem");
    private final ObjectProperty<FrameProvider> frameProvider = new SimpleObjectProperty<>(this, "frameProvider");
    private final ReadOnlyLongWrapper shownFrame = new ReadOnlyLongWrapper(this, "shownFrame", -1);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");

    private final ImageView image = new ImageView();
    private final Label placeholder = new Label("Select a clip or a search result");
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label time = new Label("--");
    private final Slider slider = new Slider(0, 1, 0);
    private static final String PLAY = "M0 0 L11 6.5 L0 13 Z";
    private static final String PAUSE = "M0 0 H4 V13 H0 Z M7 0 H11 V13 H7 Z";
    private static final String STEP_BACK = "M0 0 H2.5 V13 H0 Z M12 0 V13 L3.5 6.5 Z";
    private static final String STEP_FORWARD = "M0 0 L8.5 6.5 L0 13 Z M9.5 0 H12 V13 H9.5 Z";
    private final Button play = iconButton(PLAY);
    private final Button back = iconButton(STEP_BACK);
    private final Button forward = iconButton(STEP_FORWARD);
    private final Timeline ticker = new Timeline();

    private PlayerPosition pos;
    private boolean loading;
    private long pendingFrame = -1;
    private boolean updatingSlider;
    private long playStartNanos;
    private long playStartOffset;
    private long generation;

    /** An empty player. */
    public ClipPlayer() {
        getStyleClass().add("clip-player");
        image.setId("playerImage");
        image.setPreserveRatio(true);
        image.setSmooth(true);
        time.setId("playerTime");
        time.getStyleClass().add("player-time");
        title.setId("playerTitle");
        title.getStyleClass().add("player-title");
        subtitle.getStyleClass().add("player-subtitle");
        placeholder.getStyleClass().add("placeholder");
        play.setId("playButton");
        back.setId("stepBackButton");
        forward.setId("stepForwardButton");
        slider.setId("playerSlider");
        for (Button b : new Button[] {play, back, forward}) {
            b.getStyleClass().add("player-button");
            b.setFocusTraversable(false);
        }
        play.setTooltip(new Tooltip("Play / pause (Space)"));
        back.setTooltip(new Tooltip("Previous frame (\u2190)"));
        forward.setTooltip(new Tooltip("Next frame (\u2192)"));

        StackPane screen = new StackPane(placeholder, image);
        screen.getStyleClass().add("player-screen");
        screen.setMinSize(160, 90);
        VBox.setVgrow(screen, Priority.ALWAYS);
        image.fitWidthProperty().bind(screen.widthProperty().subtract(2));
        image.fitHeightProperty().bind(screen.heightProperty().subtract(2));

        VBox heading = new VBox(2, title, subtitle);
        heading.getStyleClass().add("player-heading");
        HBox.setHgrow(slider, Priority.ALWAYS);
        Region gap = new Region();
        gap.setMinWidth(4);
        HBox controls = new HBox(6, back, play, forward, slider, gap, time);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("player-controls");
        getChildren().addAll(heading, screen, controls);

        play.setOnAction(e -> togglePlay());
        back.setOnAction(e -> step(-1));
        forward.setOnAction(e -> step(1));
        slider.valueProperty().addListener((o, a, b) -> {
            if (!updatingSlider && pos != null) {
                pause();
                if (pos.seekTime(b.doubleValue())) {
                    showCurrent();
                }
            }
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.SPACE) {
                togglePlay();
                e.consume();
            } else if (e.getCode() == KeyCode.LEFT) {
                step(-1);
                e.consume();
            } else if (e.getCode() == KeyCode.RIGHT) {
                step(1);
                e.consume();
            }
        });
        setOnMouseClicked(e -> requestFocus());
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.getKeyFrames().add(new KeyFrame(Duration.millis(1000.0 / 30), e -> tick()));
        clip.addListener((o, a, b) -> load(b));
        frameProvider.addListener((o, a, b) -> load(clip.get()));
        load(null);
    }

    private static Button iconButton(String path) {
        Button b = new Button();
        b.setGraphic(icon(path));
        return b;
    }

    private static javafx.scene.shape.SVGPath icon(String path) {
        javafx.scene.shape.SVGPath p = new javafx.scene.shape.SVGPath();
        p.setContent(path);
        p.getStyleClass().add("player-icon");
        return p;
    }

    /** The clip shown; null shows the placeholder. */
    public ObjectProperty<ClipItem> clipItemProperty() {
        return clip;
    }

    public ClipItem getClipItem() {
        return clip.get();
    }

    public void setClipItem(ClipItem c) {
        clip.set(c);
    }

    /** Where frames come from. */
    public ObjectProperty<FrameProvider> frameProviderProperty() {
        return frameProvider;
    }

    public void setFrameProvider(FrameProvider p) {
        frameProvider.set(p);
    }

    /** Video frame index of the image on screen, −1 when none. */
    public ReadOnlyLongProperty shownFrameProperty() {
        return shownFrame.getReadOnlyProperty();
    }

    /** True while playing. */
    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** Current window frame (0-based), −1 without a clip. */
    public long currentOffset() {
        return pos == null ? -1 : pos.offset();
    }

    /** Steps {@code frames} frames (negative = back) and pauses. */
    public void step(long frames) {
        if (pos == null) {
            return;
        }
        pause();
        if (pos.step(frames)) {
            showCurrent();
        }
    }

    /** Jumps to window frame {@code k} (clamped). */
    public void seekFrame(long k) {
        if (pos != null && pos.seekFrame(k)) {
            showCurrent();
        }
    }

    /** Starts or pauses playback. */
    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else if (pos != null) {
            if (pos.atEnd()) {
                pos.seekFrame(0);
                showCurrent();
            }
            playStartNanos = System.nanoTime();
            playStartOffset = pos.offset();
            playing.set(true);
            play.setGraphic(icon(PAUSE));
            ticker.play();
        }
    }

    /** Stops playback, keeping the frame. */
    public void pause() {
        if (playing.get()) {
            ticker.stop();
            playing.set(false);
            play.setGraphic(icon(PLAY));
        }
    }

    private void tick() {
        if (pos == null) {
            pause();
            return;
        }
        double elapsed = (System.nanoTime() - playStartNanos) / 1e9;
        long target = playStartOffset + (long) Math.floor(elapsed * pos.clip().fps());
        if (pos.seekFrame(target)) {
            showCurrent();
        }
        if (pos.atEnd()) {
            pause();
        }
    }

    private void load(ClipItem c) {
        pause();
        generation++;
        loading = false;
        pendingFrame = -1;
        image.setImage(null);
        shownFrame.set(-1);
        boolean usable = c != null && c.readable();
        pos = usable ? new PlayerPosition(c) : null;
        for (var n : new javafx.scene.Node[] {play, back, forward, slider}) {
            n.setDisable(!usable);
        }
        if (c == null) {
            title.setText("No clip");
            subtitle.setText("");
            placeholder.setText("Select a clip or a search result");
            time.setText("--");
        } else {
            title.setText(c.title());
            subtitle.setText((c.annotated() ? c.clipId() + "  \u00b7  " : "") + c.video().getFileName() + (usable ? "  \u00b7  " + Formats.window(c.startSec(), c.endSec())
                    + "  \u00b7  " + String.format(java.util.Locale.ROOT, "%.3g fps", c.fps()) : ""));
            placeholder.setText(usable ? "Decoding\u2026" : "Cannot play: " + c.problem());
        }
        if (pos != null) {
            updatingSlider = true;
            slider.setMax(Math.max(1e-3, pos.durationSec() - 1 / pos.clip().fps()));
            slider.setValue(0);
            updatingSlider = false;
            showCurrent();
        }
    }

    private void showCurrent() {
        time.setText(pos.label());
        updatingSlider = true;
        slider.setValue(pos.timeSec());
        updatingSlider = false;
        request(pos.videoFrame());
    }

    private void request(long videoFrame) {
        FrameProvider p = frameProvider.get();
        if (p == null) {
            return;
        }
        if (loading) {
            pendingFrame = videoFrame;
            return;
        }
        loading = true;
        long gen = generation;
        ClipItem c = pos.clip();
        p.frame(c, videoFrame).whenComplete((img, err) -> Platform.runLater(() -> delivered(gen, videoFrame, img, err)));
    }

    private void delivered(long gen, long videoFrame, Image img, Throwable err) {
        if (gen != generation) {
            return;
        }
        loading = false;
        if (err != null) {
            placeholder.setText("Cannot decode frame " + videoFrame + ": " + rootMessage(err));
            image.setImage(null);
        } else {
            image.setImage(img);
            shownFrame.set(videoFrame);
        }
        long next = pendingFrame;
        pendingFrame = -1;
        if (next >= 0 && next != videoFrame) {
            request(next);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && (c instanceof java.util.concurrent.CompletionException
                || c.getMessage() == null)) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}
