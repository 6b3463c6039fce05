package org.egolens.model.data.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.egolens.model.eval.MirTestSet;
import org.egolens.model.eval.RelevancyMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default workspace's annotations (planned, not rendered): relevancy by the EK-100 rule recomputed here from the
 * written CSVs, verb balance and the clip windows.
 */
class DemoPlanTest {
    private static DemoPlan plan;

    @BeforeAll
    static void planDefault() {
        plan = DemoPlan.of(DemoConfig.defaults());
    }

    @Test
    void defaultTestSplitHasSixOrMoreRelevancyValuesAndAnExactMatchPerClip(@TempDir Path dir) throws IOException {
        List<RetrievalRow> rows = new ArrayList<>();
        for (DemoPlan.Video v : plan.videos()) {
            if (v.split() == DemoPlan.Split.TEST) {
                v.clips().forEach(c -> rows.add(plan.row(v, c)));
            }
        }
        Path test = dir.resolve("EPIC_100_retrieval_test.csv");
        Path sentences = dir.resolve("EPIC_100_retrieval_test_sentence.csv");
        DemoCsvWriter.writeRetrieval(test, rows);
        DemoCsvWriter.writeTestSentences(sentences, rows);

        List<CSVRecord> clips = parse(test);
        List<CSVRecord> sents = parse(sentences);
        assertEquals(150, clips.size());
        Map<String, CSVRecord> byId = new HashMap<>();
        clips.forEach(r -> byId.put(r.get("narration_id"), r));
        Set<Long> distinct = new TreeSet<>();
        for (CSVRecord v : clips) {
            boolean exact = false;
            for (CSVRecord s : sents) {
                CSVRecord sRow = byId.get(s.get("narration_id")); // classes of the row named by the sentence
                double verb = v.get("verb_class").equals(sRow.get("verb_class")) ? 1 : 0;
                Set<String> a = nounSet(v.get("all_noun_classes"));
                Set<String> b = nounSet(sRow.get("all_noun_classes"));
                Set<String> inter = new HashSet<>(a);
                inter.retainAll(b);
                Set<String> union = new HashSet<>(a);
                union.addAll(b);
                double r = 0.5 * verb + 0.5 * inter.size() / union.size();
                distinct.add(Math.round(r * 1e9));
                exact |= r == 1.0;
            }
            assertTrue(exact, "no sentence with relevancy 1 for " + v.get("narration_id"));
        }
        assertTrue(distinct.size() >= 6, "distinct relevancy values: " + distinct);
        // the statistics of the evaluation package's relevancy agree with this independent count
        RelevancyMatrix rel = MirTestSet.load(test, sentences).relevancy();
        assertEquals(distinct.size(), DemoDataset.relevancyHistogram(rel).size());
    }

    @Test
    void verbClassesAreBalancedInEverySplitRound() {
        int[] counts = new int[VerbClass.values().length];
        plan.clips(DemoPlan.Split.TRAIN).forEach(c -> counts[c.spec().label().verbClass()]++);
        for (int c : counts) {
            assertEquals(60, c);
        }
        Set<Noun> nouns = new HashSet<>();
        plan.clips(DemoPlan.Split.TRAIN).forEach(c -> nouns.addAll(c.spec().label().nouns()));
        assertEquals(Noun.values().length, nouns.size());
    }

    @Test
    void clipWindowsAreConsistentAndDisjoint() {
        DemoConfig cfg = plan.config();
        Set<String> ids = new HashSet<>();
        for (DemoPlan.Video v : plan.videos()) {
            int prevStop = 0;
            for (DemoPlan.Clip c : v.clips()) {
                RetrievalRow r = plan.row(v, c);
                assertTrue(ids.add(r.narrationId()), "duplicate id " + r.narrationId());
                assertEquals(v.videoId() + "_" + c.indexInVideo(), r.narrationId());
                assertEquals(cfg.clipFrames(), r.stopFrame() - r.startFrame() + 1);
                // 1-based start_frame is the frame at start_timestamp (rounded to 2 decimals in the CSV)
                double start = Ek100Format.parseTimestamp(Ek100Format.timestamp2(r.startSec()));
                assertEquals(r.startFrame(), Math.round(start * cfg.fps()) + 1);
                assertTrue(r.startFrame() > prevStop + DemoPlan.PAD, "clips overlap in " + v.videoId());
                prevStop = r.stopFrame();
            }
        }
        assertEquals(600 + 150 + 80, ids.size());
        assertTrue(plan.videos().stream().anyMatch(v -> v.videoId().equals("P01_09")
                && v.split() == DemoPlan.Split.TEST), "test videos follow a participant's train videos");
    }

    @Test
    void mirrorClipsComeWithTheirReversedTwin() {
        List<DemoPlan.Clip> mirror = plan.clips(DemoPlan.Split.MIRROR);
        assertEquals(80, mirror.size());
        Map<String, DemoPlan.Clip> byId = new HashMap<>();
        mirror.forEach(c -> byId.put(c.narrationId(), c));
        for (DemoPlan.Clip c : mirror) {
            DemoPlan.Clip twin = byId.get(c.twinId());
            assertEquals(c.narrationId(), twin.twinId());
            assertEquals(c.spec().label().mirror(), twin.spec().label());
            assertEquals(SceneModel.at(c.spec(), ClipTime.ofFrame(0, 30)),
                    SceneModel.at(twin.spec(), ClipTime.ofFrame(29, 30)));
        }
    }

    private static Set<String> nounSet(String literal) {
        Set<String> s = new HashSet<>();
        for (String p : literal.replace("[", "").replace("]", "").split(",")) {
            s.add(p.trim());
        }
        return s;
    }

    static List<CSVRecord> parse(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file);
                var p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            return p.getRecords();
        }
    }
}
