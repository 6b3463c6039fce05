package org.egolens.app;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.Utils;
import java.nio.file.Path;
import org.egolens.model.nn.DeviceRequest;
import org.egolens.model.nn.DeviceUnavailableException;
import org.egolens.model.nn.NativeEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What EgoLens runs on: versions, the DJL engine and the device a tensor actually lands on, thread counts and cache
 * folders. Shown by {@code egolens info}.
 *
 * @param egolensVersion EgoLens version
 * @param java           Java version, vendor and home
 * @param os             OS name, version, arch
 * @param cpus           available processors
 * @param maxHeapBytes   maximum heap, bytes
 * @param djlVersion     DJL version
 * @param engine         engine name and version (e.g. {@code PyTorch 2.7.1}), or null when it failed to load
 * @param requestedDevice the device asked for ({@code --device}, {@code egolens.device}, {@code EGOLENS_DEVICE}), e.g.
 *                        {@code auto}
 * @param device         device a probe tensor of the model's manager lands on (e.g. {@code cpu()}), or null when the
 *                       request was refused
 * @param deviceError    why the requested device was refused ({@link DeviceUnavailableException}), or null
 * @param natives        the loaded PyTorch natives, version and flavor folder (e.g. {@code 2.7.1-cpu-linux-x86_64})
 * @param gpuCount       GPUs the engine sees
 * @param intraOpThreads intra-op threads of the engine, −1 if unknown
 * @param interOpThreads inter-op threads of the engine, −1 if unknown
 * @param djlCacheDir    DJL cache folder
 * @param engineCacheDir folder the engine's native libraries are unpacked to
 * @param engineError    why the engine could not be loaded, or null
 */
public record RuntimeInfo(String egolensVersion, String java, String os, int cpus, long maxHeapBytes, String djlVersion,
                          String engine, String requestedDevice, String device, String deviceError,
                          String natives, int gpuCount, int intraOpThreads, int interOpThreads,
                          Path djlCacheDir, Path engineCacheDir, String engineError) {

    /** Probes the running JVM and loads the default DJL engine (this unpacks its natives on first use). */
    public static RuntimeInfo collect() {
        String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        String engine = null;
        String requested = null;
        String device = null;
        String deviceError = null;
        String natives = null;
        int gpus = 0;
        int intra = -1;
        int inter = -1;
        String error = null;
        try {
            requested = DeviceRequest.current().toString();
        } catch (IllegalArgumentException ex) {
            deviceError = ex.getMessage();
        }
        try {
            Engine e = NativeEngine.pytorch();
            engine = e.getEngineName() + " " + e.getVersion();
            gpus = e.getGpuCount();
            natives = NativeEngine.natives();
            intra = ai.djl.pytorch.jni.JniUtils.getNumThreads();
            inter = ai.djl.pytorch.jni.JniUtils.getNumInteropThreads();
            if (requested != null) {
                try (NDManager m = NativeEngine.newManager(); NDManager probe = m.newSubManager()) {
                    NDArray a = probe.ones(new Shape(1));
                    Device d = a.getDevice();
                    device = d.toString();
                } catch (DeviceUnavailableException ex) {
                    deviceError = ex.getMessage();
                }
            }
        } catch (RuntimeException | UnsatisfiedLinkError ex) {
            error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        }
        return new RuntimeInfo(AppVersion.get(), java, os, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(), Engine.getDjlVersion(), engine, requested, device, deviceError, natives, gpus, intra, inter,
                Utils.getCacheDir(), Utils.getEngineCacheDir(), error);
    }

    /** Human-readable lines, {@code key: value}. */
    public List<String> lines() {
        List<String> l = new ArrayList<>();
        l.add("EgoLens:          " + egolensVersion);
        l.add("Java:             " + java);
        l.add("OS:               " + os + ", " + cpus + " CPUs, max heap "
                + String.format(Locale.ROOT, "%.1f GiB", maxHeapBytes / (1024.0 * 1024 * 1024)));
        l.add("DJL:              " + djlVersion);
        l.add("Engine:           " + (engine != null ? engine : "unavailable (" + engineError + ")"));
        l.add("Natives:          " + (natives != null ? natives : "none"));
        l.add("Device asked:     " + (requestedDevice != null ? requestedDevice : "invalid"));
        l.add("Device:           " + (device != null ? device
                : deviceError != null ? "refused: " + deviceError : "none") + " (GPUs visible: "
                + gpuCount + ")");
        l.add("Intra-op threads: " + (intraOpThreads >= 0 ? Integer.toString(intraOpThreads) : "unknown"));
        l.add("Inter-op threads: " + (interOpThreads >= 0 ? Integer.toString(interOpThreads) : "unknown"));
        l.add("DJL cache:        " + djlCacheDir);
        l.add("Engine cache:     " + engineCacheDir);
        return l;
    }
}
