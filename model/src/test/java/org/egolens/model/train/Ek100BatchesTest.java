package org.egolens.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.data.demo.DemoVocabulary;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.egolens.model.data.ek100.Ek100Sentence;
import org.egolens.model.eval.run.VideoLocator;
import org.egolens.model.tokenize.ClipBpeTokenizer;
import org.egolens.model.train.run.RunFolder;
import org.egolens.model.train.run.RunState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EK-100-format training sampler on the official-format train split of a generated demo workspace. */
class Ek100BatchesTest {
    @TempDir
    static Path tmp;
    static Path ws;
    static List<Ek100Clip> clips;
    static List<Ek100Sentence> sentences;

    @BeforeAll
    static void demo() throws IOException {
        ws = tmp.resolve("demo");
        DemoDataset.generate(DemoConfig.defaults().withClips(24, 12, 2), ws, (f, m) -> { });
        clips = Ek100Csv.readClips(DemoDataset.retrievalCsv(ws, "train", false));
        sentences = Ek100Csv.readSentences(DemoDataset.retrievalCsv(ws, "train", true));
    }

    private static Ek100Batches batches(List<Ek100Sentence> s, double threshold) throws IOException {
        return new Ek100Batches(clips, s, new VideoLocator(ws.resolve(DemoDataset.VIDEOS_DIR)),
                new JavaCvVideoSource(), 4, 64, ClipBpeTokenizer.load(ws.resolve(DemoVocabulary.FILE_NAME)), threshold,
                3);
    }

    @Test
    void captionsArePositivesAndTheBlockHoldsTheirRelevancy() throws IOException {
        Ek100Batches b = batches(sentences, 0.1);
        assertEquals(List.of(), b.excluded());
        assertEquals(3, b.batchesPerEpoch(8));
        TrainBatch t = b.batch(0, 1, 8);
        assertEquals(8, t.size());
        assertEquals(3 * 4 * 64 * 64 * 8, t.frames().data().length);
        for (int a = 0; a < 8; a++) {
            assertTrue(t.relevancy()[a][a] > 0.1, "the sampled caption of pair " + a + " is a positive");
            for (int c = 0; c < 8; c++) {
                float r = t.relevancy()[a][c];
                assertTrue(r == 0f || r == 0.25f || r == 0.5f || r == 0.75f || r == 1f || Math.abs(r - 1 / 6f) < 1e-6
                        || Math.abs(r - 2 / 3f) < 1e-6, "an EK-100 relevancy value: " + r);
            }
        }
        TrainBatch again = b.batch(0, 1, 8);
        assertEquals(t.captions(), again.captions(), "a batch is a pure function of its position");
    }

    @Test
    void clipsWithoutAPositiveSentenceAreExcludedAndReported() throws IOException {
        // keep only the sentences of the first verb class: at threshold 0.99 a clip needs a sentence with its own verb
        // class and noun set
        int verb = sentences.get(0).labels().verbClass();
        List<Ek100Sentence> kept = sentences.stream().filter(s -> s.labels().verbClass() == verb).toList();
        Set<String> expected = new HashSet<>();
        for (Ek100Clip c : clips) {
            boolean match = kept.stream().anyMatch(s -> s.labels().verbClass() == c.verbClass()
                    && new HashSet<>(s.labels().nounClasses()).equals(new HashSet<>(c.allNounClasses())));
            if (!match) {
                expected.add(c.narrationId());
            }
        }
        assertTrue(!expected.isEmpty() && expected.size() < clips.size());
        Ek100Batches b = batches(kept, 0.99);
        assertEquals(expected, new HashSet<>(b.excluded()));
        assertTrue(b.describe().contains(expected.size() + " excluded"), b.describe());
    }

    @Test
    void theTrainerRunsTheEk100KindOnTheDemoTrainSplit() throws IOException {
        TrainRunConfig d = TrainRunConfig.demoSms();
        TrainRunConfig cfg = new TrainRunConfig("ek", 2, new TrainRunConfig.Model("tiny", null, 4, "st", true),
                new TrainRunConfig.Data("ek100", ws.toString(), DemoDataset.retrievalCsv(ws, "train", false).toString(),
                        DemoDataset.retrievalCsv(ws, "train", true).toString(), ws.resolve("videos").toString(), 0.1),
                d.loss(), new TrainRunConfig.Optim(1e-3, 0.01, 1, 1e-5, 0.9, 0.999, 1e-8, 1.0, 1), 8, 1, 1, 0,
                new TrainRunConfig.Eval(1, DemoDataset.retrievalCsv(ws, "test", false).toString(),
                        DemoDataset.retrievalCsv(ws, "test", true).toString(), ws.resolve("videos").toString(), null),
                new TrainRunConfig.Checkpoint(10, 1), d.threads());
        assertEquals(List.of(), cfg.problems());
        Path run = tmp.resolve("run");
        Trainer.Outcome o = new Trainer(cfg, new RunFolder(run), new Ek100TrainingData(), null).run(false);
        assertEquals(RunState.FINISHED, o.state());
        assertEquals(3, o.steps(), "24 clips / batch 8 = 3 steps per epoch");
    }
}
