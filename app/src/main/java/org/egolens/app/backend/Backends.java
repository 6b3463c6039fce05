package org.egolens.app.backend;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the {@link Backend} on the class path ({@code META-INF/services/org.egolens.app.backend.Backend}). When several
 * are present, the system property {@code egolens.backend} (a class name) chooses one.
 */
public final class Backends {
    /** System property naming the backend class to use when several are installed. */
    public static final String PROPERTY = "egolens.backend";

    private Backends() {}

    /**
     * The installed backend.
     *
     * @throws IllegalStateException if none is installed, or several and {@code egolens.backend} does not pick one
     */
    public static Backend load() {
        List<Backend> all = ServiceLoader.load(Backend.class).stream().map(ServiceLoader.Provider::get).toList();
        String wanted = System.getProperty(PROPERTY);
        if (wanted != null && !wanted.isBlank()) {
            return all.stream().filter(b -> b.getClass().getName().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("backend " + wanted + " (property " + PROPERTY
                            + ") is not installed; found: " + names(all)));
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no model backend is installed: the class path has no implementation of "
                    + Backend.class.getName() + " (META-INF/services)");
        }
        if (all.size() > 1) {
            throw new IllegalStateException("several model backends are installed (" + names(all) + "); choose one with -D"
                    + PROPERTY + "=<class>");
        }
        return all.get(0);
    }

    private static String names(List<Backend> all) {
        return all.isEmpty() ? "none" : all.stream().map(b -> b.getClass().getName()).collect(Collectors.joining(", "));
    }
}
