package org.egolens.app.ui;

import java.nio.file.Path;
import java.util.Optional;

/** All dialogs of the application go through here, so that view models and tests can replace them. */
public interface DialogService {
    /** Asks for a folder. */
    Optional<Path> chooseDirectory(String title);

    /**
     * Asks for a file.
     *
     * @param description filter name, e.g. "CSV files"
     * @param patterns    filter patterns, e.g. "*.csv"
     */
    Optional<Path> chooseFile(String title, String description, String... patterns);

    /** Shows an error. */
    void showError(String title, String message);
}
