/**
 * EPIC-KITCHENS-100 annotation files: clip rows, MIR sentences, verb/noun classes (readers and writers), with the
 * official CSV conventions (Python list literals, {@code HH:MM:SS.ff} timestamps). See
 * {@code docs/evaluation-and-formats.md} §5.1.
 */
package org.egolens.model.data.ek100;
