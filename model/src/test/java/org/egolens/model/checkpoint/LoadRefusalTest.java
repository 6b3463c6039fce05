package org.egolens.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.egolens.model.io.FloatTensor;
import org.egolens.model.io.Safetensors;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.LoadReport;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.ModelPresets;
import org.egolens.model.nn.WeightLoadException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 3: a missing, an unexpected and a mis-shaped backbone tensor each produce a report naming it, and a
 * refusal, when a checkpoint file is opened (also in open_clip naming) and when it is converted (nothing is written).
 */
class LoadRefusalTest {
    @TempDir
    Path tmp;
    private static Eva02AtClipModel source;
    private static Map<String, FloatTensor> eva;

    @BeforeAll
    static void model() {
        source = TinyCheckpoints.model(31);
        eva = TinyCheckpoints.imageStateDict(source);
    }

    @AfterAll
    static void close() {
        source.close();
    }

    private LoadReport refused(Map<String, FloatTensor> sd) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("ck" + System.nanoTime()));
        Files.writeString(dir.resolve("config.json"), ModelPresets.get("tiny").toJson());
        Path file = dir.resolve("weights.safetensors");
        Safetensors.writeF32(file, sd, Map.of());
        WeightLoadException e = assertThrows(WeightLoadException.class, () -> ModelFactory.open(file.toString()));
        LoadReport r = e.report();
        assertFalse(r.ok());
        LoadReport dry = CheckpointLoader.check(file, 0).report();
        assertEquals(List.of(r.missing(), r.unexpected(), r.shapeMismatched()),
                List.of(dry.missing(), dry.unexpected(), dry.shapeMismatched()), "the dry check finds the same");
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("layout: ")), "the report says how keys were read");
        Path out = dir.resolve("out");
        WeightLoadException c = assertThrows(WeightLoadException.class,
                () -> ModelConverter.convert(List.of(file), LoadOptions.defaults(), null, out, false));
        assertEquals(r.missing(), c.report().missing());
        assertFalse(Files.exists(out), "a refused conversion writes nothing");
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary folder left");
        }
        return r;
    }

    @Test
    void missingBackboneTensorIsReportedAndRefused() throws IOException {
        Map<String, FloatTensor> sd = new LinkedHashMap<>(eva);
        sd.remove("visual.blocks.1.attn.q_bias");
        LoadReport r = refused(sd);
        assertEquals(List.of("visual.blocks.1.attn.q_bias"), r.missing());
        assertTrue(r.unexpected().isEmpty() && r.shapeMismatched().isEmpty());
        assertEquals(eva.size() - 1, r.matched().size());
    }

    @Test
    void missingTensorInOpenClipNamingIsReportedUnderItsEvaClipName() throws IOException {
        Map<String, FloatTensor> sd = new LinkedHashMap<>();
        eva.forEach((k, v) -> sd.put(k.startsWith("visual.") ? "visual.trunk." + k.substring(7)
                .replace(".mlp.w1.", ".mlp.fc1_g.").replace(".mlp.w2.", ".mlp.fc1_x.")
                .replace(".mlp.ffn_ln.", ".mlp.norm.").replace(".mlp.w3.", ".mlp.fc2.") : k, v));
        sd.remove("visual.trunk.blocks.0.mlp.fc1_x.weight");
        assertEquals(List.of("visual.blocks.0.mlp.w2.weight"), refused(sd).missing());
    }

    @Test
    void unexpectedTensorIsReportedAndRefused() throws IOException {
        Map<String, FloatTensor> sd = new LinkedHashMap<>(eva);
        sd.put("visual.blocks.0.gamma_1", new FloatTensor(new long[] {128}, new float[128])); // layer scale: not EVA02-B
        LoadReport r = refused(sd);
        assertEquals(List.of("visual.blocks.0.gamma_1"), r.unexpected());
        assertTrue(r.missing().isEmpty());
    }

    @Test
    void misShapedTensorIsReportedAndRefused() throws IOException {
        Map<String, FloatTensor> sd = new LinkedHashMap<>(eva);
        sd.put("visual.blocks.0.mlp.w1.weight", new FloatTensor(new long[] {340, 128}, new float[340 * 128]));
        LoadReport r = refused(sd);
        assertEquals(List.of("visual.blocks.0.mlp.w1.weight: checkpoint [340, 128] vs model [341, 128]"),
                r.shapeMismatched());
        assertTrue(r.missing().isEmpty() && r.unexpected().isEmpty());
    }

    @Test
    void headsNotMatchingTheConfigBesideTheFileAreRefusedNotReplaced() throws IOException {
        Map<String, FloatTensor> sd = new LinkedHashMap<>(eva);
        sd.put("visual.head.weight", new FloatTensor(new long[] {16, 128}, new float[16 * 128]));
        LoadReport r = refused(sd);
        assertEquals(1, r.shapeMismatched().size(), r.describeProblems());
        assertTrue(r.kept().isEmpty());
    }
}
