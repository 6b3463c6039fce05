/**
 * File formats of the ML core: NumPy {@code .npy} ({@link org.egolens.model.io.Npy}) and {@code .safetensors}
 * ({@link org.egolens.model.io.SafetensorsFile} for lazy, validated reading with F16/BF16 widened to float32 in Java;
 * {@link org.egolens.model.io.Safetensors} for whole-file reads and atomic float32 writes).
 */
package org.egolens.model.io;
