/**
 * Model-driven evaluation, headless: {@link org.egolens.model.eval.run.EvalRunner} embeds the clips and texts a
 * benchmark needs with a {@link org.egolens.model.api.VideoTextModel} (reusing index files of the same model and T),
 * scores them with the metrics of {@link org.egolens.model.eval}, and writes {@code metrics.json}, per-query CSVs,
 * {@code similarity.npy} and {@code run.json}. {@link org.egolens.model.eval.run.EvalHistory} lists earlier runs and
 * {@link org.egolens.model.eval.run.MirEvaluation} gives the ranked lists of EK-100 MIR queries.
 */
package org.egolens.model.eval.run;
