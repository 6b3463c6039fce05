package org.egolens.model.data.ek100;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One row of an EPIC-KITCHENS-100 clip annotation file ({@code EPIC_100_retrieval_test.csv}, {@code EPIC_100_train.csv},
 * … : the official 15 columns, docs/evaluation-and-formats.md §5.1). Times are decimal seconds.
 *
 * @param narrationId        unique id {@code <video_id>_<n>}, e.g. {@code P01_11_0}
 * @param participantId      e.g. {@code P01}
 * @param videoId            e.g. {@code P01_11}
 * @param narrationTimestamp when the narration was spoken; empty for the rows where the official file leaves it blank
 * @param startSec           clip start, seconds
 * @param stopSec            clip stop, seconds ({@code >= startSec})
 * @param startFrame         first frame number of the clip in the original video (1-based)
 * @param stopFrame          last frame number
 * @param narration          free-text narration, e.g. {@code take plate}
 * @param verb               verb instance, e.g. {@code put-down}
 * @param verbClass          verb class id (row of {@code EPIC_100_verb_classes.csv})
 * @param noun               first noun instance ({@code allNouns.get(0)})
 * @param nounClass          first noun class id
 * @param allNouns           all noun instances, in file order (may repeat, may carry qualifiers like {@code bin:other})
 * @param allNounClasses     noun class ids matching {@code allNouns} one to one
 * @param line               1-based line of the file where the record starts; 0 when the clip was not read from a file
 */
public record Ek100Clip(String narrationId, String participantId, String videoId, OptionalDouble narrationTimestamp,
                        double startSec, double stopSec, int startFrame, int stopFrame, String narration, String verb,
                        int verbClass, String noun, int nounClass, List<String> allNouns, List<Integer> allNounClasses,
                        long line) {

    /** Validates and copies the lists. @throws IllegalArgumentException if a field is missing or inconsistent */
    public Ek100Clip {
        Objects.requireNonNull(narrationId, "narrationId");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(videoId, "videoId");
        Objects.requireNonNull(narrationTimestamp, "narrationTimestamp");
        Objects.requireNonNull(narration, "narration");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(noun, "noun");
        allNouns = List.copyOf(allNouns);
        allNounClasses = List.copyOf(allNounClasses);
        if (narrationId.isEmpty()) {
            throw new IllegalArgumentException("empty narration_id");
        }
        if (!(startSec >= 0) || !(stopSec >= startSec)) {
            throw new IllegalArgumentException("bad clip time range [" + startSec + ", " + stopSec + "] s of " + narrationId);
        }
        if (allNouns.size() != allNounClasses.size()) {
            throw new IllegalArgumentException("all_nouns has " + allNouns.size() + " entries but all_noun_classes has "
                    + allNounClasses.size() + " (" + narrationId + ")");
        }
        if (verbClass < 0 || nounClass < 0 || allNounClasses.stream().anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("negative class id in " + narrationId);
        }
    }

    /** The same clip without file position (for clips made in code, e.g. by a demo generator). */
    public Ek100Clip(String narrationId, String participantId, String videoId, OptionalDouble narrationTimestamp,
                     double startSec, double stopSec, int startFrame, int stopFrame, String narration, String verb,
                     int verbClass, String noun, int nounClass, List<String> allNouns, List<Integer> allNounClasses) {
        this(narrationId, participantId, videoId, narrationTimestamp, startSec, stopSec, startFrame, stopFrame, narration,
                verb, verbClass, noun, nounClass, allNouns, allNounClasses, 0);
    }

    /** Clip duration in seconds. */
    public double durationSec() {
        return stopSec - startSec;
    }
}
