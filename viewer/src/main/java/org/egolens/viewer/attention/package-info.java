/**
 * Views of the attention and RoPE inspection (model side: {@code org.egolens.model.inspect}).
 *
 * <ul>
 *   <li>{@link org.egolens.viewer.attention.AttentionView}: the T sampled frames of a clip in a row with the attention
 *       of a query token over all T·G² patches overlaid; layer, head (mean, rollout) and opacity controls; clicking a
 *       patch makes it the query.</li>
 *   <li>{@link org.egolens.viewer.attention.RopeView}: rotation frequencies per channel pair and the expected q·k
 *       similarity against relative offset for each RoPE variant, side by side.</li>
 *   <li>{@link org.egolens.viewer.attention.AttentionStripRenderer}: the frame strip with the overlay as a
 *       {@link java.awt.image.BufferedImage} (Java2D only; the command line uses it without JavaFX).</li>
 * </ul>
 */
package org.egolens.viewer.attention;
