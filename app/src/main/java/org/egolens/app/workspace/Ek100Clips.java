package org.egolens.app.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.egolens.model.data.ek100.Ek100FormatException;
import org.egolens.model.eval.run.VideoLocator;

/**
 * The clips of an EPIC-KITCHENS-100 annotation CSV (e.g. {@code EPIC_100_retrieval_test.csv}): one clip per row, id
 * {@code narration_id}, window {@code [start_timestamp, stop_timestamp]}, video found under a video root.
 *
 * <p>The file is read with the official reader {@link Ek100Csv#readClips} (15 columns, docs §5.1). The video of a row is
 * found by {@link VideoLocator}: {@code <root>/<participant_id>/<video_id>.mp4}, {@code .MP4},
 * {@code <root>/<video_id>.mp4}, {@code .MP4}, else any file named {@code <video_id>.mp4} (any case) below the root;
 * when none exists the first candidate is used, so that the index build reports it as missing.
 */
public final class Ek100Clips {
    /**
     * A clip with its annotation row.
     *
     * @param clip       the window to decode
     * @param annotation the CSV row (narration, classes, line)
     */
    public record Row(ClipWindow clip, Ek100Clip annotation) {
        /** The row's narration. */
        public String narration() {
            return annotation.narration();
        }
    }

    private Ek100Clips() {}

    /** The clips of {@code csv} in file order. @throws IOException as {@link #readRows} */
    public static List<ClipWindow> read(Path csv, Path videoRoot) throws IOException {
        return readRows(csv, videoRoot).stream().map(Row::clip).toList();
    }

    /**
     * Reads every row.
     *
     * @throws IOException if the file cannot be read or is not an EK-100 clip file ({@link Ek100FormatException}
     *                     names the file, line and column), or a row's window is empty (names the file, line and clip)
     */
    public static List<Row> readRows(Path csv, Path videoRoot) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new IOException("annotation file not found: " + csv);
        }
        VideoLocator videos = new VideoLocator(videoRoot);
        List<Row> out = new ArrayList<>();
        for (Ek100Clip c : Ek100Csv.readClips(csv)) {
            if (!(c.stopSec() > c.startSec())) {
                throw new Ek100FormatException(csv, c.line(), "clip " + c.narrationId() + " has stop_timestamp "
                        + c.stopSec() + " s, not after start_timestamp " + c.startSec() + " s", null);
            }
            Path video = videos.find(c.participantId(), c.videoId());
            out.add(new Row(new ClipWindow(c.narrationId(), video, c.startSec(), c.stopSec()), c));
        }
        return out;
    }
}
