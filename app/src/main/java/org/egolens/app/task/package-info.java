/**
 * Background work in the JabRef style: {@link org.egolens.app.task.BackgroundTask} (body, progress, cancel, callbacks;
 * no JavaFX) run by a {@link org.egolens.app.task.TaskExecutor} — {@link org.egolens.app.task.FxTaskExecutor} in the
 * application (callbacks on the FX thread, progress throttled to 10 Hz), {@link
 * org.egolens.app.task.CurrentThreadTaskExecutor} in tests and the CLI.
 */
package org.egolens.app.task;
