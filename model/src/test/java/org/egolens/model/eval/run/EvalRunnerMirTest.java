package org.egolens.model.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.eval.DenseMatrix;
import org.egolens.model.retrieval.BuildMonitor;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.model.retrieval.IndexBuilder;
import org.egolens.model.retrieval.fakes.FakeVideoSource;
import org.egolens.model.retrieval.fakes.FakeVideoTextModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EK-100 MIR through {@link EvalRunner} with the fake decoder and dual encoder: the written similarity is V·Tᵀ of
 * embeddings recomputed here, the metrics match a plain restatement of docs §2.3/§2.4 over a relevancy computed here,
 * index reuse, the missing-clip policy, history and cancel.
 */
class EvalRunnerMirTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    private Path csv;
    private final FakeVideoSource source = new FakeVideoSource();
    private final FakeVideoTextModel model = new FakeVideoTextModel(4);

    @BeforeEach
    void fixture() throws IOException {
        csv = MirFixture.write(tmp.resolve("ws"));
    }

    private EvalRequest request(String out, EvalOptions options) {
        return new EvalRequest(EvalTask.EK100_MIR, csv, null, tmp.resolve("ws/videos"), tmp.resolve(out), options);
    }

    private static EvalOptions options(Path cache) {
        return new EvalOptions(2, 1, false, false, cache, List.of());
    }

    @Test
    void similarityIsVideoTimesNarrationAndMetricsFollowTheDefinition() throws IOException {
        EvalOutcome outcome = new EvalRunner(source, model).run(request("run1", options(tmp.resolve("c.idx"))),
                BuildMonitor.NONE);
        Path dir = tmp.resolve("run1");
        List<MirFixture.Row> rows = MirFixture.ROWS;
        List<MirFixture.Row> sentences = MirFixture.sentences();
        DenseMatrix s = DenseMatrix.readNpy(dir.resolve(EvalRunner.SIMILARITY_FILE));
        assertEquals(rows.size(), s.rows());
        assertEquals(sentences.size(), s.cols());

        // recompute both towers here: clip i from its window, sentence j from its narration
        FakeVideoTextModel fresh = new FakeVideoTextModel(4);
        double[][] sim = new double[rows.size()][sentences.size()];
        double[][] rel = new double[rows.size()][sentences.size()];
        for (int i = 0; i < rows.size(); i++) {
            MirFixture.Row r = rows.get(i);
            ClipWindow w = new ClipWindow(r.id(), tmp.resolve("ws/videos").resolve(r.participant())
                    .resolve(r.video() + ".mp4").toAbsolutePath().normalize(), r.start(), r.stop());
            float[] v = fresh.encodeVideos(source.sample(w, 4, 32, null))[0];
            for (int j = 0; j < sentences.size(); j++) {
                float[] t = fresh.encodeTexts(List.of(sentences.get(j).narration()))[0];
                double dot = 0;
                for (int k = 0; k < v.length; k++) {
                    dot += v[k] * t[k];
                }
                sim[i][j] = dot;
                rel[i][j] = MirFixture.relevancy(r, sentences.get(j));
                assertEquals(dot, s.get(i, j), 1e-5, "S[" + i + "][" + j + "]");
            }
        }
        JsonNode m = JSON.readTree(dir.resolve("metrics.json").toFile());
        double[][] st = ReferenceMetrics.transpose(sim);
        double[][] rt = ReferenceMetrics.transpose(rel);
        double mapV = ReferenceMetrics.mean(sim, rel, ReferenceMetrics::ap);
        double mapT = ReferenceMetrics.mean(st, rt, ReferenceMetrics::ap);
        double ndV = ReferenceMetrics.mean(sim, rel, ReferenceMetrics::ndcg);
        double ndT = ReferenceMetrics.mean(st, rt, ReferenceMetrics::ndcg);
        assertEquals(mapV, m.at("/mAP/v2t").asDouble(), 1e-6);
        assertEquals(mapT, m.at("/mAP/t2v").asDouble(), 1e-6);
        assertEquals((mapV + mapT) / 2, m.at("/mAP/avg").asDouble(), 1e-6);
        assertEquals(ndV, m.at("/nDCG/v2t").asDouble(), 1e-6);
        assertEquals(ndT, m.at("/nDCG/t2v").asDouble(), 1e-6);
        assertEquals((ndV + ndT) / 2, m.at("/nDCG/avg").asDouble(), 1e-6);
        assertEquals(0, m.at("/excluded/missing_clips").asInt());
        assertEquals(0, m.at("/excluded/mAP/v2t").asInt());
        assertTrue(mapV > 0 && mapV < 1, "not a degenerate fixture: " + mapV);

        // per-query CSV rows match the per-query definition
        List<CSVRecord> v2t = csv(dir.resolve("per_query_v2t.csv"));
        assertEquals(rows.size(), v2t.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).id(), v2t.get(i).get("narration_id"));
            assertEquals(ReferenceMetrics.ap(sim[i], rel[i]), Double.parseDouble(v2t.get(i).get("ap")), 1e-6);
            assertEquals(ReferenceMetrics.ndcg(sim[i], rel[i]), Double.parseDouble(v2t.get(i).get("ndcg")), 1e-6);
        }
        List<CSVRecord> t2v = csv(dir.resolve("per_query_t2v.csv"));
        assertEquals(sentences.size(), t2v.size());
        assertEquals(ReferenceMetrics.ap(st[2], rt[2]), Double.parseDouble(t2v.get(2).get("ap")), 1e-6);

        // the inspector's ranking: descending score, the relevancy of each pair
        MirEvaluation e = outcome.mirEvaluation().orElseThrow();
        List<RankedCandidate> ranked = e.ranking(MirDirection.V2T, 4, 10);
        assertEquals(sentences.size(), ranked.size());
        Integer[] order = ReferenceMetrics.byScore(sim[4]);
        for (int p = 0; p < ranked.size(); p++) {
            assertEquals(p + 1, ranked.get(p).rank());
            assertEquals(order[p], ranked.get(p).index());
            assertEquals(rel[4][order[p]], ranked.get(p).relevancy(), 1e-6);
        }
        assertEquals(3, e.ownCandidate(MirDirection.V2T, 4)); // "wash yellow cup in sink" is sentence 3
        assertEquals(0, e.ownCandidate(MirDirection.T2V, 0));
        assertEquals(-1, e.ownCandidate(MirDirection.V2T, 2)); // row 2 repeats row 0's narration: no own sentence
        assertEquals("take red cup", e.queryText(MirDirection.T2V, 0));

        // read back from the folder: same metrics and rankings
        MirEvaluation loaded = MirEvaluation.load(EvalSummary.read(dir));
        assertEquals(e.result(), loaded.result());
        assertEquals(ranked, loaded.ranking(MirDirection.V2T, 4, 10));

        EvalRecord rec = EvalRecord.read(dir);
        assertEquals(EvalTask.EK100_MIR, rec.task());
        assertEquals("fake", rec.modelId());
        assertEquals(4, rec.frames());
        assertEquals(6, rec.clips());
        assertEquals(6, rec.embedded());
        assertEquals(0, rec.reused());
        assertEquals(tmp.resolve("c.idx").toAbsolutePath(), rec.indexFile().toAbsolutePath());
        assertTrue(rec.protocol().contains("(S+1)/2 not applied"));
    }

    @Test
    void aSecondRunReusesTheCacheIndexAndEmbedsNoClip() throws IOException {
        Path cache = tmp.resolve("cache/eval.idx");
        new EvalRunner(source, model).run(request("a", options(cache)), BuildMonitor.NONE);
        int sampled = source.sampleCount();
        assertEquals(6, sampled);
        EvalOutcome again = new EvalRunner(source, model).run(request("b", options(cache)), BuildMonitor.NONE);
        assertEquals(sampled, source.sampleCount(), "no clip decoded again");
        assertEquals(0, again.summary().record().embedded());
        assertEquals(6, again.summary().record().reused());
        assertEquals(Files.readString(tmp.resolve("a/metrics.json")), Files.readString(tmp.resolve("b/metrics.json")));
    }

    @Test
    void aBrowseIndexOfTheSameModelAndFramesIsReusedReadOnly() throws IOException {
        // what the Browse view builds for the workspace: same windows, its own file
        List<ClipWindow> windows = MirFixture.ROWS.stream().map(r -> new ClipWindow(r.id(), tmp.resolve("ws/videos")
                .resolve(r.participant()).resolve(r.video() + ".mp4").toAbsolutePath().normalize(), r.start(),
                r.stop())).toList();
        Path browse = tmp.resolve("ws/annotations/.egolens/browse.idx");
        new IndexBuilder(source, model, new IndexBuildConfig(3, 1, 6, true)).build(windows, browse, BuildMonitor.NONE);
        long browseBytes = Files.size(browse);
        int sampled = source.sampleCount();

        EvalOptions o = options(tmp.resolve("eval.idx")).withReuseIndexes(List.of(browse));
        EvalOutcome r = new EvalRunner(source, model).run(request("r", o), BuildMonitor.NONE);
        assertEquals(sampled, source.sampleCount());
        assertEquals(6, r.summary().record().reused());
        assertEquals(browseBytes, Files.size(browse));

        // another T does not match: everything is embedded again
        FakeVideoTextModel t8 = new FakeVideoTextModel(8);
        EvalOutcome other = new EvalRunner(source, t8).run(request("t8",
                options(tmp.resolve("eval8.idx")).withReuseIndexes(List.of(browse))), BuildMonitor.NONE);
        assertEquals(6, other.summary().record().embedded());
    }

    @Test
    void missingClipsAreRefusedUnlessAllowedAndThenDroppedAndCounted() throws IOException {
        Files.delete(tmp.resolve("ws/videos/P01/P01_02.mp4"));
        MissingClipsException e = assertThrows(MissingClipsException.class,
                () -> new EvalRunner(source, model).run(request("x", options(null)), BuildMonitor.NONE));
        assertEquals(1, e.missing().size());
        assertEquals("P01_02_0", e.missing().get(0).clipId());
        assertTrue(e.getMessage().startsWith("1 of 6 clips could not be decoded: P01_02_0 ("), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x/run.json")));

        EvalOutcome o = new EvalRunner(source, model).run(request("y", options(null).withAllowMissing(true)),
                BuildMonitor.NONE);
        DenseMatrix s = DenseMatrix.readNpy(tmp.resolve("y/similarity.npy"));
        assertEquals(5, s.rows());
        assertEquals(5, s.cols()); // every sentence column stays
        assertEquals(1.0, o.summary().metric("excluded.missing_clips"));
        EvalRecord rec = o.summary().record();
        assertEquals(1, rec.missing().size());
        assertTrue(rec.missing().get(0).reason().contains("P01_02.mp4"), rec.missing().get(0).reason());
        MirEvaluation mir = o.mir();
        assertEquals(5, mir.clips().size());
        // sentence 2 ("take green plate") names the dropped clip: it has no own row
        assertEquals(-1, mir.sentenceOwnRow(2));
        assertEquals("take green plate", mir.sentenceText(2));
        assertEquals(null, rec.indexFile());
        MirEvaluation loaded = MirEvaluation.load(o.summary());
        assertEquals(mir.result(), loaded.result());
        assertEquals(5, loaded.clips().size());
    }

    @Test
    void historyListsFinishedRunsNewestFirstWithFlattenedMetrics() throws IOException {
        Path root = tmp.resolve("eval");
        Path first = EvalHistory.newRunDir(root, EvalTask.EK100_MIR, "fake", 4, Instant.parse("2025-01-02T03:04:05Z"));
        assertEquals("ek100-mir-fake-t4-20250102-030405", first.getFileName().toString());
        new EvalRunner(source, model).run(new EvalRequest(EvalTask.EK100_MIR, csv, null, tmp.resolve("ws/videos"),
                first, options(null)), BuildMonitor.NONE);
        Path second = EvalHistory.newRunDir(root, EvalTask.EK100_MIR, "/models/my model", 8, Instant.now());
        assertTrue(second.getFileName().toString().startsWith("ek100-mir-my_model-t8-"));
        new EvalRunner(source, new FakeVideoTextModel(8)).run(new EvalRequest(EvalTask.EK100_MIR, csv, null,
                tmp.resolve("ws/videos"), second, options(null)), BuildMonitor.NONE);
        Files.createDirectories(root.resolve("unfinished")); // no run.json: not listed
        List<EvalSummary> runs = EvalHistory.list(root);
        assertEquals(2, runs.size());
        assertEquals(8, runs.get(0).record().frames());
        assertEquals(List.of("mAP.v2t", "mAP.t2v", "mAP.avg", "nDCG.v2t", "nDCG.t2v", "nDCG.avg", "excluded.mAP.v2t",
                "excluded.mAP.t2v", "excluded.nDCG.v2t", "excluded.nDCG.t2v", "excluded.missing_clips",
                "counts.clamped_clips"),
                List.copyOf(runs.get(1).metrics().keySet()));
        assertEquals(EvalHistory.newRunDir(root, EvalTask.EK100_MIR, "fake", 4, Instant.parse("2025-01-02T03:04:05Z"))
                .getFileName().toString(), "ek100-mir-fake-t4-20250102-030405-2");
    }

    @Test
    void cancelStopsTheRunWithoutWritingMetrics() {
        BuildMonitor cancelled = new BuildMonitor() {
            @Override
            public void progress(int done, int total, String message) {}

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> new EvalRunner(source, model).run(request("c", options(null)),
                cancelled));
        assertFalse(Files.exists(tmp.resolve("c/metrics.json")));
    }

    @Test
    void badInputsNameTheFile() throws IOException {
        IOException e = assertThrows(IOException.class, () -> new EvalRunner(source, model).run(new EvalRequest(
                EvalTask.EK100_MIR, tmp.resolve("nope.csv"), null, tmp, tmp.resolve("o"), options(null)),
                BuildMonitor.NONE));
        assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
        Files.writeString(csv.resolveSibling("EPIC_100_retrieval_test_sentence.csv"),
                "narration_id,narration\nP09_99_0,ghost\n");
        e = assertThrows(IOException.class, () -> new EvalRunner(source, model).run(request("o", options(null)),
                BuildMonitor.NONE));
        assertTrue(e.getMessage().contains("EPIC_100_retrieval_test_sentence.csv") && e.getMessage().contains("P09_99_0"),
                e.getMessage());
    }

    private static List<CSVRecord> csv(Path f) throws IOException {
        try (Reader r = Files.newBufferedReader(f)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
