package org.egolens.app.settings;

import java.nio.file.Path;

/**
 * The user's EgoLens settings folder: system property {@code egolens.home} if set, else {@code ~/.egolens}. Tests set
 * the property (or pass a folder directly) so they never touch the real one.
 */
public final class EgoLensHome {
    /** System property overriding the settings folder. */
    public static final String PROPERTY = "egolens.home";

    private EgoLensHome() {}

    /** The settings folder (not created here). */
    public static Path resolve() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".egolens");
    }
}
