/**
 * "File → Open model…": choose a model folder or a checkpoint file, check it against the model it would build
 * (layout, config, frame count, matched / missing / unexpected / mis-shaped tensors) without loading it, show the load
 * report, and switch the workbench to it when it fits.
 */
package org.egolens.app.ui.model;
