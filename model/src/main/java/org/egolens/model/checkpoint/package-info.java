/**
 * From checkpoint files to EVA02-AT models and model folders.
 *
 * <ul>
 *   <li>{@link org.egolens.model.checkpoint.CheckpointFile} opens a {@code .safetensors} file or a {@code torch.save} zip
 *       (sniffed, never by extension; other kinds are refused with an explanation), unwraps training containers and
 *       exposes the tensors lazily;</li>
 *   <li>{@link org.egolens.model.checkpoint.KeyMapper} recognises the layout
 *       ({@link org.egolens.model.checkpoint.CheckpointLayout}: EVA-CLIP, open_clip/timm, AVION-style, and layouts that
 *       cannot be mapped, named as such) and renames keys to EVA-CLIP names;</li>
 *   <li>{@link org.egolens.model.checkpoint.ConfigInference} derives a config from tensor shapes when none is given;</li>
 *   <li>{@link org.egolens.model.checkpoint.CheckpointLoader} turns a file into a model (image → video: new temporal
 *       table, new heads when the embedding size changes; another T: temporal table interpolated);</li>
 *   <li>{@link org.egolens.model.checkpoint.ModelConverter} writes a model folder ({@code egolens convert}).</li>
 * </ul>
 */
package org.egolens.model.checkpoint;
