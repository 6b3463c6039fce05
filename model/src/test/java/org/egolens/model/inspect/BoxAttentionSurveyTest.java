package org.egolens.model.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Path;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.data.demo.ProgressListener;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.ParameterNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoxAttentionSurveyTest {
    @TempDir
    Path tmp;

    /**
     * With q and k projections zeroed every attention row is uniform, so the CLS rollout spreads evenly over the patches
     * and the measured mass on the boxes equals the boxes' share of patches — the baseline the measure compares against.
     */
    @Test
    void contentBlindAttentionPutsTheAreaShareOnTheBoxes() throws IOException {
        Path ws = tmp.resolve("demo");
        DemoDataset.generate(new DemoConfig(5, 2, 3, 0, 128, 15, 2.0, 4, 1, 18, 1), ws, ProgressListener.NONE);
        Eva02AtClipModel model = ModelFactory.open("tiny");
        for (var e : ParameterNames.of(model.block()).entrySet()) {
            if (e.getKey().startsWith("visual.") && (e.getKey().endsWith("q_proj.weight")
                    || e.getKey().endsWith("k_proj.weight"))) {
                NDArray a = e.getValue().getArray();
                a.set(new float[(int) a.size()]);
            }
        }
        try (ModelAttentionProbe probe = new ModelAttentionProbe(model)) {
            JavaCvVideoSource video = new JavaCvVideoSource();
            BoxAttentionSurvey.Summary action = new BoxAttentionSurvey(probe, video, AttentionInBoxes.Boxes.ACTION,
                    HeadSelection.ROLLOUT, QueryToken.CLS).run(ws, "test", 10);
            BoxAttentionSurvey.Summary all = new BoxAttentionSurvey(probe, video, AttentionInBoxes.Boxes.ALL,
                    HeadSelection.ROLLOUT, QueryToken.CLS).run(ws, "test", 2);
            assertEquals(3, action.clips());
            assertEquals(2, all.clips());
            for (BoxAttentionSurvey.ClipShare c : action.perClip()) {
                AttentionInBoxes.Share s = c.share();
                assertTrue(s.areaInside() > 0 && s.areaInside() < 1, c.narrationId() + " " + s);
                assertEquals(s.areaInside(), s.massInside(), 1e-5, c.narrationId());
                assertEquals(64, s.patches());
            }
            assertEquals(1.0, action.ratio(), 1e-4);
            for (int i = 0; i < 2; i++) {
                assertTrue(all.perClip().get(i).share().areaInside() >= action.perClip().get(i).share().areaInside(),
                        "every box covers at least the action boxes");
            }
        }
    }
}
