package org.egolens.viewer.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live chart under a worker thread feeding three series at 1 kHz: no exception, bounded series, the FX thread keeps
 * pulsing (no stalled repaint) and the chart keeps redrawing. The short version runs by default (30 s, reliability
 * case 5); the 5-minute version runs with {@code -Degolens.long=true} (tag {@code long}).
 */
@ExtendWith(ApplicationExtension.class)
class LiveChartFxTest {
    private static final Logger LOG = LoggerFactory.getLogger(LiveChartFxTest.class);
    private static final int CAPACITY = 2000;
    private LiveChart chart;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        chart = new LiveChart("step", "loss", CAPACITY);
        StackPane root = new StackPane(chart);
        root.setStyle("-fx-background-color: #1c1f26; -fx-padding: 8;");
        stage.setScene(new Scene(root, 720, 360));
        stage.show();
    }

    @Test
    @Tag("reliability")
    void oneKilohertzForThirtySeconds(FxRobot robot) throws Exception {
        feed(robot, 30_000, true);
    }

    @Test
    void changesOffTheFxThreadAreRefusedButFeedingIsFine(FxRobot robot) throws Exception {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> chart.addSeries(SeriesSpec.line("x", "x", ChartPalette.series(0))));
        BoundedSeries[] s = new BoundedSeries[1];
        robot.interact(() -> s[0] = chart.addSeries(SeriesSpec.markers("x", "x", ChartPalette.series(0))));
        s[0].add(1, 0.5); // from the test thread
        s[0].add(2, 0.25);
        robot.interact(chart::refresh);
        assertEquals(2, chart.shown("x").orElseThrow().size());
        assertEquals(0.25, chart.shown("x").orElseThrow().y()[1]);
        // smoothing applies only to SMOOTHED series and is recomputed when the weight changes
        BoundedSeries[] sm = new BoundedSeries[1];
        robot.interact(() -> sm[0] = chart.addSeries(SeriesSpec.smoothed("s", "s", ChartPalette.series(1))));
        sm[0].add(0, 1);
        sm[0].add(1, 0);
        robot.interact(() -> {
            chart.smoothingProperty().set(0.5);
            chart.refresh();
        });
        assertEquals(1.0 / 3.0, chart.shownSmoothed("s").orElseThrow()[1], 1e-12); // (0.5·0.5·1 + 0.5·0)/(1 - 0.25)
        robot.interact(() -> {
            chart.smoothingProperty().set(0);
            chart.refresh();
        });
        assertEquals(0.0, chart.shownSmoothed("s").orElseThrow()[1]);
        assertTrue(chart.shownSmoothed("x").isEmpty());
    }

    @Test
    @Tag("long")
    @Tag("reliability")
    @EnabledIfSystemProperty(named = "egolens.long", matches = "true")
    void oneKilohertzForFiveMinutes(FxRobot robot) throws Exception {
        feed(robot, 300_000, false);
    }

    private void feed(FxRobot robot, long millis, boolean screenshot) throws Exception {
        List<Throwable> fxErrors = new CopyOnWriteArrayList<>();
        BoundedSeries[] series = new BoundedSeries[3];
        AtomicLong maxGap = new AtomicLong();
        AtomicInteger pulses = new AtomicInteger();
        AnimationTimer pulseProbe = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0) {
                    maxGap.accumulateAndGet(now - last, Math::max);
                }
                last = now;
                pulses.incrementAndGet();
            }
        };
        robot.interact(() -> {
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> fxErrors.add(e));
            series[0] = chart.addSeries(SeriesSpec.smoothed("loss", "loss", ChartPalette.series(0)));
            series[1] = chart.addSeries(SeriesSpec.line("pos", "pos", ChartPalette.series(1)));
            series[2] = chart.addSeries(SeriesSpec.line("neg", "neg", ChartPalette.series(2)).asDashed());
            chart.smoothingProperty().set(0.9);
            pulseProbe.start();
        });
        long redraws0 = chart.redrawCount();
        AtomicLong produced = new AtomicLong();
        AtomicInteger maxSize = new AtomicInteger();
        Thread producer = new Thread(() -> {
            long t0 = System.nanoTime();
            long step = 0;
            while (true) {
                long due = t0 + step * 1_000_000L; // 1 kHz
                long now = System.nanoTime();
                if (now - t0 >= millis * 1_000_000L) {
                    break;
                }
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                    continue;
                }
                double loss = 2 * Math.exp(-step / 800.0) + 0.1 * Math.sin(step / 7.0) + 0.3;
                series[0].add(step, loss);
                series[1].add(step, loss * 0.6);
                series[2].add(step, loss * 0.1);
                if (step % 100 == 0) {
                    maxSize.accumulateAndGet(series[0].size(), Math::max);
                }
                step++;
            }
            produced.set(step);
        }, "test-trainer-1khz");
        producer.start();
        producer.join(millis + 30_000);
        long last = produced.get() - 1;
        // the display catches up with the last point within a few refreshes
        WaitForAsyncUtils.waitFor(2, TimeUnit.SECONDS, () -> chart.shown("loss").map(s -> s.size() > 0
                && s.x()[s.size() - 1] == last).orElse(false));
        robot.interact(pulseProbe::stop);
        long redraws = chart.redrawCount() - redraws0;
        double seconds = millis / 1000.0;
        LOG.info("{} points per series in {} s: {} redraws, {} pulses, max pulse gap {} ms, series size {} (k = {})",
                produced.get(), seconds, redraws, pulses.get(), maxGap.get() / 1_000_000, series[0].size(),
                series[0].pointsPerBucket());

        assertEquals(List.of(), fxErrors);
        assertTrue(produced.get() >= seconds * 1000 * 0.9, "producer kept 1 kHz: " + produced.get());
        assertTrue(maxSize.get() <= CAPACITY && series[0].size() <= CAPACITY, "bounded: " + series[0]);
        assertTrue(series[0].pointsPerBucket() > 1, "down-sampled: " + series[0]);
        int shown = chart.shown("loss").orElseThrow().size();
        assertTrue(shown <= CAPACITY, "dataset bounded: " + shown);
        // at 8 Hz a healthy FX thread redraws ~8 times a second; demand half of it
        assertTrue(redraws >= seconds * 8 / 2, "redraws " + redraws + " in " + seconds + " s");
        // a stalled FX thread shows as a pulse gap; allow scheduler hiccups of a loaded CI machine, not a second
        assertTrue(maxGap.get() < 1_000_000_000L, "longest FX pulse gap " + maxGap.get() / 1_000_000 + " ms");
        double[] smooth = chart.shownSmoothed("loss").orElseThrow();
        assertEquals(shown, smooth.length);
        if (screenshot) {
            WaitForAsyncUtils.waitForFxEvents();
            Image shot = robot.capture(stage.getScene().getRoot()).getImage();
            BufferedImage bi = SwingFXUtils.fromFXImage(shot, null);
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            ImageIO.write(bi, "png", dir.resolve("live-chart.png").toFile());
            assertNotNull(bi);
        }
        Platform.runLater(() -> Thread.currentThread().setUncaughtExceptionHandler(null));
    }
}
