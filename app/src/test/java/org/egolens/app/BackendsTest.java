package org.egolens.app;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.egolens.app.backend.Backends;
import org.egolens.app.backend.DjlBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendsTest {
    @AfterEach
    void clear() {
        System.clearProperty(Backends.PROPERTY);
    }

    @Test
    void defaultIsTheDjlBackend() {
        assertInstanceOf(DjlBackend.class, Backends.load());
    }

    @Test
    void propertyReplacesTheBackendAndBadNamesAreReported() {
        System.setProperty(Backends.PROPERTY, FakeBackend.class.getName());
        assertInstanceOf(FakeBackend.class, Backends.load());
        System.setProperty(Backends.PROPERTY, "com.example.Missing");
        IllegalStateException e = assertThrows(IllegalStateException.class, Backends::load);
        assertTrue(e.getMessage().contains("com.example.Missing"), e.getMessage());
        System.setProperty(Backends.PROPERTY, String.class.getName());
        e = assertThrows(IllegalStateException.class, Backends::load);
        assertTrue(e.getMessage().contains("is not a"), e.getMessage());
    }
}
