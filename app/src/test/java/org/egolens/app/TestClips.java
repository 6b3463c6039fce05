package org.egolens.app;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.egolens.model.retrieval.fakes.FakeVideos;

/** A folder of fake videos with colour names, as a user's clip folder. */
public final class TestClips {
    /** Clip name → colour. Two red clips, so "red" has two relevant clips. */
    public static final Map<String, Color> CLIPS = new LinkedHashMap<>();

    static {
        CLIPS.put("P01_cutting_red_pepper", new Color(205, 45, 40));
        CLIPS.put("P01_green_salad_bowl", new Color(60, 170, 70));
        CLIPS.put("P02_blue_cup_rinse", new Color(50, 80, 210));
        CLIPS.put("P02_yellow_lemon_slice", new Color(225, 205, 45));
        CLIPS.put("P03_orange_carrot_peel", new Color(235, 135, 35));
        CLIPS.put("P03_red_tomato_wash", new Color(190, 35, 55));
        CLIPS.put("P04_purple_onion_chop", new Color(130, 55, 170));
        CLIPS.put("P04_cyan_sponge_wipe", new Color(45, 190, 200));
        CLIPS.put("P05_grey_pan_stir", new Color(120, 120, 125));
        CLIPS.put("P05_brown_bread_cut", new Color(140, 95, 55));
    }

    private TestClips() {}

    /** Writes the clips (10 fps, 30–48 frames, 160×90) into {@code dir}; returns it. */
    public static Path write(Path dir) throws IOException {
        int i = 0;
        for (var e : CLIPS.entrySet()) {
            FakeVideos.write(dir.resolve(e.getKey() + ".mp4"), 10, 30 + 2 * i++, 160, 90, e.getValue());
        }
        return dir;
    }
}
