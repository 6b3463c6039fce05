package org.egolens.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Per-op benchmark of one B/16 attention layer (item 1's measured cause; not a unit test, runs only with
 * {@code -Degolens.bench=true}): {@code q kᵀ} as {@code (1, 12, N, 64) @ (1, 12, 64, N)} with contiguous operands and
 * with the transposed views {@link EvaAttention} uses, softmax over the {@code (1, 12, N, N)} scores, and
 * probabilities {@code @ v}, in DJL's libtorch; then the same ops in PyTorch eager
 * ({@code experiments/bench/attention_ops.py}, Debian's {@code python3-torch}, with {@code egolens.bench.blasDir} on
 * its {@code LD_LIBRARY_PATH}) in the same run. N = 3137 by default (T = 16: 1 + 16·196 tokens,
 * {@code egolens.bench.tokens}); best of 3 after a warm-up, in ms; GFLOP/s for the two products ({@code 2·12·N²·64}
 * FLOPs each).
 *
 * <pre>mvn -B -o -pl model test -Dtest=AttentionOpsBench -Degolens.bench=true -Dai.djl.pytorch.num_threads=2 \
 *   -Degolens.bench.blasDir=DIR/usr/lib/x86_64-linux-gnu/openblas-pthread -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "egolens.bench", matches = "true")
class AttentionOpsBench {
    private static final int HEADS = 12;
    private static final int HEAD_DIM = 64;
    private static final int REPS = 3;

    @Test
    void attentionOpsAgainstPyTorch() throws Exception {
        int n = Integer.getInteger("egolens.bench.tokens", 3137);
        NativeEngine.pytorch(); // fixes the thread count
        int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "2"));
        Map<String, Double> ours = new LinkedHashMap<>();
        try (NDManager m = NativeEngine.pytorch().newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(0);
            NDArray x = m.randomNormal(new Shape(1, n, HEADS * HEAD_DIM));
            NDArray qView = x.reshape(1, n, HEADS, HEAD_DIM).transpose(0, 2, 1, 3);
            NDArray ktView = x.reshape(1, n, HEADS, HEAD_DIM).transpose(0, 2, 3, 1);
            NDArray q = m.randomNormal(new Shape(1, HEADS, n, HEAD_DIM));
            NDArray kt = m.randomNormal(new Shape(1, HEADS, HEAD_DIM, n));
            NDArray v = m.randomNormal(new Shape(1, HEADS, n, HEAD_DIM));
            NDArray scores = q.matMul(kt);
            NDArray probs = scores.softmax(-1);
            ours.put("qk_contiguous_ms", bestMs(m, s -> q.matMul(kt)));
            ours.put("qk_views_ms", bestMs(m, s -> qView.matMul(ktView)));
            ours.put("softmax_ms", bestMs(m, s -> scores.softmax(-1)));
            ours.put("pv_ms", bestMs(m, s -> probs.matMul(v)));
        }
        JsonNode ref = pytorch(n, threads);
        double gflop = 2.0 * HEADS * n * (double) n * HEAD_DIM / 1e9;
        System.out.printf("attention ops, N=%d, %d threads, best of %d (ms): EgoLens (DJL libtorch) vs PyTorch %s%n", n,
                threads, REPS, ref.get("torch").asText());
        for (Map.Entry<String, Double> e : ours.entrySet()) {
            double theirs = ref.get(e.getKey()).asDouble();
            String rate = e.getKey().equals("softmax_ms") ? ""
                    : String.format(" (%.0f vs %.0f GFLOP/s)", gflop / e.getValue() * 1e3, gflop / theirs * 1e3);
            System.out.printf("  %-17s %8.1f  %8.1f  ratio %.2f%s%n", e.getKey(), e.getValue(), theirs,
                    e.getValue() / theirs, rate);
        }
    }

    /** Best wall time of {@code op} over {@link #REPS} runs after one warm-up; each result is freed with its scope. */
    private static double bestMs(NDManager parent, Function<NDManager, NDArray> op) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i <= REPS; i++) {
            try (NDManager s = parent.newSubManager()) {
                long t0 = System.nanoTime();
                NDArray r = op.apply(s);
                r.getFloat(0, 0, 0, 0); // forces completion
                double ms = (System.nanoTime() - t0) / 1e6;
                r.attach(s);
                if (i > 0) {
                    best = Math.min(best, ms);
                }
            }
        }
        return best;
    }

    private static JsonNode pytorch(int n, int threads) throws IOException, InterruptedException {
        Path script = Path.of("..", "experiments", "bench", "attention_ops.py").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(n),
                Integer.toString(threads), Integer.toString(REPS)).redirectError(ProcessBuilder.Redirect.INHERIT);
        String blas = System.getProperty("egolens.bench.blasDir", "/usr/lib/x86_64-linux-gnu/openblas-pthread");
        pb.environment().put("LD_LIBRARY_PATH", blas);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("PyTorch reference failed (exit " + p.exitValue() + ")");
        }
        return new ObjectMapper().readTree(out);
    }
}
