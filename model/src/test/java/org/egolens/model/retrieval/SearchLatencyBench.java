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
 * must return the same top-10 rows. In the same run the approximate {@link QuantizedSearcher} is built over the same
 * index and timed on the same queries, for each setting of {@code egolens.bench.quantized} (comma-separated
 * {@code default} or {@code FRACTIONxFACTOR}, see {@link QuantizedSearchParams}); its recall@10 is measured against
 * the exact top-10 ({@code target/search-bench-quantized.csv}).
 * {@link #graphIndexRecall} times jvector's graph index (Vamana, M = 16, beam 100) on N = 10⁵ of the same vectors, the
 * alternative the quantized searcher was chosen over. Prints p50/p95 latency in ms and writes
 * {@code target/search-bench.csv}.
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
        StringBuilder quantCsv = new StringBuilder("n,setting,c1,c2,build_s,p50_ms,p95_ms,recall10\n");
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
            String settings = System.getProperty("egolens.bench.quantized", "default");
            for (String setting : settings.split(",")) {
                QuantizedSearchParams params = params(setting.trim());
                long b0 = System.nanoTime();
                QuantizedSearcher approx = QuantizedSearcher.build(idx, params);
                double buildSec = (System.nanoTime() - b0) / 1e9;
                for (int i = 0; i < WARM; i++) {
                    approx.searchByText(row(q, i), K);
                }
                double[] approxMs = new double[QUERIES];
                int found = 0;
                for (int i = 0; i < QUERIES; i++) {
                    long t = System.nanoTime();
                    List<SearchHit> hits = approx.searchByText(row(q, i), K);
                    approxMs[i] = (System.nanoTime() - t) / 1e6;
                    int[] exact = ours.get(i);
                    for (SearchHit h : hits) {
                        found += Arrays.stream(exact).anyMatch(x -> x == h.index()) ? 1 : 0;
                    }
                }
                double recall = found / (double) (K * QUERIES);
                System.out.printf("N=%d quantized %s (C1=%d, C2=%d): build %.2f s, p50 %.2f ms p95 %.2f ms,"
                                + " recall@10 %.4f%n", n, setting, params.filtered(n), params.candidates(n), buildSec,
                        percentile(approxMs, 50), percentile(approxMs, 95), recall);
                quantCsv.append(String.format("%d,%s,%d,%d,%.2f,%.3f,%.3f,%.4f%n", n, setting.trim(),
                        params.filtered(n), params.candidates(n), buildSec, percentile(approxMs, 50),
                        percentile(approxMs, 95), recall));
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
            csv.append(String.format("%d,%.3f,%.3f,%.3f,%.3f,%d%n", n, p50, p95,
                    ref.get("p50_ms").asDouble(), ref.get("p95_ms").asDouble(), agree));
            assertEquals(QUERIES, agree, "EgoLens and numpy top-10 rows differ");
        }
        Files.writeString(Path.of("target", "search-bench.csv"), csv.toString());
        Files.writeString(Path.of("target", "search-bench-quantized.csv"), quantCsv.toString());
    }

    /** {@code default}, or {@code FRACTIONxFACTOR} (e.g. {@code 0.008x12}) with the default floor of 2,500. */
    private static QuantizedSearchParams params(String setting) {
        if (setting.equals("default")) {
            return QuantizedSearchParams.defaults();
        }
        String[] p = setting.split("x");
        return new QuantizedSearchParams(Double.parseDouble(p[0]), Integer.parseInt(p[1]), 2500);
    }

    /**
     * jvector's graph index over N = 10⁵ (override: {@code egolens.bench.graph.n}) of the same random vectors: build
     * time, then recall@10 and latency for growing search beams (rerank depth), against the exact top-10.
     */
    @Test
    void graphIndexRecall() throws Exception {
        int n = Integer.getInteger("egolens.bench.graph.n", 100_000);
        float[] e = EmbeddingIndexTest.unitRows(n, DIM, 1);
        float[] q = EmbeddingIndexTest.unitRows(QUERIES, DIM, 2);
        EmbeddingIndex idx = EmbeddingIndex.of(EmbeddingIndexTest.header(DIM), EmbeddingIndexTest.entries(n), e);
        var vts = io.github.jbellis.jvector.vector.VectorizationProvider.getInstance().getVectorTypeSupport();
        List<io.github.jbellis.jvector.vector.types.VectorFloat<?>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(vts.createFloatVector(Arrays.copyOfRange(e, i * DIM, (i + 1) * DIM)));
        }
        var ravv = new io.github.jbellis.jvector.graph.ListRandomAccessVectorValues(rows, DIM);
        var dot = io.github.jbellis.jvector.vector.VectorSimilarityFunction.DOT_PRODUCT;
        long t0 = System.nanoTime();
        io.github.jbellis.jvector.graph.OnHeapGraphIndex graph;
        try (var builder = new io.github.jbellis.jvector.graph.GraphIndexBuilder(
                io.github.jbellis.jvector.graph.similarity.BuildScoreProvider.randomAccessScoreProvider(ravv, dot),
                DIM, 16, 100, 1.2f, 1.2f)) {
            graph = builder.build(ravv);
        }
        System.out.printf("graph N=%d: build %.1f s, mean degree %.1f%n", n, (System.nanoTime() - t0) / 1e9,
                graph.getAverageDegree());
        try (var searcher = new io.github.jbellis.jvector.graph.GraphSearcher(graph)) {
            for (int beam : new int[] {100, 400, 1600}) {
                double[] ms = new double[QUERIES];
                int found = 0;
                long visited = 0;
                for (int i = 0; i < QUERIES; i++) {
                    float[] v = row(q, i);
                    int[] exact = idx.searchByText(v, K).stream().mapToInt(SearchHit::index).toArray();
                    long t = System.nanoTime();
                    var res = searcher.search(io.github.jbellis.jvector.graph.similarity.SearchScoreProvider.exact(
                            vts.createFloatVector(v), dot, ravv), K, beam, 0f, 0f,
                            io.github.jbellis.jvector.util.Bits.ALL);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                    visited += res.getVisitedCount();
                    for (var ns : res.getNodes()) {
                        found += Arrays.stream(exact).anyMatch(x -> x == ns.node) ? 1 : 0;
                    }
                }
                System.out.printf("graph N=%d beam %d: recall@10 %.4f, p50 %.2f ms p95 %.2f ms, visited %.0f nodes"
                                + " (%.1f %%)%n", n, beam, found / (double) (K * QUERIES), percentile(ms, 50),
                        percentile(ms, 95), visited / (double) QUERIES, 100.0 * visited / QUERIES / n);
            }
        }
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
