package org.egolens.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Device requests and the refusal to pretend: this machine's PyTorch natives are the CPU build, so the engine sees no GPU
 * and a GPU request must fail with a message naming what was asked, what the engine has and how to get CUDA natives.
 */
class DeviceSelectionTest {
    @AfterEach
    void clear() {
        System.clearProperty(DeviceRequest.PROPERTY);
    }

    @Test
    void parsesTheAcceptedForms() {
        assertEquals(new DeviceRequest(DeviceRequest.Kind.AUTO, 0), DeviceRequest.parse("auto"));
        assertEquals(new DeviceRequest(DeviceRequest.Kind.CPU, 0), DeviceRequest.parse(" CPU "));
        assertEquals(new DeviceRequest(DeviceRequest.Kind.GPU, 0), DeviceRequest.parse("gpu"));
        assertEquals(new DeviceRequest(DeviceRequest.Kind.GPU, 3), DeviceRequest.parse("cuda:3"));
        assertEquals("gpu:3", DeviceRequest.parse("gpu:3").toString());
        for (String bad : new String[] {"", "tpu", "gpu:", "gpu:-1", "gpu:x", "cpu:0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceRequest.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void resolvesAgainstTheGpuCount() {
        assertEquals(Device.cpu(), DeviceResolver.resolve(DeviceRequest.auto(), 0, "n"));
        assertEquals(Device.gpu(0), DeviceResolver.resolve(DeviceRequest.auto(), 2, "n"));
        assertEquals(Device.cpu(), DeviceResolver.resolve(DeviceRequest.parse("cpu"), 2, "n"));
        assertEquals(Device.gpu(1), DeviceResolver.resolve(DeviceRequest.parse("gpu:1"), 2, "n"));
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class,
                () -> DeviceResolver.resolve(DeviceRequest.parse("gpu:2"), 2, "libtorch X"));
        assertTrue(e.getMessage().contains("gpu:2") && e.getMessage().contains("sees 2 GPUs")
                && e.getMessage().contains("libtorch X") && e.getMessage().contains("-Pcuda"), e.getMessage());
    }

    @Test
    void verifyRefusesATensorOnAnotherDevice() {
        DeviceResolver.verify(Device.cpu(), Device.cpu());
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class,
                () -> DeviceResolver.verify(Device.gpu(0), Device.cpu()));
        assertTrue(e.getMessage().contains("gpu(0)") && e.getMessage().contains("cpu()"), e.getMessage());
    }

    @Test
    void theCpuNativesRunOnTheCpuAndRefuseAGpu() {
        assertEquals(0, NativeEngine.pytorch().getGpuCount(), "this test assumes the CPU natives");
        assertTrue(NativeEngine.natives().contains("cpu"), NativeEngine.natives());
        try (NDManager m = NativeEngine.newManager()) {
            assertEquals(Device.cpu(), m.zeros(new Shape(2)).getDevice());
        }
        System.setProperty(DeviceRequest.PROPERTY, "gpu");
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, NativeEngine::newManager);
        assertTrue(e.getMessage().contains("sees 0 GPUs") && e.getMessage().contains("does not fall back"),
                e.getMessage());
        assertThrows(DeviceUnavailableException.class, () -> ModelFactory.open("tiny"));
    }
}
