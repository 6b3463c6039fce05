package org.egolens.model.data;

import java.nio.file.Path;

/**
 * What a video container says about its video stream, checked against decodable frames where it matters.
 *
 * @param path        the file
 * @param durationSec duration of the video stream, seconds
 * @param fps         average frame rate, frames per second
 * @param width       frame width, pixels
 * @param height      frame height, pixels
 * @param frameCount  number of frames (estimated from duration·fps when the container has no count)
 */
public record VideoInfo(Path path, double durationSec, double fps, int width, int height, long frameCount) {}
