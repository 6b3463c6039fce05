package org.egolens.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.LoadReport;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.WeightLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acceptance 1: every reference checkpoint, opened through the file path ({@code ModelFactory.open(file)}: sniffing,
 * container unwrapping, key mapping, config beside the file) and through a converted model folder, reproduces the
 * reference outputs of the official EVA-CLIP code within 1e-5 max abs.
 */
class CheckpointGoldenTest {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointGoldenTest.class);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"model.pt", "model_ddp.pt", "model.safetensors"})
    void eachImageTextCheckpointReproducesTheReference(String name) throws IOException {
        try (Eva02AtClipModel m = ModelFactory.open(Reference.file(name).toString())) {
            LoadReport r = m.loadReport().orElseThrow();
            assertTrue(r.ok(), r.describeProblems());
            assertEquals(80, r.matched().size(), "80 parameters, 6 RoPE buffers (README table)");
            assertEquals(6, r.ignored().size());
            assertEquals(List.of(WeightLoader.TEMPORAL_EMBED), r.defaulted(), "an image checkpoint: new temporal table");
            assertEquals(4, m.descriptor().numFrames(), "config.json beside the file has no num_frames: default 4");
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("layout: EVA-CLIP")), r.notes().toString());
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("config: ") && n.contains("config.json")),
                    r.notes().toString());
            double[] d = Reference.assertImageTextOutputs(m);
            LOG.info("{}: image {} text {} logits {}", name, d[0], d[1], d[2]);
        }
    }

    @Test
    void ddpContainerIsUnwrappedAndNoted() throws IOException {
        try (Eva02AtClipModel m = ModelFactory.open(Reference.file("model_ddp.pt").toString())) {
            String notes = String.join("\n", m.loadReport().orElseThrow().notes());
            assertTrue(notes.contains("under 'state_dict'") && notes.contains("'module.' stripped")
                    && notes.contains("epoch=3"), notes);
        }
    }

    @Test
    void videoTowerLaidOverTheImageTextCheckpointReproducesVideoFeatures() throws IOException {
        try (Eva02AtClipModel m = CheckpointLoader.open(List.of(Reference.file("model.safetensors"),
                Reference.file("video_model.safetensors")), LoadOptions.defaults())) {
            LoadReport r = m.loadReport().orElseThrow();
            assertTrue(r.ok(), r.describeProblems());
            assertTrue(r.matched().contains(WeightLoader.TEMPORAL_EMBED));
            assertTrue(r.notes().contains("frames: T = 4 (temporal_embed from the checkpoint)"), r.notes().toString());
            LOG.info("video_features max abs diff {}", Reference.assertVideoOutputs(m));
        }
    }

    @Test
    void dryCheckOfTheReferenceFolderMatchesWhatLoadingReports() throws IOException {
        CheckpointLoader.ModelCheck c = CheckpointLoader.check(Reference.dir(), 8);
        LoadReport r = c.report();
        assertTrue(r.ok(), r.describeProblems());
        assertEquals(80, r.matched().size(), "80 loaded as they are, temporal_embed interpolated");
        assertEquals(List.of("visual.temporal_embed 4 -> 8 frames (bilinear)"), r.interpolated());
        assertEquals(8, c.config().numFrames());
        assertTrue(r.notes().contains("frames: T = 8 (the checkpoint was trained with T = 4; temporal_embed"
                + " interpolated bilinearly)"), r.notes().toString());
    }

    @Test
    void aVideoTowerAloneIsRefusedNamingItsLayout() {
        UnsupportedCheckpointException e = org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedCheckpointException.class,
                () -> ModelFactory.open(Reference.file("video_model.safetensors").toString()));
        assertEquals(CheckpointLayout.EVA_VISION_ONLY, e.layout());
        assertTrue(e.getMessage().contains("no text tower"), e.getMessage());
    }

    @Test
    void convertedFolderReproducesEveryReferenceOutputAndTokenizesTheReferenceStrings() throws IOException {
        Path out = tmp.resolve("eva02at-tiny");
        ModelConverter.Result r = ModelConverter.convert(List.of(Reference.file("model_ddp.pt"),
                Reference.file("video_model.safetensors")), LoadOptions.defaults(), Reference.vocab(), out, false);
        assertTrue(r.report().ok());
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "conversion.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(1, Files.list(tmp).count(), "no temporary folder left behind");
        assertTrue(Files.getPosixFilePermissions(out.resolve("model.safetensors"))
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ), "a shareable folder, not 0600");
        JsonNode conv = new ObjectMapper().readTree(out.resolve("conversion.json").toFile());
        assertEquals(ModelConverter.sha256(Reference.file("model_ddp.pt")), conv.get("inputs").get(0).get("sha256")
                .asText());
        assertEquals(4, conv.get("num_frames").asInt());
        assertEquals(Reference.vocab().toAbsolutePath().normalize().toString(), new ObjectMapper()
                .readTree(out.resolve("tokenizer.json").toFile()).get("vocab").asText(), "referenced, not copied");
        try (Eva02AtClipModel m = ModelFactory.open(out.toString())) {
            assertTrue(m.loadReport().orElseThrow().ok());
            assertEquals(r.config(), m.config());
            double[] d = Reference.assertImageTextOutputs(m);
            double v = Reference.assertVideoOutputs(m);
            LOG.info("converted folder: image {} text {} logits {} video {}", d[0], d[1], d[2], v);
            // the tokenizer reference works: the README's strings encode to text_ids.npy
            assertArrayEquals(Reference.flat(m.encodeTokenIds(Reference.ids())),
                    Reference.flat(m.encodeTexts(Reference.TEXTS)), 0f);
        }
    }
}
