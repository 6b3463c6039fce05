/**
 * Safe, Python-free reading of PyTorch checkpoints.
 *
 * <p>{@link org.egolens.model.io.torch.TorchZipReader} reads {@code torch.save} zip archives (torch &gt;= 1.6):
 * {@code <archive>/data.pkl} is unpickled by a restricted unpickler that only accepts the globals a state dict needs
 * (see {@code PickleGlobals}); every other global, e.g. {@code posix.system}, fails with a
 * {@link org.egolens.model.io.torch.ForbiddenGlobalException} naming it, before anything is built. Storages
 * ({@code <archive>/data/<key>}) are decoded to Java arrays honouring dtype, byte order, sizes, strides and offsets.
 * {@link org.egolens.model.io.torch.StateDicts} finds the state dict inside training containers and strips the DDP
 * {@code module.} prefix; {@link org.egolens.model.io.torch.CheckpointSniffer} tells TorchScript, legacy torch,
 * safetensors, DJL .params and NumPy files apart and explains what to do with each;
 * {@link org.egolens.model.io.torch.TorchZipWriter} writes archives {@code torch.load} can read.
 */
package org.egolens.model.io.torch;
