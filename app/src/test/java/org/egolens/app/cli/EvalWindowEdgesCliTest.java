package org.egolens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.egolens.app.DecodingFakeBackend;
import org.egolens.app.eval.EvalFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, case 5 at the command line: {@code egolens eval} prints how many windows were clamped at the end of their
 * video (and which), next to the missing ones, and writes the count into {@code metrics.json}.
 */
@Tag("reliability")
class EvalWindowEdgesCliTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void home() {
        System.setProperty("egolens.home", tmp.resolve("home").toString());
    }

    @AfterEach
    void clearHome() {
        System.clearProperty("egolens.home");
    }

    private static String choice(double start, double end) {
        return "{\"video_uid\": \"vid\", \"clip_start\": " + start + ", \"clip_end\": " + end + "}";
    }

    private static String question(int type, String a, String b) {
        return "{\"answer\": 0, \"types\": " + type + ", \"query\": {\"video_uid\": \"vid\", \"clip_start\": 0,"
                + " \"clip_end\": 1, \"clip_text\": \"#C C takes a cup\"}, \"choices\": {\"0\": " + a + ", \"1\": " + b
                + "}}";
    }

    @Test
    void clampedAndRefusedWindowsArePrintedAndCounted() throws IOException {
        // 20 frames at 10 fps = 2.0 s; [1.2, 2.5] overhangs, [2.2, 2.6] starts after the end, [1.0, 0.5] is reversed
        Path root = tmp.resolve("videos");
        EvalFixtures.video(root.resolve("vid.mp4"), new Color(200, 40, 40), 20, 1);
        Path json = Files.writeString(tmp.resolve("egomcq.json"), "{\"0\": " + question(1, choice(0.0, 1.0),
                choice(1.2, 2.5)) + ", \"1\": " + question(2, choice(0.0, 1.0), choice(2.2, 2.6)) + ", \"2\": "
                + question(1, choice(0.0, 1.0), choice(1.0, 0.5)) + "}");
        Path out = tmp.resolve("run");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = EgoLensCommand.execute(DecodingFakeBackend::new, new PrintWriter(o), new PrintWriter(e), "eval",
                "--task", "egomcq", "--frames", "4", "--annotations", json.toString(), "--video-root", root.toString(),
                "--out", out.toString(), "--allow-missing");
        assertEquals(0, code, e.toString());
        String text = o.toString();
        assertTrue(text.contains(": 4 clips (2 embedded, 0 reused), 2 missing, 1 clamped, "), text);
        assertTrue(text.contains("excluded.missing_clips: 2"), text);
        assertTrue(text.contains("clamped to the last frame (window overhangs the end of its video): vid@1.2-2.5\n"),
                text);
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(1, metrics.at("/counts/clamped_clips").asInt());
    }

    @Test
    void aModelFolderMadeForAnotherTIsNamedWhenTheProtocolsTIsUsed() throws IOException {
        Path model = tmp.resolve("model-t8");
        try (org.egolens.model.nn.Eva02AtClipModel m = org.egolens.model.nn.ModelFactory.open("tiny", 8, null)) {
            org.egolens.model.nn.ModelFactory.save(m, model);
        }
        Path json = Files.writeString(tmp.resolve("egomcq-t.json"), "{\"0\": " + question(1, choice(0.0, 1.0),
                choice(0.0, 1.0)) + "}");
        StringWriter e = new StringWriter();
        EgoLensCommand.execute(DecodingFakeBackend::new, new PrintWriter(new StringWriter()), new PrintWriter(e),
                "eval", "--task", "egomcq", "--model", model.toString(), "--annotations", json.toString(),
                "--video-root", tmp.toString(), "--out", tmp.resolve("run-t").toString());
        assertTrue(e.toString().contains("was made for T = 8; evaluating at the protocol's T = 4"), e.toString());
        StringWriter quiet = new StringWriter();
        EgoLensCommand.execute(DecodingFakeBackend::new, new PrintWriter(new StringWriter()), new PrintWriter(quiet),
                "eval", "--task", "egomcq", "--frames", "8", "--model", model.toString(), "--annotations",
                json.toString(), "--video-root", tmp.toString(), "--out", tmp.resolve("run-t2").toString());
        assertTrue(!quiet.toString().contains("was made for T"), quiet.toString());
    }
}
