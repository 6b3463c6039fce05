package org.egolens.model.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL's PyTorch engine once per JVM. The intra-op and inter-op thread counts are read by the engine only when it
 * starts, so they are fixed here, before the first use: {@code -Dai.djl.pytorch.num_threads} (default: the number of
 * processors) and {@code -Dai.djl.pytorch.num_interop_threads} (default 1) win if set.
 *
 * <p>Every model manager comes from {@link #newManager()}, which places tensors on the device the user asked for
 * ({@link DeviceRequest#current()}) and refuses, with {@link DeviceUnavailableException}, a GPU the engine cannot see.
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
                    LOG.debug("DJL {} engine {} started, {} intra-op threads", e.getEngineName(), e.getVersion(),
                            System.getProperty("ai.djl.pytorch.num_threads"));
                    engine = e;
                }
            }
        }
        return e;
    }

    /**
     * The device of this process' request, resolved against the engine (starting it if needed).
     *
     * @throws DeviceUnavailableException if a GPU was asked for and the engine sees none (or too few)
     * @throws IllegalArgumentException   if the request text is malformed
     */
    public static Device device() {
        Engine e = pytorch();
        return DeviceResolver.resolve(DeviceRequest.current(), e.getGpuCount(), natives());
    }

    /**
     * A base manager on {@link #device()}, checked with a probe tensor: the caller owns and closes it.
     *
     * @throws DeviceUnavailableException if the device cannot be honoured
     */
    public static NDManager newManager() {
        Device d = device();
        NDManager m = pytorch().newBaseManager(d);
        try (NDManager probe = m.newSubManager()) {
            DeviceResolver.verify(d, probe.zeros(new Shape(1)).getDevice());
        } catch (RuntimeException ex) {
            m.close();
            throw ex;
        }
        return m;
    }

    /**
     * The loaded PyTorch natives, e.g. {@code libtorch 2.7.1 (2.7.1-cpu-linux-x86_64)}: version and the folder name,
     * which carries the flavor (cpu, cu124, ...).
     */
    public static String natives() {
        Engine e = pytorch();
        String dir;
        try {
            dir = java.nio.file.Path.of(ai.djl.pytorch.jni.LibUtils.getLibtorchPath()).getFileName().toString();
        } catch (RuntimeException | LinkageError ex) {
            dir = "unknown folder";
        }
        return "libtorch " + e.getVersion() + " (" + dir + ")";
    }
}
