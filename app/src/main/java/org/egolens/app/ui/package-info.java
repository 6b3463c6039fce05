/**
 * The main window: {@link org.egolens.app.ui.MainViewModel} (state and commands, starts tasks) and the views that bind to
 * it ({@link org.egolens.app.ui.MainWindow}, welcome view, workspace panel); dialogs go through {@link
 * org.egolens.app.ui.DialogService}.
 */
package org.egolens.app.ui;
