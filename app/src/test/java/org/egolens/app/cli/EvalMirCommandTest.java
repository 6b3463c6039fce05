package org.egolens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.egolens.model.data.ek100.Ek100Sentence;
import org.egolens.model.io.Npy;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalMirCommandTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new EvalMirCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Three clips, two sentences (clips 0 and 2); R = [[1, 0], [.75, 0], [0, 1]]. */
    private Path[] tinyFixture() throws Exception {
        Path clips = Files.writeString(tmp.resolve("test.csv"), String.join(",", Ek100Csv.CLIP_HEADER) + "\n"
                + "P01_01_0,P01,P01_01,00:00:01.000,00:00:00.50,00:00:01.50,30,90,put pan,put,1,pan,36,['pan'],[36]\n"
                + "P01_01_1,P01,P01_01,00:00:03.000,00:00:02.50,00:00:03.50,150,210,put pan on hob,put,1,pan,36,\"['pan', 'hob']\",\"[36, 19]\"\n"
                + "P01_01_2,P01,P01_01,00:00:05.000,00:00:04.50,00:00:05.50,270,330,wash cup,wash,2,cup,5,['cup'],[5]\n");
        Path sentences = Files.writeString(tmp.resolve("test_sentence.csv"),
                "narration_id,narration\nP01_01_0,put pan\nP01_01_2,wash cup\n");
        // (videos, videos) similarity; the sentence columns are 0 and 2 -> S = [[.9, .1], [.2, .8], [.3, .7]]
        Path full = tmp.resolve("sim_full.npy");
        Npy.writeDoubles(full, new double[] {.9, 0, .1, .2, .5, .8, .3, 0, .7}, 3, 3);
        return new Path[] {clips, sentences, full};
    }

    @Test
    void tinyCaseByHandWithColumnPickingAndTable() throws Exception {
        Path[] f = tinyFixture();
        Run r = run("--similarity", f[2].toString(), "--annotations", f[0].toString(), "--sentences", f[1].toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        // V->T: row 1 has no exact-1 sentence (excluded from mAP); its nDCG is 0 (the .75 sentence is ranked 2nd of k=1)
        assertEquals(1.0, j.at("/mAP/v2t").asDouble(), 1e-12);
        assertEquals(2.0 / 3, j.at("/nDCG/v2t").asDouble(), 1e-12);
        // T->V: column 0 ranks videos 0, 2, 1 (rel 1, 0, .75); column 1 ranks 1, 2, 0 (rel 0, 1, 0)
        assertEquals((1 + 0.5) / 2, j.at("/mAP/t2v").asDouble(), 1e-12);
        assertEquals((1 / (1 + 0.75 / LOG2_3) + 0) / 2, j.at("/nDCG/t2v").asDouble(), 1e-12);
        assertEquals(1, j.at("/excluded/mAP/v2t").asInt());
        assertEquals(0, j.at("/excluded/nDCG/v2t").asInt());

        Run table = run("--similarity", f[2].toString(), "--annotations", f[0].toString(), "--sentences", f[1].toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("1.000000") && table.out().contains("0.750000") && table.out().contains("0.875000"),
                table.out());
        assertTrue(table.out().contains("excluded queries: mAP V->T 1, T->V 0"), table.out());
    }

    @Test
    void givenRelevancyIsUsedAndBadShapesAreReported() throws Exception {
        Path[] f = tinyFixture();
        Path rel = tmp.resolve("rel.npy");
        Npy.writeFloats(rel, new float[] {1, 0, 0, 0, 0, 1}, 3, 2); // binary: video 1 relevant to nothing
        Run r = run("--similarity", f[2].toString(), "--annotations", f[0].toString(), "--sentences", f[1].toString(),
                "--relevancy", rel.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(1.0, j.at("/nDCG/v2t").asDouble(), 1e-12);
        assertEquals(1, j.at("/excluded/nDCG/v2t").asInt());

        Path wrong = tmp.resolve("wrong.npy");
        Npy.writeFloats(wrong, new float[10], 2, 5);
        Run bad = run("--similarity", wrong.toString(), "--annotations", f[0].toString(), "--sentences", f[1].toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("wrong.npy") && bad.err().contains("(3, 2)"), bad.err());
        Run badRel = run("--similarity", f[2].toString(), "--annotations", f[0].toString(), "--sentences", f[1].toString(),
                "--relevancy", wrong.toString());
        assertEquals(1, badRel.code());
        assertTrue(badRel.err().contains("relevancy has shape (2, 5)"), badRel.err());
        assertEquals(2, run("--annotations", f[0].toString()).code());
    }

    @Test
    void verbOnlySimilarityOnTheOfficialTestSetMatchesReference() throws Exception {
        Path test = SharedData.require("ek100/retrieval_annotations/EPIC_100_retrieval_test.csv");
        Path sent = SharedData.require("ek100/retrieval_annotations/EPIC_100_retrieval_test_sentence.csv");
        List<Ek100Clip> clips = Ek100Csv.readClips(test);
        List<Ek100Sentence> sentences = Ek100Csv.readSentences(sent);
        Map<String, Integer> verbOf = new HashMap<>();
        clips.forEach(c -> verbOf.put(c.narrationId(), c.verbClass()));
        int n = clips.size();
        int m = sentences.size();
        double[] s = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double v = clips.get(i).verbClass() == verbOf.get(sentences.get(j).narrationId()) ? 1 : 0;
                s[i * m + j] = v + ((7L * i + 13L * j) % 10007) / 10007.0 * 1e-6;
            }
        }
        Path sim = tmp.resolve("sim.npy");
        Npy.writeDoubles(sim, s, n, m);
        s = null;
        Run r = run("--similarity", sim.toString(), "--annotations", test.toString(), "--sentences", sent.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(0.546568, j.at("/mAP/v2t").asDouble(), 1e-6);
        assertEquals(0.544248, j.at("/mAP/t2v").asDouble(), 1e-6);
        assertEquals(0.545408, j.at("/mAP/avg").asDouble(), 1e-6);
        assertEquals(0.822733, j.at("/nDCG/v2t").asDouble(), 1e-6);
        assertEquals(0.809385, j.at("/nDCG/t2v").asDouble(), 1e-6);
        assertEquals(0.816059, j.at("/nDCG/avg").asDouble(), 1e-6);
        for (String k : new String[] {"/excluded/mAP/v2t", "/excluded/mAP/t2v", "/excluded/nDCG/v2t", "/excluded/nDCG/t2v"}) {
            assertEquals(0, j.at(k).asInt(), k);
        }
    }
}
