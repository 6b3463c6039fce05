package org.egolens.model.eval;

import java.util.List;
import java.util.Objects;

/**
 * A clip record of {@code egomcq.json} (EgoClip fields, docs §5.2): the query or one of the candidates.
 *
 * @param videoUid  Ego4D video uid
 * @param clipStart clip start, seconds in the video
 * @param clipEnd   clip end, seconds
 * @param clipText  narration, e.g. {@code #C C picks a bag of clothes from the floor} (empty when the record has none)
 * @param tagVerb   verb ids (118-verb taxonomy), empty when absent
 * @param tagNoun   noun ids (582-noun taxonomy), empty when absent
 */
public record EgoMcqClip(String videoUid, double clipStart, double clipEnd, String clipText, List<Integer> tagVerb,
                         List<Integer> tagNoun) {
    /** Copies the lists. */
    public EgoMcqClip {
        Objects.requireNonNull(videoUid, "videoUid");
        Objects.requireNonNull(clipText, "clipText");
        tagVerb = List.copyOf(tagVerb);
        tagNoun = List.copyOf(tagNoun);
    }
}
