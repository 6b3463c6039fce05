package org.egolens.model.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.eval.run.EvalOptions;
import org.egolens.model.eval.run.EvalOutcome;
import org.egolens.model.eval.run.EvalRecord;
import org.egolens.model.eval.run.EvalRequest;
import org.egolens.model.eval.run.EvalRunner;
import org.egolens.model.eval.run.EvalTask;
import org.egolens.model.eval.run.MissingClipsException;
import org.egolens.model.retrieval.BuildMonitor;
import org.egolens.model.retrieval.SkippedClip;
import org.egolens.model.retrieval.fakes.FakeVideoTextModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, case 5 through a whole evaluation (EgoMCQ, real H.264 decoding, fake dual encoder): a window overhanging
 * the end of its video is evaluated clamped and counted; a window entirely after the end and a reversed window are
 * refused, each listed as missing with its reason.
 */
@Tag("reliability")
class EvalWindowEdgesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The video: 20 frames at 10 fps, 2.0 s. */
    private static final int FRAMES = 20;
    private static final double FPS = 10;
    /** clip id ({@code <video_uid>@<start>-<end>}, as EgoMCQ names candidates) → window. */
    private static final Map<String, double[]> WINDOWS = Map.of(
            "v@0.0-0.8", new double[] {0.0, 0.8},
            "v@1.0-2.0", new double[] {1.0, 2.0},   // ends on the last frame: frames 10–19, not clamped
            "v@1.2-2.5", new double[] {1.2, 2.5},   // frames 12–24 asked for, 20–24 do not exist: clamped
            "v@2.2-2.6", new double[] {2.2, 2.6},   // starts at frame 22 of 20: refused
            "v@1.0-0.5", new double[] {1.0, 0.5});  // reversed: refused before decoding

    @TempDir
    Path tmp;
    private Path video;
    private Path questions;
    private final JavaCvVideoSource source = new JavaCvVideoSource(JavaCvVideoSource.Options.singleThreaded());

    @BeforeEach
    void fixture() throws IOException {
        video = HostileFixtures.greyRamp(tmp.resolve("videos/v.mp4"), FRAMES, FPS);
        // question 0 needs the clamped window, 1 the late one, 2 the reversed one
        questions = HostileFixtures.text(tmp, "egomcq.json", "{"
                + "\"0\": " + question(1, "v@0.0-0.8", "v@1.2-2.5") + ", "
                + "\"1\": " + question(2, "v@1.0-2.0", "v@2.2-2.6") + ", "
                + "\"2\": " + question(1, "v@0.0-0.8", "v@1.0-0.5") + "}");
    }

    private static String question(int type, String... choices) {
        StringBuilder sb = new StringBuilder("{\"answer\": 0, \"types\": " + type + ", \"query\": {"
                + "\"video_uid\": \"v\", \"clip_start\": 0, \"clip_end\": 1, \"clip_text\": \"#C C takes a cup\"},"
                + " \"choices\": {");
        for (int c = 0; c < choices.length; c++) {
            double[] w = WINDOWS.get(choices[c]);
            sb.append(c == 0 ? "" : ", ").append("\"").append(c).append("\": {\"video_uid\": \"v\", \"clip_start\": ")
                    .append(w[0]).append(", \"clip_end\": ").append(w[1]).append("}");
        }
        return sb.append("}}").toString();
    }

    private EvalOutcome run(String out, boolean allowMissing, Path cache) throws IOException {
        EvalOptions o = new EvalOptions(2, 1, allowMissing, false, cache, List.of());
        return new EvalRunner(source, new FakeVideoTextModel(4)).run(new EvalRequest(EvalTask.EGOMCQ, questions, null,
                tmp.resolve("videos"), tmp.resolve(out), o), BuildMonitor.NONE);
    }

    @Test
    void theSamplerClampsExactlyTheOverhangingWindow() throws IOException {
        // what the decoder itself says, window by window: the reference for the evaluation's count below
        List<String> clamped = new ArrayList<>();
        for (String id : List.of("v@0.0-0.8", "v@1.0-2.0", "v@1.2-2.5")) {
            double[] w = WINDOWS.get(id);
            if (source.sampleClip(new ClipWindow(id, video, w[0], w[1]), 4, 32, null).clamped()) {
                clamped.add(id);
            }
        }
        assertEquals(List.of("v@1.2-2.5"), clamped);
        assertThrows(IllegalArgumentException.class, () -> source.sampleClip(new ClipWindow("v@2.2-2.6", video, 2.2,
                2.6), 4, 32, null));
    }

    @Test
    void refusedWindowsStopTheRunNamingBothReasons() {
        MissingClipsException e = assertThrows(MissingClipsException.class, () -> run("strict", false, null));
        assertTrue(e.getMessage().startsWith("2 of 5 clips could not be decoded"), e.getMessage());
        assertEquals(List.of("v@1.0-0.5", "v@2.2-2.6"), e.missing().stream().map(SkippedClip::clipId).toList());
        assertFalse(Files.exists(tmp.resolve("strict/run.json")));
    }

    @Test
    void clampedWindowsAreCountedAndRefusedOnesListedWithTheirReason() throws IOException {
        Path cache = tmp.resolve("cache/eval.idx");
        EvalOutcome o = run("run", true, cache);
        EvalRecord rec = o.summary().record();
        assertEquals(5, rec.clips());
        assertEquals(3, rec.embedded());
        assertEquals(List.of("v@1.2-2.5"), rec.clamped());

        assertEquals(2, rec.missing().size());
        SkippedClip reversed = rec.missing().get(0);
        assertEquals("v@1.0-0.5", reversed.clipId());
        assertTrue(reversed.reason().contains("invalid window [1.0, 0.5] s"), reversed.reason());
        assertEquals(1.0, reversed.startSec());
        assertEquals(0.5, reversed.endSec());
        SkippedClip late = rec.missing().get(1);
        assertEquals("v@2.2-2.6", late.clipId());
        assertTrue(late.reason().contains("starts at frame 22, after the end of the video (20 frames"), late.reason());

        JsonNode metrics = JSON.readTree(tmp.resolve("run/metrics.json").toFile());
        assertEquals(1, metrics.at("/counts/clamped_clips").asInt());
        assertEquals(2, metrics.at("/excluded/missing_clips").asInt());
        assertEquals(2, metrics.at("/excluded/missing_questions").asInt()); // questions 1 and 2 lack a candidate
        assertEquals(1, metrics.at("/counts/inter_video/total").asInt()); // question 0 is scored, clamped clip and all
        assertEquals(1.0, o.summary().metric("counts.clamped_clips"));
        JsonNode runJson = JSON.readTree(tmp.resolve("run/run.json").toFile());
        assertEquals(1, runJson.get("clamped_count").asInt());
        assertEquals("v@1.2-2.5", runJson.get("clamped").get(0).asText());

        // a second run takes every clip from the cache index and still counts the clamped window
        EvalRecord again = run("again", true, cache).summary().record();
        assertEquals(0, again.embedded());
        assertEquals(3, again.reused());
        assertEquals(List.of("v@1.2-2.5"), again.clamped());
    }

    @Test
    void aRecordWrittenBeforeTheClampedFieldsReadsAsNoneClamped() throws IOException {
        run("old", true, null);
        Path file = tmp.resolve("old/run.json");
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) JSON
                .readTree(file.toFile());
        o.remove(List.of("clamped", "clamped_count"));
        Files.writeString(file, JSON.writeValueAsString(o));
        EvalRecord rec = EvalRecord.read(tmp.resolve("old"));
        assertEquals(List.of(), rec.clamped());
        assertEquals(2, rec.missing().size());
    }
}
