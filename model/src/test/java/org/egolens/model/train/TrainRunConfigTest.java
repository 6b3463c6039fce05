package org.egolens.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainRunConfigTest {
    @Test
    void demoRecipeIsWrittenWithTheContractKeys() throws Exception {
        String yaml = TrainRunConfig.demoSms().toYaml();
        JsonNode n = new YAMLMapper().readTree(yaml);
        assertEquals("demo-sms", n.get("name").asText());
        assertEquals(3407, n.get("seed").asLong());
        assertEquals("tiny-demo", n.at("/model/preset").asText());
        assertEquals(4, n.at("/model/frames").asInt());
        assertEquals("st", n.at("/model/rope_mode").asText());
        assertTrue(n.at("/model/temporal").asBoolean());
        assertTrue(n.at("/model/dir").isNull());
        assertEquals("demo-stream", n.at("/data/kind").asText());
        assertEquals(0.1, n.at("/data/relevancy_threshold").asDouble());
        assertEquals("sms", n.at("/loss/name").asText());
        assertEquals(0.6, n.at("/loss/gamma").asDouble());
        assertEquals(0.1, n.at("/loss/lambda").asDouble());
        assertEquals(0.1, n.at("/loss/tau").asDouble());
        assertEquals(0.05, n.at("/loss/temperature").asDouble());
        assertEquals(1e-3, n.at("/optim/lr").asDouble());
        assertEquals(50, n.at("/optim/warmup_steps").asInt());
        assertEquals(1e-5, n.at("/optim/min_lr").asDouble());
        assertEquals(1.0, n.at("/optim/clip_grad_norm").asDouble());
        assertEquals(48, n.get("batch_size").asInt());
        assertEquals(54, n.get("epochs").asInt());
        assertEquals(50, n.get("steps_per_epoch").asInt());
        assertEquals(15, n.get("time_budget_minutes").asDouble());
        assertEquals(2, n.at("/eval/every_epochs").asInt());
        assertEquals(100, n.at("/checkpoint/every_steps").asInt());
        assertEquals(2, n.at("/checkpoint/keep_last").asInt());
        assertEquals(2, n.at("/threads/intra_op").asInt());
        assertEquals(TrainRunConfig.demoSms(), TrainRunConfig.fromYaml(yaml));
        // the GUI's defaults are the documented recipe
        java.nio.file.Path recipe = java.nio.file.Path.of("..", "experiments", "demo", "finetune-sms.yaml");
        assertEquals(TrainRunConfig.demoSms(), TrainRunConfig.fromYaml(java.nio.file.Files.readString(recipe)));
        assertTrue(TrainRunConfig.demoSms().problems().isEmpty(), TrainRunConfig.demoSms().problems().toString());
    }

    @Test
    void readsATrainerResolvedConfigIgnoringUnknownKeys() {
        TrainRunConfig c = TrainRunConfig.fromYaml("name: x\nseed: 1\nfuture_key: 3\n"
                + "loss: {name: infonce, temperature: 0.07, lambda: 0.2}\nbatch_size: 8\n");
        assertEquals("infonce", c.loss().name());
        assertEquals(0.07, c.loss().temperature());
        assertEquals(0.2, c.loss().lambdaThreshold());
        assertEquals(8, c.batchSize());
        assertThrows(IllegalArgumentException.class, () -> TrainRunConfig.fromYaml("- a\n- b\n"));
    }

    @Test
    void unknownKeysAreListedWithTheirPaths() {
        assertEquals(List.of("batch_sise", "optim.learning_rate"), TrainRunConfig.unknownKeys(
                "name: x\nbatch_sise: 48\noptim: {lr: 1.0e-3, learning_rate: 2}\nloss: {name: sms}\n"));
        assertEquals(List.of(), TrainRunConfig.unknownKeys(TrainRunConfig.demoSms().toYaml()));
    }

    @Test
    void problemsNameTheKeys() {
        TrainRunConfig d = TrainRunConfig.demoSms();
        TrainRunConfig bad = new TrainRunConfig("bad name", d.seed(),
                new TrainRunConfig.Model("nope", null, 0, "diagonal", true),
                new TrainRunConfig.Data("ek100", null, null, null, null, 1.5),
                new TrainRunConfig.Loss("triplet", -1, 0.1, 0.1, 0, false),
                new TrainRunConfig.Optim(0, 0.01, 50, 1e-5, 0.9, 0.999, 1e-8, 1, 1),
                1, 100, 50, 15, d.eval(), d.checkpoint(), d.threads());
        List<String> p = bad.problems();
        for (String expected : List.of("name may contain only", "model.preset 'nope'", "model.frames must be > 0",
                "model.rope_mode", "data.train_annotations is required", "data.video_root is required",
                "data.relevancy_threshold must be in [0, 1]", "loss.name must be one of", "loss.gamma must be >= 0",
                "loss.temperature must be > 0", "optim.lr must be > 0", "optim.min_lr must not exceed optim.lr")) {
            assertTrue(p.stream().anyMatch(m -> m.startsWith(expected)), expected + " missing in " + p);
        }
        assertTrue(d.withName("x").problems().isEmpty());
        TrainRunConfig pair = new TrainRunConfig("x", 1, d.model(), d.data(), d.loss(), d.optim(), 1, 1, 1, 0,
                d.eval(), d.checkpoint(), d.threads());
        assertEquals(List.of("batch_size must be at least 2 for the sms loss (it needs negatives)"), pair.problems());
    }
}
