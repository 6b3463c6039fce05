package org.egolens.model.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model-compute benchmark, EgoLens side (item 1; not a unit test, runs only with {@code -Degolens.bench=true}): the
 * video tower of a preset ({@code eva02-at-b16}, random init), forward ({@code fwd}, inference path) and
 * forward+backward ({@code fwdbwd}: training forward, {@code sum} of the features, {@link GradientCollector#backward}
 * into every parameter, as the trainer does) per batch B and frame count T, plus the sgemm peak of DJL's libtorch
 * measured in the same process (best of 3 {@code n×n} float32 {@code matMul} after a warm-up). Each case: warm-up runs,
 * then timed runs, median reported; FLOPs from {@link VisionFlops}, MFU = FLOPs / median / peak; the process' peak RSS
 * during the case (VmHWM reset through {@code /proc/self/clear_refs}).
 *
 * <p>Before a case whose memory was not measured, the peak of the same case at half the batch is scaled up; when the
 * projection exceeds MemAvailable minus {@code egolens.bench.reserveMb} (default 3072) the case is skipped and the
 * measured reason is written instead (the machine is shared).
 *
 * <p>Results are JSON lines appended to {@code egolens.bench.out}; the preset's {@code config.json} is written beside it
 * as {@code PRESET-config.json} (the twin builds the same model from it). {@code experiments/bench/model_compute.sh} runs this and
 * the twin's {@code bench} with the same shapes and thread count and prints the table.
 *
 * <pre>mvn -B -o -pl model test -Dtest=ModelComputeBench -Degolens.bench=true -Dai.djl.pytorch.num_threads=2 \
 *   [-Degolens.bench.frames=4,16 -Degolens.bench.batches=1,2 -Degolens.bench.modes=fwd,fwdbwd -Degolens.bench.runs=3
 *    -Degolens.bench.runsLong=3 (timed runs of fwdbwd and T >= 16 cases)
 *    -Degolens.bench.out=FILE]</pre>
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "egolens.bench", matches = "true")
class ModelComputeBench {
    private static final Logger LOG = LoggerFactory.getLogger(ModelComputeBench.class);

    @Test
    void videoTowerForwardAndBackward() throws IOException {
        String preset = System.getProperty("egolens.bench.model", "eva02-at-b16");
        int runs = Integer.getInteger("egolens.bench.runs", 3);
        int warmup = Integer.getInteger("egolens.bench.warmup", 1);
        int runsLong = Integer.getInteger("egolens.bench.runsLong", runs); // fwdbwd and T >= 16
        int peakN = Integer.getInteger("egolens.bench.peakN", 4096);
        long reserveMb = Long.getLong("egolens.bench.reserveMb", 3072);
        Path out = Path.of(System.getProperty("egolens.bench.out", "target/model-compute-java.jsonl"));
        List<Integer> frames = ints(System.getProperty("egolens.bench.frames", "4,16"));
        List<Integer> batches = ints(System.getProperty("egolens.bench.batches", "1,2"));
        List<String> modes = List.of(System.getProperty("egolens.bench.modes", "fwd,fwdbwd").split(","));
        NativeEngine.pytorch(); // fixes the thread count
        int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads"));
        Map<String, Long> peakMb = new LinkedHashMap<>();
        double peak = 0;
        Path cfgOut = out.toAbsolutePath().resolveSibling(preset + "-config.json");
        Files.createDirectories(cfgOut.getParent());
        Files.writeString(cfgOut, ModelPresets.get(preset).toJson(), StandardCharsets.UTF_8); // for the twin's bench
        for (int t : frames) {
            ModelConfig cfg = ModelPresets.get(preset).withNumFrames(t);
            try (Eva02AtClipModel m = ModelFactory.create(cfg, preset, ModelFactory.PRESET_SEED, null)) {
                if (t == frames.get(0)) {
                    peak = sgemmPeak(m.manager(), peakN);
                    emit(out, json("side", "egolens", "what", "sgemm_peak", "n", peakN, "threads", threads,
                            "flops_per_s", peak));
                }
                for (String mode : modes) {
                    for (int b : batches) {
                        Map<String, Object> rec = new LinkedHashMap<>(Map.of("side", "egolens", "mode", mode,
                                "batch", b, "frames", t, "threads", threads));
                        rec.put("flops", b * VisionFlops.forward(cfg, t) * (mode.equals("fwdbwd") ? 3 : 1));
                        String half = mode + "/" + t + "/" + (b / 2);
                        long avail = memAvailableMb();
                        if (b > 1 && peakMb.containsKey(half)) {
                            long base = peakMb.get("base/" + t);
                            long extra = 2 * (peakMb.get(half) - base) - (rssMb("VmRSS") - base);
                            if (extra > avail - reserveMb) {
                                rec.put("error", String.format(Locale.ROOT, "skipped: B=%d peak RSS %d MB measured "
                                        + "(model %d MB), B=%d needs about %d MB more > MemAvailable %d MB - reserve %d "
                                        + "MB", b / 2, peakMb.get(half), base, b, extra, avail, reserveMb));
                                emit(out, rec);
                                continue;
                            }
                        }
                        resetPeakRss();
                        peakMb.putIfAbsent("base/" + t, rssMb("VmRSS"));
                        try {
                            rec.putAll(time(m, mode, b, t, warmup, mode.equals("fwdbwd") || t >= 16 ? runsLong : runs));
                        } catch (RuntimeException e) {
                            rec.put("error", e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
                        }
                        long p = rssMb("VmHWM");
                        peakMb.put(mode + "/" + t + "/" + b, p);
                        rec.put("rss_peak_mb", p);
                        rec.put("mem_available_mb_before", avail);
                        if (rec.containsKey("median_s")) {
                            rec.put("mfu", (double) rec.get("flops") / (double) rec.get("median_s") / peak);
                        }
                        rec.put("load_avg", Files.readString(Path.of("/proc/loadavg")).trim());
                        emit(out, rec);
                    }
                }
            }
        }
    }

    private static Map<String, Object> time(Eva02AtClipModel m, String mode, int b, int t, int warmup, int runs) {
        int s = m.config().vision().imageSize();
        float[] data = new float[b * 3 * t * s * s];
        Random r = new Random(42);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        boolean train = mode.equals("fwdbwd");
        m.block().freezeParameters(!train);
        ParameterStore ps = new ParameterStore(m.manager(), false);
        double[] sec = new double[runs];
        for (int i = 0; i < warmup + runs; i++) {
            long a = System.nanoTime();
            try (NDManager sub = m.manager().newSubManager()) {
                NDArray x = sub.create(data, new Shape(b, 3, t, s, s));
                if (train) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(m.block().visual().features(ps, x, true, true).sum());
                    }
                } else {
                    m.block().visual().features(ps, x, true, false).toFloatArray();
                }
            }
            if (i >= warmup) {
                sec[i - warmup] = (System.nanoTime() - a) / 1e9;
            }
            if (train) {
                zeroGradients(m); // outside the timed region, as the twin's zero_grad
            }
        }
        m.block().freezeParameters(true);
        Arrays.sort(sec);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("median_s", sec[runs / 2]);
        o.put("min_s", sec[0]);
        o.put("max_s", sec[runs - 1]);
        o.put("runs", runs);
        return o;
    }

    /**
     * Zeroes every parameter's gradient in place, as the trainer's AdamW does after its update. Not DJL's
     * {@code GradientCollector.zeroGradients}: for a gradient that is not defined yet it creates and fills a new zero
     * tensor in the parameter's manager every call (measured: 0.48 s per B/16 step on 1 thread, and the tensors stay
     * until the model is closed).
     */
    private static void zeroGradients(Eva02AtClipModel m) {
        for (var p : m.block().getParameters().values()) {
            NDArray w = p.getArray();
            if (w.hasGradient()) {
                try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                    scope.suppressNotUsedWarning();
                    w.getGradient().muli(0f);
                }
            }
        }
    }

    /** Best FLOP/s of an n×n float32 matMul (2n³ FLOPs) over 3 runs after one warm-up, in DJL's libtorch. */
    static double sgemmPeak(NDManager parent, int n) {
        try (NDManager m = parent.newSubManager()) {
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            a.matMul(b).close();
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                NDArray c = a.matMul(b);
                c.getFloat(0, 0); // forces completion
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                c.close();
            }
            return 2.0 * n * n * (double) n / best;
        }
    }

    private static void emit(Path out, Map<String, Object> rec) throws IOException {
        String line = rec.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + value(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        LOG.info("{}", line);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String value(Object v) {
        if (v instanceof Number) {
            return v.toString();
        }
        return "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Map<String, Object> json(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<Integer> ints(String s) {
        List<Integer> out = new ArrayList<>();
        for (String p : s.split(",")) {
            out.add(Integer.parseInt(p.trim()));
        }
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String l = s.lines().findFirst().orElse("");
        return l.length() > 300 ? l.substring(0, 300) : l;
    }

    /** Resets VmHWM to the current RSS (Linux: writing 5 to {@code /proc/self/clear_refs}). */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            LOG.warn("cannot reset the peak RSS: {}", e.toString());
        }
    }

    private static long memAvailableMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemAvailable:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static long rssMb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
