/**
 * The Train tab: a form over the training run contract's config ({@link org.egolens.app.ui.train.TrainConfigForm},
 * ControlsFX property sheet), trainer processes launched as child JVMs ({@link org.egolens.app.ui.train.TrainingLauncher},
 * Start / Stop by SIGTERM / Resume), the runs list read from {@code runs/*}{@code /status.json}, and live JFreeChart
 * charts fed by following each shown run's {@code metrics.jsonl}, with several runs overlaid for comparison.
 */
package org.egolens.app.ui.train;
