package org.egolens.model.nn;

import ai.djl.Device;

/**
 * Maps a {@link DeviceRequest} onto a DJL {@link Device}, refusing what the engine cannot honour (never a silent CPU
 * fallback when a GPU was asked for).
 */
public final class DeviceResolver {
    /** How to get CUDA natives; quoted in refusals (README, "GPU"). */
    static final String HOW_TO_GET_CUDA = "build with 'mvn -Pcuda' (CUDA 12.4 natives from Maven Central, offline) or"
            + " 'mvn -Pgpu-download' and run once online with -Dai.djl.offline=false (DJL downloads CUDA natives"
            + " matching the driver)";

    private DeviceResolver() {}

    /**
     * The device for a request, given what the engine reports.
     *
     * @param request   what the user asked for
     * @param gpuCount  GPUs the engine sees ({@code Engine.getGpuCount()})
     * @param natives   description of the loaded natives for the message (e.g. the libtorch folder name)
     * @return {@code cpu()} for CPU, {@code gpu(i)} for GPU i; for AUTO {@code gpu(0)} if a GPU is visible, else
     *         {@code cpu()}
     * @throws DeviceUnavailableException if a GPU (or GPU i) was asked for and the engine sees fewer
     */
    public static Device resolve(DeviceRequest request, int gpuCount, String natives) {
        switch (request.kind()) {
            case CPU:
                return Device.cpu();
            case AUTO:
                return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
            case GPU:
                if (request.index() < gpuCount) {
                    return Device.gpu(request.index());
                }
                throw new DeviceUnavailableException("device " + request + " was asked for, but the PyTorch engine ("
                        + natives + ") sees " + gpuCount + (gpuCount == 1 ? " GPU" : " GPUs")
                        + "; EgoLens does not fall back to the CPU. Use --device cpu, or " + HOW_TO_GET_CUDA + ".");
            default:
                throw new AssertionError(request.kind());
        }
    }

    /**
     * Checks that a tensor created for {@code expected} really lives there.
     *
     * @param expected the resolved device
     * @param actual   the device a probe tensor reports
     * @throws DeviceUnavailableException if they differ
     */
    public static void verify(Device expected, Device actual) {
        if (!expected.equals(actual)) {
            throw new DeviceUnavailableException("a tensor created on " + expected + " landed on " + actual
                    + "; refusing to run on a device that was not asked for");
        }
    }
}
