package org.egolens.model.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.nn.NativeEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliability, case 4: the PyTorch engine as the GUI uses it. A {@code tiny} model is created on the test thread and
 * then called from a pool of worker threads, all at once from a cold start (no warm-up call, so the lazily built RoPE
 * tables are raced for) and one after the other; every output equals the single-threaded reference bit for bit, and
 * every worker thread sees the intra-op thread count that {@link NativeEngine} set once at engine start.
 */
@Tag("reliability")
class EngineThreadsTest {
    private static final Logger LOG = LoggerFactory.getLogger(EngineThreadsTest.class);
    private static final int WORKERS = 4;
    private static final int INPUTS = 6;
    private static final long[][] IDS = {{49406, 1688, 49407, 0, 0}, {49406, 320, 1125, 539, 49407}};

    private static FrameBatch clip(long seed) {
        Random r = new Random(seed);
        float[] v = new float[3 * 4 * 64 * 64];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new FrameBatch(v, 1, 3, 4, 64, 64);
    }

    /** One unit of GUI work: a clip embedding and the two text embeddings, concatenated. */
    private static float[] work(Eva02AtClipModel m, int input) {
        float[] v = m.encodeVideos(clip(100 + input))[0];
        float[][] t = m.encodeTokenIds(IDS);
        float[] out = new float[v.length + t[0].length + t[1].length];
        System.arraycopy(v, 0, out, 0, v.length);
        System.arraycopy(t[0], 0, out, v.length, t[0].length);
        System.arraycopy(t[1], 0, out, v.length + t[0].length, t[1].length);
        return out;
    }

    @Test
    void aModelMadeOnOneThreadGivesIdenticalOutputsOnAWorkerPool() throws Exception {
        Engine engine = NativeEngine.pytorch();
        int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads"));
        float[][] concurrent = new float[INPUTS * 2][];
        float[][] sequential = new float[INPUTS][];
        List<Integer> seenThreads = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try (Eva02AtClipModel m = ModelFactory.open("tiny")) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<float[]>> fs = new ArrayList<>();
            for (int k = 0; k < INPUTS * 2; k++) {
                int input = k % INPUTS;
                fs.add(pool.submit(() -> {
                    go.await();
                    assertSame(engine, NativeEngine.pytorch());
                    synchronized (seenThreads) {
                        seenThreads.add(JniUtils.getNumThreads());
                    }
                    return work(m, input);
                }));
            }
            go.countDown(); // all workers hit the cold model together
            for (int k = 0; k < fs.size(); k++) {
                concurrent[k] = fs.get(k).get(120, TimeUnit.SECONDS);
            }
            for (int i = 0; i < INPUTS; i++) {
                int input = i;
                sequential[i] = pool.submit(() -> work(m, input)).get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Eva02AtClipModel ref = ModelFactory.open("tiny")) {
            for (int i = 0; i < INPUTS; i++) {
                float[] expected = work(ref, i);
                assertArrayEquals(expected, concurrent[i], 0f, "concurrent call, input " + i);
                assertArrayEquals(expected, concurrent[i + INPUTS], 0f, "concurrent repeat, input " + i);
                assertArrayEquals(expected, sequential[i], 0f, "sequential worker call, input " + i);
            }
        }
        assertEquals(threads, JniUtils.getNumThreads(), "intra-op threads on the test thread");
        assertEquals(List.of(threads), seenThreads.stream().distinct().toList(), "intra-op threads on the workers");
        LOG.info("{} concurrent + {} sequential calls on {} workers: bitwise equal to single-threaded; intra-op threads"
                + " {} on every thread", INPUTS * 2, INPUTS, WORKERS, threads);
    }
}
