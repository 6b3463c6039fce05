package org.egolens.model.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.data.VideoSource;
import org.egolens.model.data.demo.MirrorPairScore;
import org.egolens.model.data.demo.MirrorPairSet;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.eval.DenseMatrix;
import org.egolens.model.eval.MirMetrics;
import org.egolens.model.eval.MirResult;
import org.egolens.model.eval.MirTestSet;
import org.egolens.model.eval.RelevancyMatrix;
import org.egolens.model.eval.run.Similarity;
import org.egolens.model.eval.run.VideoLocator;
import org.egolens.model.nn.Eva02AtClipModel;

/**
 * Validation during training: EK-100 MIR on a test split (evaluation-and-formats §2: each test row's clip and narration
 * embedded, sentence columns by {@code narration_id}, graded mAP and nDCG against the relevancy rebuilt from the CSVs),
 * plus the demo's mirror-pair score when a mirror-pair set is given. The test clips are decoded once, with the
 * evaluation transform (segment centres, short-side resize and centre crop), and kept in memory, so each pass only runs
 * the two towers. A clip that cannot be decoded stops preparation with its name: a validation set with silent holes
 * would make runs incomparable.
 */
public final class MirValidator {
    private static final int CHUNK = 16;

    private final MirTestSet set;
    private final RelevancyMatrix relevancy;
    private final List<FrameBatch> clips;
    private final List<String> texts;
    private final MirrorPairSet mirror;
    private final List<FrameBatch> mirrorClips;

    private MirValidator(MirTestSet set, List<FrameBatch> clips, List<String> texts, MirrorPairSet mirror,
                         List<FrameBatch> mirrorClips) {
        this.set = set;
        this.relevancy = set.relevancy();
        this.clips = clips;
        this.texts = texts;
        this.mirror = mirror;
        this.mirrorClips = mirrorClips;
    }

    /**
     * Reads the split and decodes its clips.
     *
     * @param annotations  {@code EPIC_100_retrieval_test.csv}-format file
     * @param sentences    the matching sentence CSV
     * @param videoRoot    folder of {@code <participant>/<video>.mp4} (or videos directly under it)
     * @param mirrorPairs  a demo {@code mirror_pairs.csv} (its videos under {@code mirrorWorkspace}), or null
     * @param mirrorWorkspace the demo workspace holding the mirror-pair videos (ignored without {@code mirrorPairs})
     * @param source       decoder
     * @param frames       T
     * @param size         model input side
     * @throws IOException if a file is unreadable or a clip cannot be decoded (names it)
     */
    public static MirValidator prepare(Path annotations, Path sentences, Path videoRoot, Path mirrorPairs,
                                       Path mirrorWorkspace, VideoSource source, int frames, int size)
            throws IOException {
        Objects.requireNonNull(source, "source");
        MirTestSet set = MirTestSet.load(annotations, sentences);
        VideoLocator videos = new VideoLocator(videoRoot);
        List<FrameBatch> clips = new ArrayList<>(set.clips().size());
        for (Ek100Clip c : set.clips()) {
            ClipWindow w = new ClipWindow(c.narrationId(), videos.find(c.participantId(), c.videoId()), c.startSec(),
                    c.stopSec());
            clips.add(decode(source, w, frames, size));
        }
        List<String> texts = new ArrayList<>();
        for (int row : set.sentenceClipRows()) {
            texts.add(set.clips().get(row).narration());
        }
        MirrorPairSet mirror = null;
        List<FrameBatch> mirrorClips = List.of();
        if (mirrorPairs != null) {
            mirror = MirrorPairSet.read(mirrorPairs);
            mirrorClips = new ArrayList<>();
            for (ClipWindow w : mirror.clipWindows(mirrorWorkspace)) {
                mirrorClips.add(decode(source, w, frames, size));
            }
        }
        return new MirValidator(set, List.copyOf(clips), List.copyOf(texts), mirror, List.copyOf(mirrorClips));
    }

    /** Test clips (rows of the similarity matrix). */
    public int clips() {
        return clips.size();
    }

    /** Sentences (columns). */
    public int sentences() {
        return texts.size();
    }

    /** True if a mirror-pair set is scored too. */
    public boolean hasMirrorPairs() {
        return mirror != null;
    }

    /**
     * Embeds the split with the model's current weights (inference mode, no gradients) and scores it.
     *
     * @throws IllegalStateException if the model has no tokenizer
     */
    public ValidationResult evaluate(Eva02AtClipModel model) {
        long t0 = System.nanoTime();
        float[][] v = embed(model, clips);
        float[][] t = model.encodeTexts(texts);
        DenseMatrix s = Similarity.cosine(v, t);
        MirResult mir = MirMetrics.evaluate(s, relevancy);
        double mirrorScore = Double.NaN;
        if (mirror != null) {
            mirrorScore = MirrorPairScore.score(embed(model, mirrorClips), model.encodeTexts(mirror.sentences()),
                    mirror);
        }
        return new ValidationResult(mir, mirrorScore, (System.nanoTime() - t0) / 1e9);
    }

    /** The split's description for logs. */
    public String describe() {
        return set.clips().size() + " test clips × " + texts.size() + " sentences"
                + (mirror != null ? ", " + mirror.pairs().size() + " mirror-pair clips" : "");
    }

    private static float[][] embed(Eva02AtClipModel model, List<FrameBatch> batch) {
        float[][] out = new float[batch.size()][];
        for (int start = 0; start < batch.size(); start += CHUNK) {
            int n = Math.min(CHUNK, batch.size() - start);
            float[][] part = model.encodeVideos(FrameBatch.stack(batch.subList(start, start + n)));
            System.arraycopy(part, 0, out, start, n);
        }
        return out;
    }

    private static FrameBatch decode(VideoSource source, ClipWindow w, int frames, int size) throws IOException {
        try {
            return source.sample(w, frames, size, null);
        } catch (IOException | RuntimeException e) {
            throw new IOException("validation clip " + w.clipId() + " (" + w.video() + ", " + w.startSec() + "–"
                    + w.endSec() + " s) cannot be decoded: " + e.getMessage(), e);
        }
    }
}
