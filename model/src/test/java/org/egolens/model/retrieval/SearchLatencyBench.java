package org.egolens.model.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Search benchmark (not a unit test; runs only with {@code -Degolens.bench=true}): text→clip top-10 over N random
 * L2-normalised embeddings of dimension 256, N = 10⁵ and 10⁶ (override with {@code egolens.bench.sizes=100000,...}),
 * one query at a time, 200 timed queries after 20 warm-up ones. The reference is numpy's brute force
 * ({@code experiments/bench/search_numpy.py}, {@code E @ q} + argpartition) on the same vectors in the same run; both
 * must return the same top-10 rows. Prints p50/p95 latency in ms and writes {@code target/search-bench.csv}.
 *
 * <pre>mvn -B -o -pl model test -Dtest=SearchLatencyBench -Degolens.bench=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "egolens.bench", matches = "true")
class SearchLatencyBench {
    private static final int DIM = 256;
    private static final int QUERIES = 200;
    private static final int WARM = 20;
    private static final int K = 10;

    @Test
    void topTenLatencyAgainstNumpy() throws Exception {
        StringBuilder csv = new StringBuilder("n,egolens_p50_ms,egolens_p95_ms,numpy_p50_ms,numpy_p95_ms,topk_agree\n");
        for (String s : System.getProperty("egolens.bench.sizes", "100000,1000000").split(",")) {
            int n = Integer.parseInt(s.trim());
            float[] e = EmbeddingIndexTest.unitRows(n, DIM, 1);
            float[] q = EmbeddingIndexTest.unitRows(QUERIES, DIM, 2);
            EmbeddingIndex idx = EmbeddingIndex.of(EmbeddingIndexTest.header(DIM), EmbeddingIndexTest.entries(n), e);
            for (int i = 0; i < WARM; i++) {
                idx.searchByText(row(q, i), K);
            }
            double[] ms = new double[QUERIES];
            List<int[]> ours = new ArrayList<>();
            for (int i = 0; i < QUERIES; i++) {
                long t = System.nanoTime();
                List<SearchHit> hits = idx.searchByText(row(q, i), K);
                ms[i] = (System.nanoTime() - t) / 1e6;
                ours.add(hits.stream().mapToInt(SearchHit::index).toArray());
            }
            Path dir = Files.createTempDirectory("egolens-search-bench");
            write(dir.resolve("index.f32"), e);
            write(dir.resolve("queries.f32"), q);
            e = null; // let the heap breathe before numpy loads its own copy
            JsonNode ref = numpy(dir, n);
            int agree = 0;
            for (int i = 0; i < QUERIES; i++) {
                int[] theirs = new int[K];
                for (int j = 0; j < K; j++) {
                    theirs[j] = ref.get("top").get(i).get(j).asInt();
                }
                agree += Arrays.equals(ours.get(i), theirs) ? 1 : 0;
            }
            Files.delete(dir.resolve("index.f32"));
            Files.delete(dir.resolve("queries.f32"));
            Files.delete(dir);
            double p50 = percentile(ms, 50);
            double p95 = percentile(ms, 95);
            System.out.printf("N=%d D=%d cores=%d: EgoLens p50 %.2f ms p95 %.2f ms; numpy p50 %.2f ms p95 %.2f ms;"
                            + " identical top-10 in %d/%d queries%n", n, DIM, Runtime.getRuntime().availableProcessors(),
                    p50, p95, ref.get("p50_ms").asDouble(), ref.get("p95_ms").asDouble(), agree, QUERIES);
            csv.append(String.format("%d,%.3f,%.3f,%.3f,%.3f,%d%n", n, p50, p95, ref.get("p50_ms").asDouble(),
                    ref.get("p95_ms").asDouble(), agree));
            assertEquals(QUERIES, agree, "EgoLens and numpy top-10 rows differ");
        }
        Files.writeString(Path.of("target", "search-bench.csv"), csv.toString());
    }

    private static float[] row(float[] q, int i) {
        return Arrays.copyOfRange(q, i * DIM, (i + 1) * DIM);
    }

    /** Linear-interpolated percentile, numpy's default, so both sides are summarised alike. */
    static double percentile(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = p / 100 * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private static void write(Path p, float[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    private static JsonNode numpy(Path dir, int n) throws IOException, InterruptedException {
        Path script = Path.of("..", "experiments", "bench", "search_numpy.py").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), dir.resolve("index.f32").toString(),
                dir.resolve("queries.f32").toString(), Integer.toString(n), Integer.toString(QUERIES),
                Integer.toString(DIM), Integer.toString(K)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("numpy reference failed (exit " + p.exitValue() + ")");
        }
        return new ObjectMapper().readTree(out);
    }
}
