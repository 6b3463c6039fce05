/**
 * Reusable views of evaluation results: {@link org.egolens.viewer.eval.MetricsTable} (one run, or runs side by side),
 * {@link org.egolens.viewer.eval.QueryTable} (per-query AP and nDCG, sortable),
 * {@link org.egolens.viewer.eval.RelevancyInspector} (a query's ranked candidates with their relevancy as colour and
 * value) and {@link org.egolens.viewer.eval.ApHistogram} (JFreeChart histogram of per-query AP).
 */
package org.egolens.viewer.eval;
