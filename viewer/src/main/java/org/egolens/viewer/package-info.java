/**
 * Reusable JavaFX views for clips: {@link org.egolens.viewer.ClipGrid} (thumbnails, narrations), filtered by
 * {@link org.egolens.viewer.ClipFilterBar} ({@link org.egolens.viewer.ClipFilter}: text, verb, noun),
 * {@link org.egolens.viewer.ClipPlayer}
 * (frame-accurate player), {@link org.egolens.viewer.SearchResultsView} (ranked hits) and
 * {@link org.egolens.viewer.StatusBar} (progress and cancel).
 *
 * <p>Views only build controls and bind properties: they open no files, show no dialogs, hold no global state and start
 * no jobs. Images come through {@link org.egolens.viewer.ThumbnailProvider} and {@link org.egolens.viewer.FrameProvider},
 * which the application implements off the FX thread; results are applied on the FX thread. Depends on JavaFX, ControlsFX
 * and {@code model} types (read-only).
 */
package org.egolens.viewer;
