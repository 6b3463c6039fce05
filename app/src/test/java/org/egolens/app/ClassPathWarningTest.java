package org.egolens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Only JavaFX's "loaded from the class path" warning is dropped at start; its other warnings still reach handlers. */
class ClassPathWarningTest {
    @Test
    void onlyTheUnsupportedConfigurationWarningIsDropped() {
        EgoLensApp.quietClassPathWarning();
        Logger javafx = Logger.getLogger("javafx");
        List<String> seen = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r.getMessage());
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        };
        javafx.addHandler(h);
        try {
            javafx.log(Level.WARNING, "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @1'");
            javafx.log(Level.WARNING, "some other JavaFX warning");
        } finally {
            javafx.removeHandler(h);
        }
        assertEquals(List.of("some other JavaFX warning"), seen);
    }
}
