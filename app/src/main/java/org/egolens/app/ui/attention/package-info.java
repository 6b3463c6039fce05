/**
 * The Attention and RoPE tabs of the main window: {@link org.egolens.app.ui.attention.AttentionTabs#install} adds them;
 * {@link org.egolens.app.ui.attention.AttentionController} computes the attention of the clip selected in Browse in the
 * background through the backend's {@link org.egolens.model.inspect.AttentionProbe}.
 */
package org.egolens.app.ui.attention;
