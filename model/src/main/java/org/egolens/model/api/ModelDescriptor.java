package org.egolens.model.api;

/**
 * Identifies a loaded model so that embeddings made with it can be matched later (e.g. an index reopened with a model).
 *
 * @param modelId    preset name or model folder path
 * @param configHash SHA-256 (hex, first 16 chars) of the canonical config JSON
 * @param numFrames  T, frames per clip the video encoder expects
 * @param imageSize  H = W of the input frames, pixels
 * @param embedDim   dimension of the joint embedding space
 */
public record ModelDescriptor(String modelId, String configHash, int numFrames, int imageSize, int embedDim) {}
