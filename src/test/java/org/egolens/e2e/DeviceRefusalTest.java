package org.egolens.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.egolens.model.io.Npy;
import org.egolens.model.nn.DeviceRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU issue, item 7(a), what can be tested without a GPU: the device EgoLens really uses is reported, and asking for a
 * GPU that the PyTorch natives cannot see (this build bundles the CPU natives) is a clear error, not a silent CPU run.
 */
class DeviceRefusalTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty(DeviceRequest.PROPERTY);
    }

    @Test
    void infoReportsTheDeviceAndTheRefusal() {
        Cli.Result auto = Cli.run("info");
        assertEquals(0, auto.exitCode(), auto.err());
        assertTrue(auto.out().contains("Device asked:     auto"), auto.out());
        assertTrue(auto.out().contains("Device:           cpu() (GPUs visible: 0)"), auto.out());
        assertTrue(auto.out().matches("(?s).*Natives:          libtorch 2\\.7\\.1 \\(2\\.7\\.1-[0-9-]*cpu-linux.*"), auto.out());

        Cli.Result gpu = Cli.run("--device", "gpu", "info");
        assertEquals(0, gpu.exitCode(), gpu.err());
        assertTrue(gpu.out().contains("Device asked:     gpu:0"), gpu.out());
        assertTrue(gpu.out().contains("Device:           refused: device gpu:0 was asked for"), gpu.out());
    }

    @Test
    void aModelCommandOnAnUnavailableGpuFailsAndWritesNothing() throws Exception {
        Path frames = tmp.resolve("frames.npy");
        Npy.writeFloats(frames, new float[3 * 4 * 64 * 64], 1, 3, 4, 64, 64);
        Path out = tmp.resolve("video.npy");
        Cli.Result r = Cli.run("--device", "gpu:0", "embed-video", "--model", "tiny", "--frames-npy", frames,
                "--out", out);
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("device gpu:0 was asked for, but the PyTorch engine")
                && r.err().contains("sees 0 GPUs") && r.err().contains("-Pcuda"), r.err());
        assertFalse(Files.exists(out), "no output may be written on a refused device");

        System.clearProperty(DeviceRequest.PROPERTY);
        Cli.Result cpu = Cli.run("--device", "cpu", "embed-video", "--model", "tiny", "--frames-npy", frames,
                "--out", out);
        assertEquals(0, cpu.exitCode(), cpu.err());
        assertEquals(2, Npy.read(out).shape().length);
    }

    @Test
    void aMalformedDeviceIsAUsageError() {
        Cli.Result r = Cli.run("--device", "tpu", "info");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("unknown device 'tpu'"), r.err());
    }
}
