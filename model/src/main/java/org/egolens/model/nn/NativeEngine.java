package org.egolens.model.nn;

import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL's PyTorch engine once per JVM. The intra-op and inter-op thread counts are read by the engine only when it
 * starts, so they are fixed here, before the first use: {@code -Dai.djl.pytorch.num_threads} (default: the number of
 * processors) and {@code -Dai.djl.pytorch.num_interop_threads} (default 1) win if set.
 */
public final class NativeEngine {
    private static final Logger LOG = LoggerFactory.getLogger(NativeEngine.class);
    private static volatile Engine engine;

    private NativeEngine() {}

    /** The PyTorch engine, started on the first call with the thread settings above. */
    public static Engine pytorch() {
        Engine e = engine;
        if (e == null) {
            synchronized (NativeEngine.class) {
                e = engine;
                if (e == null) {
                    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
                        System.setProperty("ai.djl.pytorch.num_threads",
                                String.valueOf(Runtime.getRuntime().availableProcessors()));
                    }
                    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
                        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
                    }
                    e = Engine.getEngine("PyTorch");
                    LOG.info("DJL {} engine {} started, {} intra-op threads", e.getEngineName(), e.getVersion(),
                            System.getProperty("ai.djl.pytorch.num_threads"));
                    engine = e;
                }
            }
        }
        return e;
    }
}
