package org.egolens.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Times the phases of a GUI cold start, in milliseconds since the JVM process started, when the system property
 * {@value #PROPERTY} is set: {@code true} prints one {@code [startup] <phase> <ms>} line per phase to stderr;
 * {@code exit} also exits the JVM (code 0) once the first frame has been laid out, so a script or benchmark can time cold
 * starts in a loop. Without the property every call is a no-op. Phases are marked from the launcher thread and the FX
 * thread; the list is synchronised.
 */
public final class StartupTrace {
    /** The switch: {@code true} or {@code exit}. */
    public static final String PROPERTY = "egolens.startup.trace";
    /** The last phase, marked at the end of the first pulse that laid out the shown main window. */
    public static final String FIRST_FRAME = "first-frame";

    /** One phase: its name and when it ended, ms since process start. */
    public record Mark(String phase, double ms) {}

    private static final List<Mark> MARKS = new ArrayList<>();
    private static final long PROCESS_START_MS = processStartMs();

    private StartupTrace() {}

    /** True when tracing is on. */
    public static boolean enabled() {
        String v = System.getProperty(PROPERTY);
        return "true".equalsIgnoreCase(v) || "exit".equalsIgnoreCase(v);
    }

    /** Records that {@code phase} has just ended (no-op when tracing is off). */
    public static void mark(String phase) {
        if (!enabled()) {
            return;
        }
        double ms = PROCESS_START_MS > 0 ? System.currentTimeMillis() - PROCESS_START_MS : Double.NaN;
        synchronized (MARKS) {
            MARKS.add(new Mark(phase, ms));
        }
        System.err.printf(Locale.ROOT, "[startup] %s %.0f%n", phase, ms);
    }

    /** The phases recorded so far, in order. */
    public static List<Mark> marks() {
        synchronized (MARKS) {
            return List.copyOf(MARKS);
        }
    }

    /**
     * Marks {@link #FIRST_FRAME} at the first layout pulse of {@code scene} after this call (call on the FX thread right
     * after {@code stage.show()}); with {@code exit}, then exits. No-op when tracing is off.
     */
    public static void markFirstFrame(Scene scene) {
        if (!enabled()) {
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            mark(FIRST_FRAME);
            if ("exit".equalsIgnoreCase(System.getProperty(PROPERTY))) {
                // let this pulse render, then leave
                Platform.runLater(() -> Runtime.getRuntime().halt(0));
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private static long processStartMs() {
        return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
