/**
 * Reading a training run folder as written by {@code egolens train} (the training run contract): the
 * {@code metrics.jsonl} event stream ({@link org.egolens.model.train.run.RunEvent}), followed incrementally while the
 * trainer appends to it ({@link org.egolens.model.train.run.MetricsFollower}) and folded with last-value-per-step
 * semantics ({@link org.egolens.model.train.run.RunHistory}); {@code status.json}, {@code run.json} and the resolved
 * config ({@link org.egolens.model.train.run.RunFolder}). Headless; used by the GUI's Train tab and the CLI.
 */
package org.egolens.model.train.run;
