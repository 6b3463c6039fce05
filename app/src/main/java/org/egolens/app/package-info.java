/**
 * The EgoLens application: {@link org.egolens.app.Launcher} (entry point: GUI without arguments, CLI otherwise),
 * {@link org.egolens.app.EgoLensApp} (JavaFX application) and runtime information. Sub-packages: {@code backend} (the seam
 * to the concrete model-side implementations), {@code cli} (picocli commands), {@code task} (background tasks),
 * {@code settings}, {@code workspace} (workspace logic), {@code media} (thumbnails and frames), {@code ui} (main window
 * and view model). Depends on {@code model} and {@code viewer}; holds no ML math.
 */
package org.egolens.app;
