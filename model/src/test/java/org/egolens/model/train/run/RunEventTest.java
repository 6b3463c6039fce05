package org.egolens.model.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunEventTest {
    @Test
    void contractExamplesParse() {
        RunEvent.Step s = (RunEvent.Step) RunEvent.parse("{\"type\":\"step\",\"step\":12,\"epoch\":0,\"time_s\":3.41,"
                + "\"lr\":0.00024,\"loss\":0.311,\"terms\":{\"pos\":0.2,\"neg\":0.01,\"equal\":0.101}}");
        assertEquals(12, s.step());
        assertEquals(3.41, s.timeS());
        assertEquals(0.00024, s.lr());
        assertEquals(0.311, s.loss());
        assertEquals(Map.of("pos", 0.2, "neg", 0.01, "equal", 0.101), s.terms());

        RunEvent.Eval e = (RunEvent.Eval) RunEvent.parse("{\"type\":\"eval\",\"step\":50,\"epoch\":0,\"time_s\":20.1,"
                + "\"mAP\":{\"v2t\":0.31,\"t2v\":0.29,\"avg\":0.30},\"nDCG\":{\"v2t\":0.4,\"t2v\":0.39,\"avg\":0.395},"
                + "\"mirror_pair\":0.55}");
        assertEquals(new RetrievalScores(0.31, 0.29, 0.30), e.mAP());
        assertEquals(new RetrievalScores(0.4, 0.39, 0.395), e.nDCG());
        assertEquals(0.55, e.mirrorPair());

        RunEvent.Status st = (RunEvent.Status) RunEvent.parse(
                "{\"type\":\"status\",\"step\":80,\"time_s\":31.0,\"state\":\"stopped\",\"message\":\"stopped by user\"}");
        assertEquals(RunState.STOPPED, st.state());
        assertEquals("stopped by user", st.message());

        RunEvent.Nan n = (RunEvent.Nan) RunEvent.parse("{\"type\":\"nan\",\"step\":81,\"time_s\":31.5,\"term\":\"pos\","
                + "\"message\":\"loss term pos is NaN at step 81\"}");
        assertEquals(81, n.step());
        assertEquals("pos", n.term());
    }

    @Test
    void writtenLinesReadBack() {
        Map<String, Double> terms = new LinkedHashMap<>();
        terms.put("pos", 0.5);
        terms.put("neg", Double.NaN);
        RunEvent.Step s = new RunEvent.Step(3, 1, 2.5, 1e-4, 0.75, terms);
        String line = RunEvent.toJson(s);
        assertTrue(line.startsWith("{\"type\":\"step\",\"step\":3,"), line);
        assertTrue(line.contains("\"time_s\":2.5"), line);
        RunEvent.Step back = (RunEvent.Step) RunEvent.parse(line);
        assertEquals(s.step(), back.step());
        assertEquals(s.loss(), back.loss());
        assertTrue(Double.isNaN(back.terms().get("neg")));
        assertEquals(0.5, back.terms().get("pos"));
        assertTrue(Double.isNaN(back.gradNorm()), "no gradient norm given");
        RunEvent.Step withNorm = new RunEvent.Step(4, 1, 2.6, 1e-4, 0.7, terms, 0.42);
        assertTrue(RunEvent.toJson(withNorm).contains("\"grad_norm\":0.42"), RunEvent.toJson(withNorm));
        assertEquals(0.42, ((RunEvent.Step) RunEvent.parse(RunEvent.toJson(withNorm))).gradNorm());

        RunEvent.Eval e = new RunEvent.Eval(50, 0, 20.0, new RetrievalScores(0.1, 0.2, 0.15),
                new RetrievalScores(0.3, 0.4, 0.35), 0.6);
        assertEquals(e, RunEvent.parse(RunEvent.toJson(e)));
        RunEvent.Status st = new RunEvent.Status(80, 31.0, RunState.FAILED, "NaN");
        assertEquals(st, RunEvent.parse(RunEvent.toJson(st)));
        assertTrue(RunEvent.toJson(st).contains("\"state\":\"failed\""));
    }

    @Test
    void badEventsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunEvent.parse("{\"type\":\"status\",\"step\":1,\"state\":\"paused\"}"));
        assertTrue(e.getMessage().contains("paused") && e.getMessage().contains("running"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RunEvent.parse("{\"type\":\"step\",\"step\":\"twelve\",\"loss\":1}"));
        assertTrue(e.getMessage().startsWith("bad 'step' event"), e.getMessage());
    }
}
