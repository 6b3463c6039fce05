package org.egolens.model.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFollowerTest {
    @TempDir
    Path dir;

    private static String step(long step, double loss) {
        return "{\"type\":\"step\",\"step\":" + step + ",\"epoch\":0,\"time_s\":" + (step * 0.5) + ",\"lr\":0.001,"
                + "\"loss\":" + loss + ",\"terms\":{\"pos\":" + (loss / 2) + ",\"neg\":0.01}}";
    }

    private void append(Path f, String s) throws IOException {
        Files.writeString(f, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<Long> steps(MetricsFollower.Batch b) {
        return b.events().stream().map(RunEvent::step).toList();
    }

    @Test
    void missingFileReadsAsNothingUntilItAppears() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        MetricsFollower follower = new MetricsFollower(f);
        assertTrue(follower.poll().isEmpty());
        append(f, step(0, 0.9) + "\n" + step(1, 0.8) + "\n");
        MetricsFollower.Batch b = follower.poll();
        assertFalse(b.reset());
        assertEquals(List.of(0L, 1L), steps(b));
        RunEvent.Step s1 = (RunEvent.Step) b.events().get(1);
        assertEquals(0.8, s1.loss());
        assertEquals(0.4, s1.terms().get("pos"));
        assertEquals(List.of("pos", "neg"), List.copyOf(s1.terms().keySet()));
        assertEquals(0.5, s1.timeS());
        assertTrue(follower.poll().isEmpty(), "nothing new");
        assertEquals(2, follower.lineNumber());
    }

    @Test
    void partialLastLineIsKeptBackUntilItsLineBreak() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        MetricsFollower follower = new MetricsFollower(f);
        String line = step(7, 0.25);
        append(f, step(6, 0.3) + "\n" + line.substring(0, 30));
        assertEquals(List.of(6L), steps(follower.poll()));
        assertTrue(follower.poll().isEmpty(), "the half line is not an event yet");
        append(f, line.substring(30));
        assertTrue(follower.poll().isEmpty(), "still no line break");
        append(f, "\n");
        MetricsFollower.Batch b = follower.poll();
        assertEquals(List.of(7L), steps(b));
        assertEquals(0.25, ((RunEvent.Step) b.events().get(0)).loss());
        assertEquals(Files.size(f), follower.position());
    }

    @Test
    void utf8CharacterSplitAcrossPollsDecodes() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        MetricsFollower follower = new MetricsFollower(f);
        byte[] line = "{\"type\":\"status\",\"step\":3,\"time_s\":1.5,\"state\":\"stopped\",\"message\":\"arr\u00eat \u2192 ok\"}\n"
                .getBytes(StandardCharsets.UTF_8);
        int cut = indexOf(line, (byte) 0xC3) + 1; // inside the two-byte 'ê'
        Files.write(f, java.util.Arrays.copyOf(line, cut));
        assertTrue(follower.poll().isEmpty());
        Files.write(f, java.util.Arrays.copyOfRange(line, cut, line.length), StandardOpenOption.APPEND);
        RunEvent.Status s = (RunEvent.Status) follower.poll().events().get(0);
        assertEquals("arr\u00eat \u2192 ok", s.message());
        assertEquals(RunState.STOPPED, s.state());
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }

    @Test
    void truncationRestartsFromTheStartAndIsReported() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        MetricsFollower follower = new MetricsFollower(f);
        append(f, step(0, 1) + "\n" + step(1, 0.9) + "\n" + step(2, 0.8) + "\n");
        assertEquals(3, follower.poll().events().size());
        Files.writeString(f, step(0, 0.5) + "\n"); // truncated in place, shorter
        MetricsFollower.Batch b = follower.poll();
        assertTrue(b.reset());
        assertEquals(List.of(0L), steps(b));
        assertEquals(0.5, ((RunEvent.Step) b.events().get(0)).loss());
        assertEquals(1, follower.lineNumber());
    }

    @Test
    void rewriteToALongerFileWithOtherContentIsAlsoAReset() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        MetricsFollower follower = new MetricsFollower(f);
        append(f, step(0, 1) + "\n");
        assertEquals(1, follower.poll().events().size());
        // between two polls the file was rewritten with more bytes than were read: only its head tells
        Files.writeString(f, "{\"type\":\"eval\",\"step\":10,\"mAP\":{\"v2t\":0.5,\"t2v\":0.25,\"avg\":0.375}}\n"
                + step(11, 0.4) + "\n" + step(12, 0.3) + "\n");
        MetricsFollower.Batch b = follower.poll();
        assertTrue(b.reset());
        assertEquals(List.of(10L, 11L, 12L), steps(b));
        RunEvent.Eval e = (RunEvent.Eval) b.events().get(0);
        assertEquals(0.375, e.mAP().avg());
        assertTrue(Double.isNaN(e.nDCG().avg()), "absent metric is NaN");
        assertTrue(Double.isNaN(e.mirrorPair()));
    }

    @Test
    void deletedFileIsAReset() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        MetricsFollower follower = new MetricsFollower(f);
        append(f, step(0, 1) + "\n");
        follower.poll();
        Files.delete(f);
        assertTrue(follower.poll().reset());
        assertTrue(follower.poll().isEmpty(), "reported once");
        append(f, step(0, 2) + "\n");
        MetricsFollower.Batch b = follower.poll();
        assertFalse(b.reset());
        assertEquals(2.0, ((RunEvent.Step) b.events().get(0)).loss());
    }

    @Test
    void malformedLinesAreSkippedWithFileAndLine() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        MetricsFollower follower = new MetricsFollower(f);
        append(f, step(0, 1) + "\r\n" + "{\"type\":\"step\",\"epoch\":0,\"loss\":1}\n" + "not json\n" + "\n"
                + "{\"type\":\"checkpoint\",\"step\":5,\"path\":\"x\"}\n" + "[1,2]\n" + step(1, 0.5) + "\n");
        MetricsFollower.Batch b = follower.poll();
        assertEquals(List.of(0L, 5L, 1L), steps(b));
        assertInstanceOf(RunEvent.Other.class, b.events().get(1));
        assertEquals("checkpoint", b.events().get(1).type());
        assertEquals(3, b.errors().size(), b.errors().toString());
        assertTrue(b.errors().get(0).startsWith(f + ":2: bad 'step' event"), b.errors().get(0));
        assertTrue(b.errors().get(0).contains("'step'"), "names the missing field: " + b.errors().get(0));
        assertTrue(b.errors().get(1).startsWith(f + ":3: not valid JSON"), b.errors().get(1));
        assertTrue(b.errors().get(2).startsWith(f + ":6: not a JSON object"), b.errors().get(2));
        assertEquals(3, follower.malformedLines());
    }

    @Test
    void nanLossAsBareTokenOrStringIsRead() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        append(f, "{\"type\":\"step\",\"step\":4,\"lr\":0.1,\"loss\":NaN,\"terms\":{\"pos\":\"NaN\"}}\n"
                + "{\"type\":\"nan\",\"step\":4,\"time_s\":2.0,\"term\":\"pos\",\"message\":\"loss term pos is NaN at step 4\"}\n");
        MetricsFollower.Batch b = new MetricsFollower(f).poll();
        RunEvent.Step s = (RunEvent.Step) b.events().get(0);
        assertTrue(Double.isNaN(s.loss()));
        assertTrue(Double.isNaN(s.terms().get("pos")));
        assertEquals("pos", ((RunEvent.Nan) b.events().get(1)).term());
    }

    /**
     * A resumed run: attempt 1 wrote steps 0..5 and was killed after its checkpoint at step 3; attempt 2 continues at
     * step 4. The history keeps attempt 2's values for 4 and 5, whatever the poll boundaries.
     */
    @Test
    void lastValuePerStepAcrossAResumeForAnyPollBoundaries() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s <= 5; s++) {
            sb.append(step(s, 1.0 - 0.1 * s)).append('\n');
        }
        sb.append("{\"type\":\"eval\",\"step\":5,\"mAP\":{\"avg\":0.2}}\n");
        for (int s = 4; s <= 7; s++) {
            sb.append(step(s, 0.5 - 0.01 * s)).append('\n');
        }
        sb.append("{\"type\":\"eval\",\"step\":5,\"mAP\":{\"avg\":0.3}}\n");
        byte[] all = sb.toString().getBytes(StandardCharsets.UTF_8);
        Random rnd = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            Path f = dir.resolve("m" + trial + ".jsonl");
            MetricsFollower follower = new MetricsFollower(f, 1 + rnd.nextInt(97));
            RunHistory h = RunHistory.full();
            int written = 0;
            Files.write(f, new byte[0]);
            while (written < all.length) {
                int n = Math.min(all.length - written, 1 + rnd.nextInt(120));
                Files.write(f, java.util.Arrays.copyOfRange(all, written, written + n), StandardOpenOption.APPEND);
                written += n;
                MetricsFollower.Batch b;
                do {
                    b = follower.poll();
                    assertFalse(b.reset());
                    h.apply(b);
                } while (b.more());
            }
            List<Double> losses = new ArrayList<>();
            h.steps().forEach(s -> losses.add(s.loss()));
            List<Double> expected = new ArrayList<>();
            for (int s = 0; s <= 3; s++) {
                expected.add(1.0 - 0.1 * s); // attempt 1 up to its checkpoint
            }
            for (int s = 4; s <= 7; s++) {
                expected.add(0.5 - 0.01 * s); // attempt 2 supersedes 4 and 5
            }
            assertEquals(expected, losses, "trial " + trial);
            assertEquals(7, h.lastStep().orElseThrow().step());
            assertEquals(1, h.evals().size());
            assertEquals(0.3, h.bestEval().orElseThrow().mAP().avg());
        }
    }
}
