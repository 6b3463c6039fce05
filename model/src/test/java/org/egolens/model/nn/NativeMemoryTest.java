package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import org.egolens.model.data.FrameBatch;
import org.junit.jupiter.api.Test;

/** Calls leave no native arrays behind in the model's manager (java-stack-notes §1d, pitfall 1). */
class NativeMemoryTest {
    @Test
    void repeatedCallsDoNotGrowTheModelManager() throws IOException {
        try (Eva02AtClipModel m = ModelFactory.open("tiny")) {
            FrameBatch clip = ModelFactoryTest.randomClips(2, 4, 1);
            FrameBatch image = ModelFactoryTest.randomClips(1, 1, 2);
            Runnable all = () -> {
                m.encodeVideos(clip);
                m.encodeImagesRaw(image);
                m.encodeTokenIds(ModelFactoryTest.IDS);
                m.visionTokens(clip, true, 1);
                m.textTokens(ModelFactoryTest.IDS, 2);
            };
            all.run(); // first calls build the cached RoPE tables
            int before = m.manager().getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                all.run();
            }
            assertEquals(before, m.manager().getManagedArrays().size());
        }
    }

    /** The raw block API used by training code: everything of a forward lands in the caller's manager. */
    @Test
    void blockForwardAttachesActivationsToTheInputsManager() throws IOException {
        try (Eva02AtClipModel m = ModelFactory.open("tiny")) {
            ParameterStore ps = new ParameterStore(m.manager(), false);
            Runnable step = () -> {
                try (NDManager sub = m.manager().newSubManager()) {
                    NDArray frames = sub.randomNormal(new Shape(1, 3, 4, 64, 64));
                    NDArray ids = sub.create(ModelFactoryTest.IDS[1], new Shape(1, 5));
                    NDList out = m.block().forward(ps, new NDList(frames, ids), false);
                    assertEquals(new Shape(1, 32), out.get(0).getShape());
                    assertEquals(new Shape(1, 32), out.get(1).getShape());
                    assertEquals(20f, out.get(2).getFloat(), 1e-4f);
                }
            };
            step.run();
            int before = m.manager().getManagedArrays().size();
            step.run();
            step.run();
            assertEquals(before, m.manager().getManagedArrays().size());
        }
    }
}
