package org.egolens.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** torchvision Resize(size) + CenterCrop(size) geometry, values worked out by hand. */
class ResizeCropTest {
    @Test
    void landscapeFrames() {
        // 640x360: long side 224·640/360 = 398.2 -> 398; crop x = (398 - 224)/2 = 87
        assertEquals(new ResizeCrop(398, 224, 87, 0, 224), ResizeCrop.of(640, 360, 224));
        // 480x360: 298.67 -> 298; x = 37
        assertEquals(new ResizeCrop(298, 224, 37, 0, 224), ResizeCrop.of(480, 360, 224));
        // 1920x1080 like 640x360
        assertEquals(new ResizeCrop(398, 224, 87, 0, 224), ResizeCrop.of(1920, 1080, 224));
    }

    @Test
    void portraitAndSquareFrames() {
        assertEquals(new ResizeCrop(224, 398, 0, 87, 224), ResizeCrop.of(360, 640, 224));
        assertEquals(new ResizeCrop(224, 224, 0, 0, 224), ResizeCrop.of(500, 500, 224));
    }

    @Test
    void cropOffsetRoundsHalfToEvenLikePython() {
        // 5x2 -> size 2: 5 wide, (5-2)/2 = 1.5 -> 2; 7x2: (7-2)/2 = 2.5 -> 2
        assertEquals(2, ResizeCrop.of(5, 2, 2).cropX());
        assertEquals(2, ResizeCrop.of(7, 2, 2).cropX());
    }

    @Test
    void upscalingIsDetectedAndBadSizesRefused() {
        assertTrue(ResizeCrop.of(160, 96, 224).upscales(160, 96));
        assertFalse(ResizeCrop.of(640, 360, 224).upscales(640, 360));
        assertThrows(IllegalArgumentException.class, () -> ResizeCrop.of(0, 10, 224));
        assertThrows(IllegalArgumentException.class, () -> ResizeCrop.of(10, 10, 0));
    }
}
