package org.egolens.app.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.egolens.app.backend.DjlBackend;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.data.demo.ProgressListener;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.egolens.model.data.ek100.Ek100Sentence;
import org.egolens.model.eval.DenseMatrix;
import org.egolens.model.eval.run.ReferenceMetrics;
import org.egolens.model.retrieval.EmbeddingIndex;
import org.egolens.model.testing.SharedData;
import org.egolens.model.tokenize.ClipVocabularyLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code egolens eval --task ek100-mir} with the real backend and the {@code tiny} model, on a generated demo
 * workspace's test split and on {@code shared/data/real_mini}. The written similarity is checked against embeddings
 * recomputed here, and the metrics against a plain restatement of docs §2.3/§2.4 over a relevancy computed here (demo)
 * or read from the data set's own {@code relevancy_test.csv} (real_mini).
 */
class EvalCommandMirTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    private static Path ws;

    @BeforeAll
    static void setUp() throws IOException {
        EvalFixtures.useSharedVocabulary();
        System.setProperty("egolens.home", tmp.resolve("home").toString());
        ws = tmp.resolve("demo");
        DemoDataset.generate(DemoConfig.defaults().withClips(4, 12, 0).withVideo(64, 15), ws, ProgressListener.NONE);
    }

    @AfterAll
    static void tearDown() {
        System.clearProperty(ClipVocabularyLocator.PROPERTY);
        System.clearProperty("egolens.home");
    }

    @Test
    void demoTestSplit() throws IOException {
        Path csv = DemoDataset.retrievalCsv(ws, "test", false);
        Path out = tmp.resolve("demo-run");
        EvalFixtures.Run r = EvalFixtures.cli("eval", "--task", "ek100-mir", "--model", "tiny", "--frames", "4",
                "--annotations", csv.toString(), "--video-root", ws.resolve("videos").toString(), "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("mAP") && r.out().contains("nDCG") && r.out().contains(out.toString()), r.out());

        List<Ek100Clip> clips = Ek100Csv.readClips(csv);
        List<Ek100Sentence> sentences = Ek100Csv.readSentences(DemoDataset.retrievalCsv(ws, "test", true));
        assertEquals(12, clips.size());
        DenseMatrix s = DenseMatrix.readNpy(out.resolve("similarity.npy"));
        assertEquals(clips.size(), s.rows());
        assertEquals(sentences.size(), s.cols());

        // embeddings recomputed here: texts from the rows' narrations, two clips decoded and embedded again
        Path cacheDir = csv.resolveSibling(".egolens/eval/cache");
        EmbeddingIndex index = EvalFixtures.onlyIndex(cacheDir);
        Map<String, Ek100Clip> byId = new HashMap<>();
        clips.forEach(c -> byId.put(c.narrationId(), c));
        try (VideoTextModel m = new DjlBackend().openModel("tiny", 4)) {
            float[][] t = m.encodeTexts(sentences.stream().map(x -> byId.get(x.narrationId()).narration()).toList());
            JavaCvVideoSource source = new JavaCvVideoSource();
            for (int i : new int[] {0, 7}) {
                Ek100Clip c = clips.get(i);
                ClipWindow w = new ClipWindow(c.narrationId(), DemoDataset.videoFile(ws, c.participantId(), c.videoId()),
                        c.startSec(), c.stopSec());
                float[] v = m.encodeVideos(source.sample(w, 4, 64, null))[0];
                float[] cached = index.embedding(index.indexOf(c.narrationId()).getAsInt());
                for (int k = 0; k < v.length; k++) {
                    assertEquals(v[k], cached[k], 1e-4, "clip " + c.narrationId() + " dim " + k);
                }
            }
            for (int i = 0; i < clips.size(); i++) {
                float[] v = index.embedding(index.indexOf(clips.get(i).narrationId()).getAsInt());
                for (int j = 0; j < sentences.size(); j++) {
                    assertEquals(EvalFixtures.dot(v, t[j]), s.get(i, j), 1e-4, "S[" + i + "][" + j + "]");
                }
            }
        }

        // metrics from the written similarity and a relevancy computed here by the definition (docs §2.5)
        double[][] sim = new double[clips.size()][sentences.size()];
        double[][] rel = new double[clips.size()][sentences.size()];
        for (int i = 0; i < clips.size(); i++) {
            for (int j = 0; j < sentences.size(); j++) {
                sim[i][j] = s.get(i, j);
                rel[i][j] = relevancy(clips.get(i), byId.get(sentences.get(j).narrationId()));
            }
        }
        checkMetrics(JSON.readTree(out.resolve("metrics.json").toFile()), sim, rel, 1e-6);
        assertEquals(clips.size(), EvalFixtures.csv(out.resolve("per_query_v2t.csv")).size());
        assertEquals(sentences.size(), EvalFixtures.csv(out.resolve("per_query_t2v.csv")).size());
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertEquals("ek100-mir", run.get("task").asText());
        assertEquals("tiny", run.get("model_id").asText());
        assertEquals(4, run.get("frames").asInt());
        assertEquals(12, run.get("embedded").asInt());
        assertEquals(0, run.get("missing").size());

        // a second run reuses every clip embedding and gives the same numbers
        Path again = tmp.resolve("demo-run-2");
        EvalFixtures.Run r2 = EvalFixtures.cli("eval", "--task", "ek100-mir", "--frames", "4", "--annotations",
                csv.toString(), "--video-root", ws.resolve("videos").toString(), "--out", again.toString(), "--json");
        assertEquals(0, r2.exit(), r2.err());
        JsonNode m2 = JSON.readTree(r2.out());
        assertEquals(JSON.readTree(out.resolve("metrics.json").toFile()), m2);
        JsonNode run2 = JSON.readTree(again.resolve("run.json").toFile());
        assertEquals(0, run2.get("embedded").asInt());
        assertEquals(12, run2.get("reused").asInt());
    }

    @Test
    void realMiniWithTheProtocolsSixteenFrames() throws IOException {
        Path dir = SharedData.require("real_mini");
        Path clipsRoot = SharedData.require("clips");
        Path out = tmp.resolve("real-mini-run");
        // the shared data must stay untouched: results and clip index go to the temporary folder
        EvalFixtures.Run r = EvalFixtures.cli("eval", "--task", "ek100-mir", "--model", "tiny", "--annotations",
                dir.resolve("EPIC_100_retrieval_test.csv").toString(), "--video-root", clipsRoot.toString(), "--out",
                out.toString(), "--cache-index", tmp.resolve("real-mini.idx").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(tmp.resolve("real-mini.idx")));
        assertTrue(!Files.exists(dir.resolve(".egolens")) && !Files.exists(clipsRoot.resolve(".egolens")));
        DenseMatrix s = DenseMatrix.readNpy(out.resolve("similarity.npy"));
        assertEquals(69, s.rows());
        assertEquals(61, s.cols());
        // relevancy as shipped with the data set (69 x 61, 6 decimals, no header)
        List<String> lines = Files.readAllLines(dir.resolve("relevancy_test.csv"));
        double[][] rel = new double[69][61];
        double[][] sim = new double[69][61];
        for (int i = 0; i < 69; i++) {
            String[] f = lines.get(i).split(",");
            for (int j = 0; j < 61; j++) {
                rel[i][j] = Double.parseDouble(f[j]);
                sim[i][j] = s.get(i, j);
            }
        }
        checkMetrics(JSON.readTree(out.resolve("metrics.json").toFile()), sim, rel, 1e-5);
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertEquals(16, run.get("frames").asInt());
        assertEquals(69, run.get("clips").asInt());
        assertEquals(0, run.get("missing").size());
        List<CSVRecord> v2t = EvalFixtures.csv(out.resolve("per_query_v2t.csv"));
        assertEquals("DERIVED_lavila__cf7c12db-1a9e-46d3-96d6-38174bbe373c_from_gif_0", v2t.get(0).get("narration_id"));
        assertEquals("wipe counter", v2t.get(0).get("narration"));
        assertEquals(ReferenceMetrics.ap(sim[0], rel[0]), Double.parseDouble(v2t.get(0).get("ap")), 1e-5);
    }

    @Test
    void missingVideosStopTheRunUnlessAllowed() throws IOException {
        Path csv = DemoDataset.retrievalCsv(ws, "test", false);
        Path emptyRoot = Files.createDirectories(tmp.resolve("no-videos"));
        EvalFixtures.Run r = EvalFixtures.cli("eval", "--task", "ek100-mir", "--frames", "4", "--annotations",
                csv.toString(), "--video-root", emptyRoot.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("12 of 12 clips could not be decoded") && r.err().contains("--allow-missing"),
                r.err());
        assertTrue(!Files.exists(tmp.resolve("x/metrics.json")));
    }

    private static void checkMetrics(JsonNode m, double[][] sim, double[][] rel, double tol) {
        double[][] st = ReferenceMetrics.transpose(sim);
        double[][] rt = ReferenceMetrics.transpose(rel);
        double mapV = ReferenceMetrics.mean(sim, rel, ReferenceMetrics::ap);
        double mapT = ReferenceMetrics.mean(st, rt, ReferenceMetrics::ap);
        double ndV = ReferenceMetrics.mean(sim, rel, ReferenceMetrics::ndcg);
        double ndT = ReferenceMetrics.mean(st, rt, ReferenceMetrics::ndcg);
        assertEquals(mapV, m.at("/mAP/v2t").asDouble(), tol);
        assertEquals(mapT, m.at("/mAP/t2v").asDouble(), tol);
        assertEquals((mapV + mapT) / 2, m.at("/mAP/avg").asDouble(), tol);
        assertEquals(ndV, m.at("/nDCG/v2t").asDouble(), tol);
        assertEquals(ndT, m.at("/nDCG/t2v").asDouble(), tol);
        assertEquals((ndV + ndT) / 2, m.at("/nDCG/avg").asDouble(), tol);
        assertEquals(0, m.at("/excluded/missing_clips").asInt());
    }

    private static double relevancy(Ek100Clip v, Ek100Clip s) {
        Set<Integer> a = new HashSet<>(v.allNounClasses());
        Set<Integer> b = new HashSet<>(s.allNounClasses());
        Set<Integer> inter = new HashSet<>(a);
        inter.retainAll(b);
        Set<Integer> union = new HashSet<>(a);
        union.addAll(b);
        return 0.5 * (v.verbClass() == s.verbClass() ? 1 : 0) + (union.isEmpty() ? 0 : 0.5 * inter.size() / union.size());
    }
}
