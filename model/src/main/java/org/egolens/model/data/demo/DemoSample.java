package org.egolens.model.data.demo;

import java.util.List;
import org.egolens.model.data.FrameBatch;

/**
 * One in-memory training clip from {@link DemoClipStream}.
 *
 * @param epoch  epoch it was drawn for
 * @param index  index inside the epoch
 * @param spec   the scene (label, objects, hands, camera)
 * @param pixels {@code (3, T, H, W)} float values in C order, RGB, either CLIP-normalised or raw 0…255
 * @param frames T, frames sampled from the clip
 * @param size   H = W, pixels
 * @param boxes  boxes of hands and objects, one entry per sampled frame
 */
public record DemoSample(long epoch, long index, ClipSpec spec, float[] pixels, int frames, int size,
        List<FrameBoxes> boxes) {
    /** @throws IllegalArgumentException if the pixel count does not match (3, T, H, W) */
    public DemoSample {
        if (pixels.length != 3 * frames * size * size || boxes.size() != frames) {
            throw new IllegalArgumentException("sample pixels " + pixels.length + " / boxes " + boxes.size()
                    + " do not match (3, " + frames + ", " + size + ", " + size + ")");
        }
        boxes = List.copyOf(boxes);
    }

    /** Verb form and nouns. */
    public ClipLabel label() {
        return spec.label();
    }

    /** The narration, e.g. {@code "put cup on plate"}. */
    public String narration() {
        return spec.label().narration();
    }

    /** EK-100 {@code verb_class}. */
    public int verbClass() {
        return spec.label().verbClass();
    }

    /** EK-100 {@code noun_class} (main noun). */
    public int nounClass() {
        return spec.label().nounClass();
    }

    /** EK-100 {@code all_noun_classes}. */
    public int[] allNounClasses() {
        return spec.label().allNounClasses();
    }

    /** The pixels as a batch of one clip, {@code (1, 3, T, H, W)}. */
    public FrameBatch frameBatch() {
        return new FrameBatch(pixels, 1, 3, frames, size, size);
    }
}
