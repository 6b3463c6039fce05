/**
 * The EVA02-AT dual encoder on DJL's PyTorch engine (eva02-at-spec §1, §2, §7).
 *
 * <p>Entry points: {@link org.egolens.model.nn.ModelFactory} opens a preset or a model folder and returns an
 * {@link org.egolens.model.nn.Eva02AtClipModel} ({@link org.egolens.model.api.VideoTextModel}); configs are
 * {@link org.egolens.model.nn.ModelConfig} (EVA-CLIP {@code config.json} plus {@code num_frames}, {@code rope_mode});
 * {@link org.egolens.model.nn.Rope} holds the spatial-temporal RoPE as pure functions; checkpoints are matched strictly by
 * EVA-CLIP parameter names by {@link org.egolens.model.nn.WeightLoader}. The blocks mirror the PyTorch modules
 * ({@code visual.blocks.N.attn.q_proj}, {@code text.transformer.resblocks.N.attn.in_proj_weight}, ...), so
 * {@link org.egolens.model.nn.ParameterNames} yields exact state-dict keys.
 */
package org.egolens.model.nn;
