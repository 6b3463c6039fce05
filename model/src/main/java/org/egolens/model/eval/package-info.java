/**
 * Evaluation protocols of the egocentric video-language benchmarks (docs/evaluation-and-formats.md §2 and §5):
 * EK-100 Multi-Instance Retrieval (relevancy matrix, graded mAP and nDCG, V→T / T→V), EgoMCQ accuracy,
 * Charades-Ego class mAP and EGTEA Gaze+ accuracies, with readers for their annotation files.
 */
package org.egolens.model.eval;
