package org.egolens.app.bench;

import static org.egolens.app.bench.BenchStats.median;
import static org.egolens.app.bench.BenchStats.loadAverage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.egolens.app.Launcher;
import org.egolens.app.StartupTrace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * GUI cold-start benchmark (issue 9, item 6; not a unit test, runs only with {@code -Degolens.bench=true}, needs a
 * display): starts fresh JVMs with {@code -Degolens.startup.trace=exit} and reads the {@link StartupTrace} phases
 * (ms since process start) up to the first laid-out frame. Alternates the real GUI ({@code Launcher gui}, first start
 * with an empty {@code egolens.home}, as in the packaging smoke test) with {@link MinimalFxWindow}, the smallest JavaFX
 * window, which is the reference measured in the same run. {@code egolens.bench.runs} (default 5) starts each; prints
 * the median of every phase. The classpath is the test classpath (no jpackage image, no CDS archive).
 *
 * <pre>xvfb-run -a mvn -B -o -pl app -am test -Dtest=StartupBench -Degolens.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "egolens.bench", matches = "true")
class StartupBench {
    private static final Pattern LINE = Pattern.compile("\\[startup] (\\S+) (\\d+)");

    @Test
    void coldStartToFirstFrame() throws Exception {
        int runs = Integer.getInteger("egolens.bench.runs", 5);
        Path tmp = Files.createTempDirectory("egolens-startup-bench");
        try {
            Map<String, List<Map<String, Double>>> byApp = new LinkedHashMap<>();
            System.out.println("load average before: " + loadAverage());
            for (int r = 0; r < runs; r++) {
                Path home = Files.createDirectories(tmp.resolve("home-" + r));
                byApp.computeIfAbsent("EgoLens", k -> new ArrayList<>())
                        .add(start(Launcher.class.getName(), List.of("gui"), home));
                byApp.computeIfAbsent("minimal JavaFX", k -> new ArrayList<>())
                        .add(start(MinimalFxWindow.class.getName(), List.of(), home));
            }
            System.out.println("load average after: " + loadAverage());
            Map<String, Double> first = new LinkedHashMap<>();
            for (var e : byApp.entrySet()) {
                System.out.println(e.getKey() + " (median of " + runs + " cold starts, ms since process start):");
                for (String phase : e.getValue().get(0).keySet()) {
                    double med = median(e.getValue().stream().mapToDouble(m -> m.getOrDefault(phase, Double.NaN))
                            .toArray());
                    System.out.printf(Locale.ROOT, "  %-26s %6.0f%n", phase, med);
                    if (phase.equals(StartupTrace.FIRST_FRAME)) {
                        first.put(e.getKey(), med);
                    }
                }
            }
            assertEquals(2, first.size(), "both apps reached their first frame");
            System.out.printf(Locale.ROOT, "first frame: EgoLens %.0f ms, minimal JavaFX %.0f ms, ratio %.2f%n",
                    first.get("EgoLens"), first.get("minimal JavaFX"), first.get("EgoLens") / first.get("minimal JavaFX"));
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Starts one JVM and returns its phases (ms since process start), in order. */
    private static Map<String, Double> start(String mainClass, List<String> args, Path home)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + StartupTrace.PROPERTY + "=exit", "-Degolens.home=" + home, "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes());
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), mainClass + " did not exit");
        Map<String, Double> phases = new LinkedHashMap<>();
        Matcher m = LINE.matcher(out);
        while (m.find()) {
            phases.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        assertTrue(phases.containsKey(StartupTrace.FIRST_FRAME), mainClass + " printed no first frame:\n" + out);
        return phases;
    }
}
