package org.egolens.model.data.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-frame boxes of one clip ({@code boxes/<narration_id>.json} in a demo workspace), to check where a model looks
 * against where the hands and objects are. Boxes are {@code [x0, y0, x1, y1]} in frame pixels, origin top-left, clipped
 * to the frame; {@code frame} is the 1-based frame number in the video (as {@code start_frame}/{@code stop_frame}).
 *
 * @param narrationId the clip
 * @param videoId     its video
 * @param frameSize   frame side, pixels
 * @param fps         video frame rate
 * @param startFrame  first frame of the clip, 1-based
 * @param stopFrame   last frame of the clip, 1-based inclusive
 * @param narration   the clip's narration
 * @param frames      one entry per frame of the clip, in order
 */
public record ClipBoxes(String narrationId, String videoId, int frameSize, double fps, int startFrame, int stopFrame,
        String narration, List<FrameEntry> frames) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * Boxes of one frame.
     *
     * @param frame   1-based frame number in the video
     * @param objects visible objects
     * @param hands   visible hands
     */
    public record FrameEntry(int frame, List<ObjectEntry> objects, List<HandEntry> hands) {}

    /**
     * One object's box.
     *
     * @param noun      noun key
     * @param nounClass noun class id
     * @param role      {@code acted}, {@code reference} or {@code distractor}
     * @param box       {@code [x0, y0, x1, y1]}, pixels
     */
    public record ObjectEntry(String noun, int nounClass, String role, double[] box) {}

    /**
     * One hand's box.
     *
     * @param side   {@code left} or {@code right}
     * @param acting true for the hand performing the narrated action
     * @param box    {@code [x0, y0, x1, y1]}, pixels
     */
    public record HandEntry(String side, boolean acting, double[] box) {}

    /** Builds the entry of one frame from the renderer's boxes. */
    public static FrameEntry entry(int frame, FrameBoxes boxes) {
        List<ObjectEntry> objects = new ArrayList<>();
        for (FrameBoxes.ObjectBox o : boxes.objects()) {
            objects.add(new ObjectEntry(o.noun().key(), o.noun().classId(), o.role().name().toLowerCase(
                    java.util.Locale.ROOT), array(o.box())));
        }
        List<HandEntry> hands = new ArrayList<>();
        for (FrameBoxes.HandBox h : boxes.hands()) {
            hands.add(new HandEntry(h.side().name().toLowerCase(java.util.Locale.ROOT), h.acting(), array(h.box())));
        }
        return new FrameEntry(frame, objects, hands);
    }

    private static double[] array(PixelBox b) {
        return new double[] {b.x0(), b.y0(), b.x1(), b.y1()};
    }

    /** Writes the boxes as JSON. */
    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    /**
     * Reads a boxes file.
     *
     * @throws IOException naming the file if it cannot be read or parsed
     */
    public static ClipBoxes read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), ClipBoxes.class);
        } catch (IOException e) {
            throw new IOException("cannot read clip boxes " + file + ": " + e.getMessage(), e);
        }
    }
}
