package org.egolens.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.egolens.model.data.ClipFolder;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.retrieval.EmbeddingIndex;
import org.egolens.model.retrieval.IndexFile;
import org.egolens.model.retrieval.IndexReport;
import org.egolens.model.testing.SharedData;
import org.egolens.model.tokenize.ClipBpeTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue acceptance: {@code egolens index --clips shared/data/clips --model tiny --frames 4} indexes every real clip
 * (including {@code epic_tiles/}), and {@code egolens search --json} returns 5 ranked results whose scores are the cosine
 * similarities recomputed here from the stored embeddings and an independently encoded query.
 */
class IndexAndSearchRealClipsTest {
    @TempDir
    Path tmp;

    @Test
    void indexesEveryRealClipAndSearchesThemWithText() throws Exception {
        Path clips = SharedData.require("clips");
        Path vocab = SharedData.require("tokenizer/bpe_simple_vocab_16e6.txt.gz");
        List<ClipWindow> expected = ClipFolder.scan(clips);
        assertTrue(expected.size() >= 31, "clips found: " + expected.size());
        assertTrue(expected.stream().anyMatch(c -> c.video().toString().contains("epic_tiles")));

        Path idx = tmp.resolve("clips.idx");
        Cli.Result r = Cli.run("index", "--clips", clips, "--model", "tiny", "--frames", 4, "--out", idx);
        assertEquals(0, r.exitCode(), r.err());
        EmbeddingIndex index = IndexFile.read(idx);
        assertEquals(expected.size(), index.size());
        IndexReport report = IndexReport.read(IndexReport.fileFor(idx));
        assertEquals(0, report.skipped().size(), "skipped: " + report.skipped());

        Cli.Result s = Cli.run("search", "--vocab", vocab, "--index", idx, "--query", "knead dough", "--top-k", 5,
                "--json");
        assertEquals(0, s.exitCode(), s.err());
        JsonNode hits = new ObjectMapper().readTree(s.out());
        assertEquals(5, hits.size(), s.out());

        // independent check: encode the query with the same preset, score every clip by cosine, compare
        float[] q;
        try (Eva02AtClipModel model = ModelFactory.open("tiny", 4, ClipBpeTokenizer.load(vocab))) {
            q = model.encodeTexts(List.of("knead dough"))[0];
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < index.size(); i++) {
            best = Math.max(best, dot(q, index.embedding(i)));
        }
        Set<String> seen = new HashSet<>();
        double previous = Double.POSITIVE_INFINITY;
        for (int rank = 0; rank < 5; rank++) {
            JsonNode h = hits.get(rank);
            assertEquals(rank + 1, h.get("rank").asInt());
            String id = h.get("clip_id").asText();
            assertTrue(seen.add(id), "duplicate " + id);
            int row = index.indexOf(id).orElseThrow();
            double score = h.get("score").asDouble();
            assertEquals(dot(q, index.embedding(row)), score, 1e-5, id);
            assertTrue(score <= previous + 1e-7, "scores must not increase");
            previous = score;
            assertTrue(Path.of(h.get("path").asText()).isAbsolute());
            assertEquals(0.0, h.get("start").asDouble());
            assertTrue(h.get("end").asDouble() > 1.0);
        }
        assertEquals(best, hits.get(0).get("score").asDouble(), 1e-5, "rank 1 is the best clip");
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
