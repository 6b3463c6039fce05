package org.egolens.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The EgoLens version, from {@code version.properties} (filled in by Maven at build time). */
public final class AppVersion {
    private static final String VERSION = load();

    private AppVersion() {}

    /** E.g. {@code 0.1.0-SNAPSHOT}; {@code "unknown"} when the resource is missing (running from unfiltered sources). */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = AppVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
