package org.egolens.model.eval.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.SamplingPlan;
import org.egolens.model.data.VideoInfo;
import org.egolens.model.data.VideoSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which windows of an evaluation overhang the end of their video, so that the decoder clamped them to its last frame:
 * the window's {@link SamplingPlan} (the AVION rule the decoder applies, over the probed frame rate and decodable frame
 * count) says {@link SamplingPlan#clamped() clamped}. Computed from the windows and the videos rather than from the
 * decode, so clips reused from an index count the same as clips embedded now.
 */
final class ClampedWindows {
    private static final Logger LOG = LoggerFactory.getLogger(ClampedWindows.class);

    private ClampedWindows() {}

    /**
     * The clip ids, in input order, of the windows in {@code embedded} whose plan is clamped. Open-ended windows are
     * never clamped. Each video is probed once; a video that cannot be probed any more (a clip reused from an index
     * after its file went away) is logged and its windows are not counted.
     *
     * @param frames T, frames per clip (the plan's indices depend on it; whether it is clamped does not)
     */
    static List<String> find(VideoSource source, List<ClipWindow> windows, Set<String> embedded, int frames) {
        Map<Path, VideoInfo> infos = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (ClipWindow w : windows) {
            if (w.isOpenEnded() || !embedded.contains(w.clipId())) {
                continue;
            }
            if (!infos.containsKey(w.video())) {
                infos.put(w.video(), probe(source, w.video())); // null when it cannot be probed: asked once
            }
            VideoInfo info = infos.get(w.video());
            if (info == null) {
                continue;
            }
            try {
                if (SamplingPlan.avion(w, info.fps(), info.frameCount(), frames, null).clamped()) {
                    out.add(w.clipId());
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("clip {} was embedded but its window no longer fits {}: {}", w.clipId(), w.video(),
                        e.getMessage());
            }
        }
        return out;
    }

    private static VideoInfo probe(VideoSource source, Path video) {
        try {
            return source.probe(video);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot probe {} to check for clamped windows: {}", video, e.getMessage());
            return null;
        }
    }
}
