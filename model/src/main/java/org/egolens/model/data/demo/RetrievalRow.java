package org.egolens.model.data.demo;

import java.util.List;
import java.util.Objects;

/**
 * One row of {@code EPIC_100_retrieval_{train,test}.csv}: a clip of a video with its narration and classes.
 *
 * @param narrationId   {@code <video_id>_<index>}, e.g. {@code P03_12_4}
 * @param participantId e.g. {@code P03}
 * @param videoId       e.g. {@code P03_12}
 * @param narrationSec  narration time, seconds from the video start (the clip's midpoint in the demo)
 * @param startSec      clip start, seconds
 * @param stopSec       clip end, seconds
 * @param startFrame    first frame of the clip, 1-based
 * @param stopFrame     last frame of the clip, 1-based, inclusive
 * @param label         verb form and nouns
 */
public record RetrievalRow(String narrationId, String participantId, String videoId, double narrationSec,
        double startSec, double stopSec, int startFrame, int stopFrame, ClipLabel label) {
    /** @throws IllegalArgumentException for an empty or reversed window */
    public RetrievalRow {
        Objects.requireNonNull(narrationId, "narrationId");
        Objects.requireNonNull(label, "label");
        if (!(stopSec > startSec) || stopFrame < startFrame || startFrame < 1) {
            throw new IllegalArgumentException("row " + narrationId + ": bad window [" + startSec + ", " + stopSec
                    + "] s / frames [" + startFrame + ", " + stopFrame + "]");
        }
    }

    /** The 15 values in {@link Ek100Format#RETRIEVAL_HEADER} order, as written to the CSV. */
    public List<String> values() {
        return List.of(narrationId, participantId, videoId, Ek100Format.timestamp3(narrationSec),
                Ek100Format.timestamp2(startSec), Ek100Format.timestamp2(stopSec), Integer.toString(startFrame),
                Integer.toString(stopFrame), label.narration(), label.verb(), Integer.toString(label.verbClass()),
                label.noun().key(), Integer.toString(label.nounClass()),
                Ek100Format.stringList(label.nouns().stream().map(Noun::key).toList()),
                Ek100Format.intList(label.allNounClasses()));
    }
}
