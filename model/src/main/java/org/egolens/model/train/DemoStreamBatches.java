package org.egolens.model.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.data.RandomResizedCrop;
import org.egolens.model.data.demo.ActionCatalog;
import org.egolens.model.data.demo.ClipLabel;
import org.egolens.model.data.demo.DemoClipStream;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoSample;
import org.egolens.model.eval.RelevancyMatrix;
import org.egolens.model.tokenize.Tokenizer;

/**
 * Fresh training clips from the demo generator's endless stream (issue "demo workspace": new scenes every epoch, so a
 * small model cannot memorise a fixed set), with the EK-100 caption sampler on top: the sentence set is every
 * narration the generator can render, and clip a's caption is drawn uniformly among the sentences whose relevancy to
 * it (EK-100 rule, Eq. 5) exceeds the threshold (spec §3.3 "Dataloader"; the clip's own narration always qualifies).
 * The in-batch block is {@code Rel[a][b] = c(clip a, caption b)}.
 *
 * <p>Clips are rendered at the workspace's frame size and brought to the model's input size by a random resized crop
 * (scale 0.5–1, spec §4) when {@code crop} is set, else by a centre resize. Micro-batch (e, k) draws stream samples
 * {@code k·n … k·n + n − 1} of epoch e: a pure function of the position, the config and the run seed.
 */
public final class DemoStreamBatches implements BatchSource {
    private static final long CAPTION_STREAM = 0x6361707469L;
    private static final long CROP_STREAM = 0x63726f70L;

    private final DemoClipStream stream;
    private final DemoConfig demo;
    private final int modelSize;
    private final RandomResizedCrop crop;
    private final long seed;
    private final List<ClipLabel> sentences;
    private final RelevancyMatrix sentenceRelevancy;
    private final int[][] positives;
    private final long[][] sentenceIds;

    /**
     * @param demo      the workspace's generator settings (kitchens, frame size, fps, clip length)
     * @param frames    T, frames per clip
     * @param modelSize input side of the model
     * @param tokenizer encodes the narrations (the demo vocabulary or CLIP's)
     * @param threshold a sentence is a positive candidate when its relevancy is strictly above this (0.1 in the paper)
     * @param seed      run seed (caption choice and crops)
     * @param crop      true: random resized crop (training transform); false: deterministic resize of the whole frame
     */
    public DemoStreamBatches(DemoConfig demo, int frames, int modelSize, Tokenizer tokenizer, double threshold,
                             long seed, boolean crop) {
        this.demo = Objects.requireNonNull(demo, "demo");
        this.stream = new DemoClipStream(demo, frames, DemoClipStream.Pixels.CLIP_NORMALISED);
        this.modelSize = modelSize;
        this.crop = crop ? new RandomResizedCrop(modelSize, 0.5, 1.0) : null;
        this.seed = seed;
        this.sentences = ActionCatalog.all();
        int m = sentences.size();
        int[] verbs = new int[m];
        List<List<Integer>> nouns = new ArrayList<>(m);
        List<String> texts = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            verbs[j] = sentences.get(j).verbClass();
            nouns.add(boxed(sentences.get(j).allNounClasses()));
            texts.add(sentences.get(j).narration());
        }
        this.sentenceRelevancy = RelevancyMatrix.fromLabels(verbs, nouns, verbs, nouns);
        this.positives = new int[m][];
        for (int i = 0; i < m; i++) {
            List<Integer> p = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                if (sentenceRelevancy.get(i, j) > threshold) {
                    p.add(j);
                }
            }
            positives[i] = p.stream().mapToInt(Integer::intValue).toArray();
        }
        this.sentenceIds = tokenizer.encode(texts);
    }

    @Override
    public TrainBatch batch(long epoch, long index, int size) {
        int t = stream.frameIndices().length;
        int clipValues = 3 * t * modelSize * modelSize;
        float[] data = new float[size * clipValues];
        long[][] ids = new long[size][];
        int[] clipSentence = new int[size];
        int[] captionSentence = new int[size];
        List<String> captions = new ArrayList<>(size);
        for (int a = 0; a < size; a++) {
            long sampleIndex = index * size + a;
            DemoSample s = stream.sample(epoch, sampleIndex);
            int own = sentences.indexOf(s.label());
            if (own < 0) {
                throw new IllegalStateException("stream label " + s.narration() + " is not in the action catalog");
            }
            int[] candidates = positives[own];
            SplittableRandom r = new SplittableRandom(mix(seed, CAPTION_STREAM, epoch, sampleIndex));
            int caption = candidates[r.nextInt(candidates.length)];
            clipSentence[a] = own;
            captionSentence[a] = caption;
            ids[a] = sentenceIds[caption];
            captions.add(sentences.get(caption).narration());
            resize(s, new SplittableRandom(mix(seed, CROP_STREAM, epoch, sampleIndex)), data, a * clipValues);
        }
        float[][] rel = new float[size][size];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                rel[a][b] = (float) sentenceRelevancy.get(clipSentence[a], captionSentence[b]);
            }
        }
        return new TrainBatch(new FrameBatch(data, size, 3, t, modelSize, modelSize), ids, rel, captions);
    }

    @Override
    public long batchesPerEpoch(int size) {
        return 0;
    }

    @Override
    public String describe() {
        return "demo stream (seed " + demo.seed() + ", " + demo.frameSize() + " px renders, " + sentences.size()
                + " sentences" + (crop != null ? ", random resized crop 0.5–1" : "") + ")";
    }

    /** The sentence set (every renderable narration), in catalog order. */
    public List<ClipLabel> sentences() {
        return sentences;
    }

    private void resize(DemoSample s, SplittableRandom random, float[] dest, int offset) {
        int src = s.size();
        RandomResizedCrop.Box box = crop != null ? crop.draw(src, src, random)
                : new RandomResizedCrop.Box(0, 0, src, src);
        RandomResizedCrop op = crop != null ? crop : new RandomResizedCrop(modelSize, 1, 1);
        op.apply(s.pixels(), 3, s.frames(), src, src, box, dest, offset);
    }

    private static List<Integer> boxed(int[] v) {
        List<Integer> out = new ArrayList<>(v.length);
        for (int x : v) {
            out.add(x);
        }
        return out;
    }

    /** SplitMix64-style mixing of a root seed and stream coordinates. */
    static long mix(long root, long... parts) {
        long h = root * 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h ^= p + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
            h = fmix(h);
        }
        return h;
    }

    private static long fmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
