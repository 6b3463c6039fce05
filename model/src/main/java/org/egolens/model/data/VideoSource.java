package org.egolens.model.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes video files: metadata, model input frames, and frames for display. Implementations are thread-safe
 * (each call opens and closes its own decoder).
 */
public interface VideoSource {
    /**
     * Reads stream metadata.
     *
     * @throws IOException if the file is missing, not a video, or corrupt (message names the file)
     */
    VideoInfo probe(Path video) throws IOException;

    /**
     * Samples {@code frames} frames from the window at the centres of equal segments (AVION rule, docs §6), optionally
     * jittered, resizes the short side to {@code size}, centre-crops {@code size × size} and normalises with the CLIP
     * mean/std.
     *
     * @return a batch with B = 1, layout {@code (1, 3, T, size, size)}
     * @throws IOException              if decoding fails (names the file)
     * @throws IllegalArgumentException if the window lies outside the video (names the clip and times)
     */
    FrameBatch sample(ClipWindow window, int frames, int size, java.util.Random jitter) throws IOException;

    /** The decoded frame shown at {@code timeSec} (the frame whose display interval contains it), RGB. */
    BufferedImage frameAt(Path video, double timeSec) throws IOException;

    /** Frame number {@code index} (0-based, presentation order), RGB. */
    BufferedImage frameByIndex(Path video, long index) throws IOException;

    /** A small preview image of the window (its middle frame), scaled so that its longer side is {@code maxSide}. */
    BufferedImage thumbnail(ClipWindow window, int maxSide) throws IOException;
}
