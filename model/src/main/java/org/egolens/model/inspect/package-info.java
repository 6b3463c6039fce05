/**
 * Looking inside the EVA02-AT video tower: where it attends in space and time, and what its rotary position embeddings
 * do.
 *
 * <ul>
 *   <li>Attention: an {@link org.egolens.model.inspect.AttentionProbe} (usually a
 *       {@link org.egolens.model.inspect.ModelAttentionProbe} over an {@link org.egolens.model.nn.Eva02AtClipModel})
 *       captures the attention probabilities of a clip; {@link org.egolens.model.inspect.AttentionMaps} turns them into
 *       per-patch maps for a layer, a head (or the head mean, or {@link org.egolens.model.inspect.AttentionRollout
 *       rollout}) and a query token ({@link org.egolens.model.inspect.QueryToken}: CLS or a patch (t, h, w)).</li>
 *   <li>{@link org.egolens.model.inspect.AttentionInBoxes} measures how much of a map lies on the demo generator's
 *       hand and object boxes, against the share of the frame those patches cover.</li>
 *   <li>{@link org.egolens.model.inspect.RopeAnalysis}: rotation frequencies per channel pair and the expected q·k
 *       similarity against relative offset for each {@link org.egolens.model.nn.RopeMode} (paper §III-B, Fig. 3).</li>
 * </ul>
 * Everything here is plain Java on arrays except the probe, which runs the model.
 */
package org.egolens.model.inspect;
