package org.egolens.app.ui.train;

import static org.egolens.app.bench.BenchStats.loadAverage;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import org.egolens.viewer.chart.BoundedSeries;
import org.egolens.viewer.chart.ChartPalette;
import org.egolens.viewer.chart.LiveChart;
import org.egolens.viewer.chart.SeriesSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * FX-thread stall benchmark for the Train tab's charts (issue 9, item 6; not a unit test, runs only with
 * {@code -Degolens.bench=true}, needs a display): the four {@link TrainCharts} in a 1440×880 window, with the series a
 * detail-mode run shows (loss total + 3 terms, learning rate, mAP/nDCG average and both directions, mirror-pair). A
 * producer thread appends points the way {@link RunFeed} does (to the thread-safe series, off the FX thread) at
 * {@code egolens.bench.rate} steps/s (default 200, well above a real run) for {@code egolens.bench.seconds} (default 10);
 * an {@link AnimationTimer} records the gap between consecutive pulses. The reference, in the same run and window, is
 * the same measurement with no points fed (the charts idle). Reports max, p99 and the count of gaps above 50 ms.
 *
 * <pre>xvfb-run -a mvn -B -o -pl app -am test -Dtest=ChartPulseBench -Degolens.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "egolens.bench", matches = "true")
@ExtendWith(ApplicationExtension.class)
class ChartPulseBench {
    private TrainCharts charts;
    private final List<BoundedSeries> perStep = new ArrayList<>();
    private final List<BoundedSeries> perEval = new ArrayList<>();

    @Start
    void start(Stage stage) {
        charts = new TrainCharts();
        String[] loss = {"total", "sms", "mi-mm", "reg"};
        for (int i = 0; i < loss.length; i++) {
            perStep.add(charts.chart(TrainCharts.Id.LOSS).addSeries(SeriesSpec.smoothed(loss[i], loss[i],
                    ChartPalette.series(i))));
        }
        perStep.add(charts.chart(TrainCharts.Id.LR).addSeries(SeriesSpec.line("lr", "lr", ChartPalette.series(0))));
        String[] eval = {"mAP", "nDCG", "mAP v2t", "mAP t2v", "nDCG v2t", "nDCG t2v"};
        for (int i = 0; i < eval.length; i++) {
            perEval.add(charts.chart(TrainCharts.Id.EVAL).addSeries(SeriesSpec.line(eval[i], eval[i],
                    ChartPalette.series(i))));
        }
        perEval.add(charts.chart(TrainCharts.Id.MIRROR).addSeries(SeriesSpec.markers("mirror", "mirror",
                ChartPalette.series(0))));
        GridPane grid = new GridPane();
        List<LiveChart> all = charts.all();
        for (int i = 0; i < all.size(); i++) {
            GridPane.setHgrow(all.get(i), Priority.ALWAYS);
            GridPane.setVgrow(all.get(i), Priority.ALWAYS);
            grid.add(all.get(i), i % 2, i / 2);
        }
        stage.setScene(new Scene(grid, 1440, 880));
        stage.show();
    }

    @Test
    void pulseGapsWhileChartsReceivePoints() throws Exception {
        double seconds = Double.parseDouble(System.getProperty("egolens.bench.seconds", "10"));
        int rate = Integer.getInteger("egolens.bench.rate", 200);
        System.out.println("load average before: " + loadAverage());
        double[] idle = pulseGaps(seconds, 0);
        double[] fed = pulseGaps(seconds, rate);
        System.out.println("load average after: " + loadAverage());
        report("idle (reference)", idle);
        report("fed at " + rate + " steps/s", fed);
        long redraws = charts.all().stream().mapToLong(LiveChart::redrawCount).sum();
        System.out.println("chart redraws during the run: " + redraws + "; points in the loss total: "
                + perStep.get(0).snapshot().added());
        assertTrue(redraws > 0, "the charts never redrew");
    }

    /** Pulse gaps (ms) over {@code seconds}, feeding {@code rate} steps/s from another thread (0 = none). */
    private double[] pulseGaps(double seconds, int rate) throws Exception {
        List<Double> gaps = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        AnimationTimer timer = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                long t = System.nanoTime(); // the pulse's own timestamp is its start; gaps are between handler calls
                if (last != 0) {
                    gaps.add((t - last) / 1e6);
                }
                last = t;
                if (t > end) {
                    stop();
                    done.countDown();
                }
            }
        };
        AtomicBoolean feeding = new AtomicBoolean(rate > 0);
        Thread producer = new Thread(() -> feed(rate, feeding), "bench-feed");
        Platform.runLater(timer::start);
        if (rate > 0) {
            producer.start();
        }
        assertTrue(done.await((long) seconds + 30, TimeUnit.SECONDS), "pulses stopped");
        feeding.set(false);
        producer.join();
        return gaps.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void feed(int rate, AtomicBoolean feeding) {
        long step = perStep.get(0).snapshot().added();
        long periodNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        while (feeding.get()) {
            double x = step;
            double decay = Math.exp(-step / 5000.0);
            for (int i = 0; i < 4; i++) {
                perStep.get(i).add(x, (4 - i) * decay + 0.05 * Math.sin(step * 0.37 + i));
            }
            perStep.get(4).add(x, 1e-4 * Math.min(1, step / 500.0) * decay);
            if (step % 50 == 0) {
                for (int i = 0; i < perEval.size(); i++) {
                    perEval.get(i).add(x, 0.1 + 0.3 * (1 - decay) + 0.01 * i);
                }
            }
            step++;
            next += periodNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static void report(String what, double[] gaps) {
        double[] s = gaps.clone();
        Arrays.sort(s);
        long over = Arrays.stream(s).filter(g -> g > 50).count();
        System.out.printf(Locale.ROOT, "%-22s pulses %5d  median gap %5.1f ms  p99 %6.1f ms  max %6.1f ms  gaps > 50 ms:"
                + " %d%n", what, s.length, s[s.length / 2], s[(int) Math.min(s.length - 1, Math.ceil(0.99 * s.length) - 1)],
                s[s.length - 1], over);
    }
}
