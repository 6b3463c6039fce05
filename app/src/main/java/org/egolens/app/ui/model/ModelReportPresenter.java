package org.egolens.app.ui.model;

import org.egolens.model.checkpoint.CheckpointLoader;

/** Shows a model's load report (a dialog in the application, a recorder in tests). */
@FunctionalInterface
public interface ModelReportPresenter {
    /**
     * Shows the report of {@code check}.
     *
     * @param use called when the user chooses to use the model; null when it cannot be used (refused)
     */
    void show(CheckpointLoader.ModelCheck check, Runnable use);
}
