package org.egolens.model.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the licensed test data that lives beside the project in {@code ../shared/data} and is never committed.
 *
 * <p>On a user's machine without the data, a test that needs it is skipped with a message naming the missing file. Under
 * {@code CI=true} a missing file is a failure, so CI cannot silently run fewer tests.
 */
public final class SharedData {
    private SharedData() {}

    /** The root folder: system property {@code egolens.shared.data}, else {@code ../shared/data} from the working dir. */
    public static Path root() {
        String prop = System.getProperty("egolens.shared.data");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path cand = p.resolve("../shared/data").normalize();
            if (Files.isDirectory(cand)) {
                return cand;
            }
        }
        return here.resolve("../shared/data").normalize();
    }

    /** True when running under CI ({@code CI=true}). */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Returns {@code root()/relative}; if it does not exist, skips the calling test (or fails it under CI).
     *
     * @param relative path below {@code shared/data}, e.g. {@code "clips"} or {@code "ek100/EPIC_100_verb_classes.csv"}
     */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            String msg = "test data missing: " + p + " (the licensed EgoLens test data in ../shared/data; see README)";
            if (isCi()) {
                fail(msg);
            }
            Assumptions.abort(msg);
        }
        return p;
    }
}
