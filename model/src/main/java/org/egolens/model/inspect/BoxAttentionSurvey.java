package org.egolens.model.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.SampledClip;
import org.egolens.model.data.demo.ClipBoxes;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures where a model's attention goes on the clips of a demo workspace: for each clip of a split, decode its T frames
 * as the model takes them, capture the attention, take one map (by default the CLS rollout at the last layer) and compute
 * its {@link AttentionInBoxes.Share share} on the generator's boxes ({@code boxes/<narration_id>.json}) of the frames that
 * were actually decoded. The summary averages over clips: mean mass inside the boxes against the mean share of patches the
 * boxes cover.
 */
public final class BoxAttentionSurvey {
    private static final Logger LOG = LoggerFactory.getLogger(BoxAttentionSurvey.class);

    private final AttentionProbe probe;
    private final JavaCvVideoSource video;
    private final AttentionInBoxes.Boxes boxes;
    private final HeadSelection selection;
    private final QueryToken query;

    /**
     * @param probe     the model
     * @param video     decoder (its {@code sampleClip} reports the decoded frame indices)
     * @param boxes     which boxes count
     * @param selection the map (usually {@link HeadSelection#ROLLOUT}), taken at the last layer
     * @param query     the query token (usually CLS)
     */
    public BoxAttentionSurvey(AttentionProbe probe, JavaCvVideoSource video, AttentionInBoxes.Boxes boxes,
            HeadSelection selection, QueryToken query) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.video = Objects.requireNonNull(video, "video");
        this.boxes = Objects.requireNonNull(boxes, "boxes");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.query = Objects.requireNonNull(query, "query");
    }

    /**
     * One clip's result.
     *
     * @param narrationId the clip
     * @param share       its share on the boxes
     */
    public record ClipShare(String narrationId, AttentionInBoxes.Share share) {}

    /**
     * Averages over the surveyed clips.
     *
     * @param clips          clips measured
     * @param meanMassInside mean over clips of the map's mass on box patches
     * @param meanAreaInside mean over clips of the share of patches covered by boxes
     * @param perClip        every clip's result, in file order
     */
    public record Summary(int clips, double meanMassInside, double meanAreaInside, List<ClipShare> perClip) {
        /** Copies the list. */
        public Summary {
            perClip = List.copyOf(perClip);
        }

        /** {@code meanMassInside / meanAreaInside}: above 1 when the boxes get more than their share. */
        public double ratio() {
            return meanMassInside / meanAreaInside;
        }

        /** Fraction of clips whose map puts more mass on the boxes than the boxes' share of patches. */
        public double fractionAboveArea() {
            return perClip.stream().filter(c -> c.share().massInside() > c.share().areaInside()).count()
                    / (double) Math.max(1, perClip.size());
        }
    }

    /**
     * Surveys the first {@code maxClips} clips of a split of a demo workspace.
     *
     * @param workspace a complete demo workspace ({@link DemoDataset})
     * @param split     {@code train} or {@code test}
     * @param maxClips  at most this many clips (file order)
     * @throws IOException if the annotation, a video or a boxes file cannot be read (names it)
     */
    public Summary run(Path workspace, String split, int maxClips) throws IOException {
        List<Ek100Clip> clips = Ek100Csv.readClips(DemoDataset.retrievalCsv(workspace, split, false));
        List<ClipShare> out = new ArrayList<>();
        double mass = 0;
        double area = 0;
        int layer = probe.layers() - 1;
        for (Ek100Clip c : clips.subList(0, Math.min(maxClips, clips.size()))) {
            Path boxFile = workspace.resolve(DemoDataset.BOXES_DIR).resolve(c.narrationId() + ".json");
            if (!Files.isRegularFile(boxFile)) {
                throw new IOException("no boxes for clip " + c.narrationId() + ": " + boxFile);
            }
            ClipBoxes b = ClipBoxes.read(boxFile);
            ClipWindow w = new ClipWindow(c.narrationId(), DemoDataset.videoFile(workspace, c.participantId(),
                    c.videoId()), c.startSec(), c.stopSec());
            SampledClip sampled = video.sampleClip(w, probe.numFrames(), probe.imageSize(), null);
            List<List<double[]>> perFrame = new ArrayList<>();
            for (long idx : sampled.frameIndices()) {
                perFrame.add(AttentionInBoxes.boxesAt(b, idx, boxes));
            }
            boolean[] mask = AttentionInBoxes.patchMask(probe.grid(), probe.patchSize(), b.frameSize(), b.frameSize(),
                    perFrame);
            PatchMap map = probe.capture(sampled.frames(), query, null).map(layer, selection, query);
            AttentionInBoxes.Share s = AttentionInBoxes.share(map, mask);
            out.add(new ClipShare(c.narrationId(), s));
            mass += s.massInside();
            area += s.areaInside();
        }
        int n = out.size();
        if (n == 0) {
            throw new IOException("no clips in the " + split + " split of " + workspace);
        }
        Summary summary = new Summary(n, mass / n, area / n, out);
        LOG.info("{} on {} {} clips: {} of layer {} from {}: mass inside boxes {} vs area {} (ratio {})", probe.modelId(),
                n, split, selection.label(), layer, query, String.format("%.4f", summary.meanMassInside()),
                String.format("%.4f", summary.meanAreaInside()), String.format("%.3f", summary.ratio()));
        return summary;
    }
}
