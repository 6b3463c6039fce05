package org.egolens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.egolens.app.FakeBackend;
import org.junit.jupiter.api.Test;

/** Loads the real DJL engine (PyTorch CPU natives from the DJL cache), so it reports what this machine runs on. */
class InfoCommandTest {
    @Test
    void reportsVersionsEngineDeviceThreadsAndCache() {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = EgoLensCommand.execute(FakeBackend::new, new PrintWriter(o), new PrintWriter(e), "info");
        String out = o.toString();
        assertEquals(0, code, out + e);
        assertTrue(out.contains("EgoLens:          0."), out);
        assertTrue(out.contains("Java:             " + System.getProperty("java.version")), out);
        assertTrue(out.contains("DJL:              0.36.0"), out);
        assertTrue(out.contains("Engine:           PyTorch 2.7.1"), out);
        assertTrue(out.contains("Device:           cpu()"), out);
        // surefire sets OMP_NUM_THREADS=2 for the forked JVM; PyTorch's intra-op pool follows it
        assertTrue(out.matches("(?s).*Intra-op threads: \\d+.*"), out);
        assertTrue(out.contains("DJL cache:"), out);
    }
}
