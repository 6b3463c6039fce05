package org.egolens.app.backend;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Chooses the {@link Backend}: the real {@link DjlBackend} by default; the system property {@code egolens.backend} (a
 * class name with a public no-argument constructor) replaces it, e.g. with a test fake.
 */
public final class Backends {
    /** System property naming the backend class to use instead of {@link DjlBackend}. */
    public static final String PROPERTY = "egolens.backend";

    private Backends() {}

    /**
     * The backend to use.
     *
     * @throws IllegalStateException if {@code egolens.backend} names a class that cannot be loaded as a backend
     */
    public static Backend load() {
        String wanted = System.getProperty(PROPERTY);
        if (wanted == null || wanted.isBlank()) {
            return new DjlBackend();
        }
        try {
            Class<?> c = Class.forName(wanted);
            if (!Backend.class.isAssignableFrom(c)) {
                throw new IllegalStateException(wanted + " (property " + PROPERTY + ") is not a " + Backend.class.getName());
            }
            return (Backend) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("backend " + wanted + " (property " + PROPERTY + ") cannot be created: " + e, e);
        }
    }
}
