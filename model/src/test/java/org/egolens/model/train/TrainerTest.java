package org.egolens.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.io.Safetensors;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.ParameterNames;
import org.egolens.model.tokenize.ClipBpeTokenizer;
import org.egolens.model.train.run.RunEvent;
import org.egolens.model.train.run.RunFolder;
import org.egolens.model.train.run.RunState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on a small generated demo workspace with the {@code tiny} preset. */
class TrainerTest {
    @TempDir
    static Path tmp;
    static Path workspace;

    @BeforeAll
    static void demo() throws IOException {
        workspace = tmp.resolve("demo");
        DemoDataset.generate(DemoConfig.defaults().withClips(24, 12, 2), workspace, (f, m) -> { });
    }

    static TrainRunConfig config(String name, int epochs, int stepsPerEpoch, String loss) {
        TrainRunConfig d = TrainRunConfig.demoSms();
        return new TrainRunConfig(name, 11, new TrainRunConfig.Model("tiny", null, 4, "st", true),
                new TrainRunConfig.Data("demo-stream", workspace.toString(), null, null, null, 0.1),
                new TrainRunConfig.Loss(loss, 0.6, 0.1, 0.1, 0.05, false),
                new TrainRunConfig.Optim(1e-3, 0.01, 2, 1e-5, 0.9, 0.999, 1e-8, 1.0, 1), 8, epochs, stepsPerEpoch, 0,
                new TrainRunConfig.Eval(1, null, null, null, null), new TrainRunConfig.Checkpoint(2, 2),
                d.threads());
    }

    private static List<RunEvent> events(Path run) throws IOException {
        return Files.readAllLines(run.resolve(RunFolder.METRICS)).stream().map(RunEvent::parse).toList();
    }

    @Test
    void aRunWritesEventsEvaluationsCheckpointsAndTheBestModel() throws IOException {
        Path run = tmp.resolve("plain");
        Trainer.Outcome o = new Trainer(config("plain", 2, 3, "sms"), new RunFolder(run), new DemoTrainingData(),
                null).run(false);
        assertEquals(RunState.FINISHED, o.state());
        assertEquals(6, o.steps());
        List<RunEvent> ev = events(run);
        List<RunEvent.Step> steps = ev.stream().filter(e -> e instanceof RunEvent.Step).map(e -> (RunEvent.Step) e)
                .toList();
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), steps.stream().map(RunEvent.Step::step).toList());
        RunEvent.Step first = steps.get(0);
        assertEquals(5e-4, first.lr(), 1e-12, "warm-up: step 0 of 2 runs at half the peak");
        double sum = first.terms().get("pos") + first.terms().get("neg") + first.terms().get("equal");
        assertEquals(first.loss(), sum, 1e-6, "SMS parts add up to the total");
        assertTrue(steps.stream().allMatch(s -> s.gradNorm() > 0 && Double.isFinite(s.gradNorm())),
                "every step records its gradient norm");
        assertEquals(2, ev.stream().filter(e -> e instanceof RunEvent.Eval).count(), "one validation per epoch");
        JsonNode m = new ObjectMapper().readTree(run.resolve("eval/step-3/metrics.json").toFile());
        for (String k : new String[] {"v2t", "t2v", "avg"}) {
            double v = m.at("/mAP/" + k).asDouble();
            assertTrue(v > 0 && v <= 1, "mAP " + k + " is a fraction: " + v);
        }
        assertTrue(m.has("mirror_pair"));
        assertEquals(List.of(4L, 6L), new RunFolder(run).checkpointSteps(), "keep_last 2 of every-2-steps");
        assertTrue(Files.isRegularFile(run.resolve("best/model.safetensors")));
        assertTrue(Files.isRegularFile(run.resolve("best/metrics.json")));
        assertEquals(RunState.FINISHED, new RunFolder(run).status().orElseThrow().state());
        assertFalse(Files.exists(run.resolve("checkpoints/.step-6.partial")));

        // the token embedding has the demo vocabulary's rows, and the best model carries that vocabulary
        Path vocab = workspace.resolve(ClipBpeTokenizer.WORKSPACE_VOCAB_FILE_NAME);
        int ids = ClipBpeTokenizer.load(vocab).vocabularySize();
        assertTrue(ids < 49408, "demo vocabulary " + ids);
        assertEquals(-1L, Files.mismatch(vocab, run.resolve("best").resolve(ClipBpeTokenizer.WORKSPACE_VOCAB_FILE_NAME)));
        try (Eva02AtClipModel best = ModelFactory.open(run.resolve("best").toString())) {
            assertEquals(ids, best.config().text().vocabSize());
            assertEquals(ids, ParameterNames.of(best.block()).get("text.token_embedding.weight").getArray().getShape()
                    .get(0));
            assertEquals(1, best.encodeTexts(List.of("pick up cup")).length, "opens with its own vocabulary");
        }
    }

    @Test
    void aStoppedAndResumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws IOException {
        Path whole = tmp.resolve("whole");
        new Trainer(config("whole", 2, 4, "sms"), new RunFolder(whole), new DemoTrainingData(), null).run(false);

        Path parts = tmp.resolve("parts");
        TrainRunConfig cfg = config("parts", 2, 4, "sms");
        Trainer[] self = new Trainer[1];
        TrainingData stopping = new TappedData((epoch, index, batch) -> {
            if (epoch == 0 && index == 3) {
                self[0].requestStop(); // asked for while step 1 or 2 runs (the prefetcher reads ahead)
            }
            return batch;
        });
        self[0] = new Trainer(cfg, new RunFolder(parts), stopping, null);
        Trainer.Outcome stopped = self[0].run(false);
        assertEquals(RunState.STOPPED, stopped.state());
        assertEquals(130, stopped.exitCode());
        assertTrue(stopped.steps() > 0 && stopped.steps() < 8, "stopped mid-way at " + stopped.steps());
        Trainer.Outcome resumed = new Trainer(cfg, new RunFolder(parts), new DemoTrainingData(), null).run(true);
        assertEquals(RunState.FINISHED, resumed.state());

        Map<String, FloatTensor> a = Safetensors.readFloats(whole.resolve("checkpoints/step-8/model.safetensors"));
        Map<String, FloatTensor> b = Safetensors.readFloats(parts.resolve("checkpoints/step-8/model.safetensors"));
        assertEquals(a.keySet(), b.keySet());
        double max = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k).data();
            float[] y = b.get(k).data();
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        assertTrue(max <= 1e-6, "max weight difference " + max);
        JsonNode ma = new ObjectMapper().readTree(whole.resolve("eval/step-8/metrics.json").toFile());
        JsonNode mb = new ObjectMapper().readTree(parts.resolve("eval/step-8/metrics.json").toFile());
        assertEquals(ma.at("/mAP/avg").asDouble(), mb.at("/mAP/avg").asDouble(), 1e-6);
        assertEquals(ma.at("/nDCG/avg").asDouble(), mb.at("/nDCG/avg").asDouble(), 1e-6);
    }

    @Test
    void aNonFiniteLossFailsTheRunNamingStepAndTermAndKeepsTheLastCheckpoint() throws IOException {
        Path run = tmp.resolve("nan");
        TrainingData poisoned = new TappedData((epoch, index, b) -> {
            if (index < 3) {
                return b;
            }
            float[] data = b.frames().data().clone();
            data[0] = Float.NaN;
            FrameBatch f = b.frames();
            return new TrainBatch(new FrameBatch(data, f.batch(), f.channels(), f.frames(), f.height(), f.width()),
                    b.tokenIds(), b.relevancy(), b.captions());
        });
        Trainer.Outcome o = new Trainer(config("nan", 2, 4, "sms"), new RunFolder(run), poisoned, null).run(false);
        assertEquals(RunState.FAILED, o.state());
        assertEquals(1, o.exitCode());
        assertTrue(o.message().contains("at step 3") && o.message().contains("loss"), o.message());
        RunEvent.Nan nan = events(run).stream().filter(e -> e instanceof RunEvent.Nan).map(e -> (RunEvent.Nan) e)
                .findFirst().orElseThrow();
        assertEquals(3, nan.step());
        assertEquals(List.of(2L), new RunFolder(run).checkpointSteps(), "the good checkpoint before the NaN stays");
        assertEquals(RunState.FAILED, new RunFolder(run).status().orElseThrow().state());
    }
}
