package org.egolens.model.nn;

import java.util.Locale;

/**
 * The compute device a user asked for: {@code auto} (the first GPU the engine sees, else the CPU), {@code cpu}, or a GPU
 * ({@code gpu}, {@code gpu:N}; {@code cuda}, {@code cuda:N} are accepted as synonyms). Set with {@code --device} on the
 * command line, the {@code egolens.device} system property or the {@code EGOLENS_DEVICE} environment variable.
 *
 * @param kind  what was asked for
 * @param index GPU ordinal for {@link Kind#GPU}, 0 otherwise
 */
public record DeviceRequest(Kind kind, int index) {
    /** System property that holds the request (wins over the environment variable). */
    public static final String PROPERTY = "egolens.device";
    /** Environment variable read when the property is not set. */
    public static final String ENV = "EGOLENS_DEVICE";

    /** What kind of device was asked for. */
    public enum Kind { AUTO, CPU, GPU }

    /** @throws IllegalArgumentException for a negative GPU index */
    public DeviceRequest {
        if (index < 0) {
            throw new IllegalArgumentException("GPU index must be >= 0, got " + index);
        }
    }

    /** {@code auto}. */
    public static DeviceRequest auto() {
        return new DeviceRequest(Kind.AUTO, 0);
    }

    /**
     * Parses {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}, {@code cuda}, {@code cuda:N} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static DeviceRequest parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        String name = t;
        int index = 0;
        int colon = t.indexOf(':');
        if (colon >= 0) {
            name = t.substring(0, colon);
            try {
                index = Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            if (index < 0 || !(name.equals("gpu") || name.equals("cuda"))) {
                throw bad(text);
            }
        }
        switch (name) {
            case "auto":
                return auto();
            case "cpu":
                return new DeviceRequest(Kind.CPU, 0);
            case "gpu":
            case "cuda":
                return new DeviceRequest(Kind.GPU, index);
            default:
                throw bad(text);
        }
    }

    /** The request of this process: {@value #PROPERTY}, else {@value #ENV}, else {@code auto}. */
    public static DeviceRequest current() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        return p == null || p.isBlank() ? auto() : parse(p);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("unknown device '" + text + "': use auto, cpu, gpu, gpu:N (or cuda, cuda:N)");
    }

    @Override
    public String toString() {
        return kind == Kind.GPU ? "gpu:" + index : kind.name().toLowerCase(Locale.ROOT);
    }
}
