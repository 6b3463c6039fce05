package org.egolens.model.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.data.RandomResizedCrop;
import org.egolens.model.data.VideoSource;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Sentence;
import org.egolens.model.eval.RelevancyMatrix;
import org.egolens.model.eval.run.VideoLocator;
import org.egolens.model.tokenize.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training batches from an EK-100 MIR training split (spec §3.3 "Dataloader", Fig. 4): each epoch visits the clips in
 * a seeded random order; clip i gets a caption drawn uniformly among the sentences j with relevancy C[i][j] above the
 * threshold (0.1: strictly greater, as the released code), and the in-batch block is rebuilt from the kept (clip,
 * sentence) pairs, {@code Rel[a][b] = C[clip a][sentence b]} (Eq. 5 from the class labels). Clips without such a
 * sentence are excluded at load and reported. Frames: T segment-based samples with a random frame per segment
 * (training jitter), short-side resize and centre crop to 8/7 of the model size, then a random resized crop (scale
 * 0.5–1) to the model size.
 *
 * <p>The relevancy of every clip to every sentence is computed at load in chunks from the labels, keeping only the
 * positive lists (the full EK-100 train matrix, 67,217 × 15,989, would take 4.3 GB). A clip that fails to decode is
 * reported and replaced by the next clip of the epoch's order.
 */
public final class Ek100Batches implements BatchSource {
    private static final Logger LOG = LoggerFactory.getLogger(Ek100Batches.class);
    private static final int CHUNK = 512;
    private static final int MAX_REPLACEMENTS = 16;

    private final List<Ek100Clip> clips;
    private final int[] usable;
    private final int[][] positives;
    private final int[] sentenceVerb;
    private final List<List<Integer>> sentenceNouns;
    private final List<String> sentenceText;
    private final List<String> excluded;
    private final VideoLocator videos;
    private final VideoSource source;
    private final Tokenizer tokenizer;
    private final int frames;
    private final int size;
    private final RandomResizedCrop crop;
    private final long seed;

    /**
     * @param clips     training clips (EPIC_100_retrieval_train.csv rows)
     * @param sentences the training sentences (with class labels, or matched to a clip by {@code narration_id})
     * @param videos    where the videos are
     * @param source    decoder (thread-safe)
     * @param frames    T
     * @param size      model input side
     * @param tokenizer caption tokenizer
     * @param threshold positive when relevancy is strictly above it
     * @param seed      run seed (order, captions, jitter, crops)
     * @throws IllegalArgumentException if no clip has a positive sentence, or a sentence names an unknown clip
     */
    public Ek100Batches(List<Ek100Clip> clips, List<Ek100Sentence> sentences, VideoLocator videos, VideoSource source,
                        int frames, int size, Tokenizer tokenizer, double threshold, long seed) {
        this.clips = List.copyOf(clips);
        this.videos = Objects.requireNonNull(videos, "videos");
        this.source = Objects.requireNonNull(source, "source");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.frames = frames;
        this.size = size;
        this.crop = new RandomResizedCrop(size, 0.5, 1.0);
        this.seed = seed;
        RelevancyMatrix.Labels labels = RelevancyMatrix.sentenceLabels(clips, sentences);
        sentenceVerb = labels.verbs();
        sentenceNouns = labels.nouns();
        sentenceText = sentences.stream().map(Ek100Sentence::narration).toList();
        int m = sentences.size();
        positives = new int[clips.size()][];
        for (int start = 0; start < clips.size(); start += CHUNK) {
            int n = Math.min(CHUNK, clips.size() - start);
            int[] verbs = new int[n];
            List<List<Integer>> nouns = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                verbs[i] = clips.get(start + i).verbClass();
                nouns.add(clips.get(start + i).allNounClasses());
            }
            RelevancyMatrix r = RelevancyMatrix.fromLabels(verbs, nouns, sentenceVerb, sentenceNouns);
            for (int i = 0; i < n; i++) {
                List<Integer> p = new ArrayList<>();
                for (int j = 0; j < m; j++) {
                    if (r.get(i, j) > threshold) {
                        p.add(j);
                    }
                }
                positives[start + i] = p.stream().mapToInt(Integer::intValue).toArray();
            }
        }
        List<Integer> ok = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            if (positives[i].length > 0) {
                ok.add(i);
            } else {
                bad.add(clips.get(i).narrationId());
            }
        }
        if (ok.isEmpty()) {
            throw new IllegalArgumentException("no training clip has a sentence with relevancy above " + threshold);
        }
        usable = ok.stream().mapToInt(Integer::intValue).toArray();
        excluded = List.copyOf(bad);
        if (!excluded.isEmpty()) {
            LOG.warn("{} of {} training clips have no sentence with relevancy > {} and are excluded, e.g. {}",
                    excluded.size(), clips.size(), threshold, excluded.subList(0, Math.min(5, excluded.size())));
        }
    }

    /** Narration ids of the clips excluded at load (no positive sentence). */
    public List<String> excluded() {
        return excluded;
    }

    @Override
    public long batchesPerEpoch(int n) {
        return usable.length / n;
    }

    @Override
    public String describe() {
        return "EK-100 training split: " + usable.length + " clips (" + excluded.size() + " excluded without a "
                + "positive sentence), " + sentenceText.size() + " sentences";
    }

    @Override
    public TrainBatch batch(long epoch, long index, int n) throws IOException {
        int[] order = order(epoch);
        int clipValues = 3 * frames * size * size;
        float[] data = new float[n * clipValues];
        long[][] ids = new long[n][];
        int[] clipOf = new int[n];
        int[] sentenceOf = new int[n];
        List<String> captions = new ArrayList<>(n);
        for (int a = 0; a < n; a++) {
            int slot = (int) ((index * n + a) % order.length);
            FrameBatch f = null;
            int clip = -1;
            IOException last = null;
            for (int k = 0; k < MAX_REPLACEMENTS && f == null; k++) {
                clip = order[(slot + k) % order.length];
                try {
                    f = decode(clip, epoch);
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warn("training clip {} skipped: {}", clips.get(clip).narrationId(), e.getMessage());
                    last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                }
            }
            if (f == null) {
                throw new IOException(MAX_REPLACEMENTS + " training clips in a row could not be decoded; last: "
                        + last.getMessage(), last);
            }
            int[] cand = positives[clip];
            int sentence = cand[new SplittableRandom(DemoStreamBatches.mix(seed, 1, epoch, clip)).nextInt(cand.length)];
            clipOf[a] = clip;
            sentenceOf[a] = sentence;
            captions.add(sentenceText.get(sentence));
            RandomResizedCrop.Box box = crop.draw(f.width(), f.height(), new SplittableRandom(
                    DemoStreamBatches.mix(seed, 2, epoch, clip)));
            crop.apply(f.data(), 3, frames, f.height(), f.width(), box, data, a * clipValues);
        }
        long[][] encoded = tokenizer.encode(captions);
        System.arraycopy(encoded, 0, ids, 0, n);
        int[] verbs = new int[n];
        List<List<Integer>> nouns = new ArrayList<>(n);
        int[] sVerbs = new int[n];
        List<List<Integer>> sNouns = new ArrayList<>(n);
        for (int a = 0; a < n; a++) {
            verbs[a] = clips.get(clipOf[a]).verbClass();
            nouns.add(clips.get(clipOf[a]).allNounClasses());
            sVerbs[a] = sentenceVerb[sentenceOf[a]];
            sNouns.add(sentenceNouns.get(sentenceOf[a]));
        }
        RelevancyMatrix r = RelevancyMatrix.fromLabels(verbs, nouns, sVerbs, sNouns);
        float[][] rel = new float[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                rel[a][b] = (float) r.get(a, b);
            }
        }
        return new TrainBatch(new FrameBatch(data, n, 3, frames, size, size), ids, rel, captions);
    }

    private FrameBatch decode(int clip, long epoch) throws IOException {
        Ek100Clip c = clips.get(clip);
        ClipWindow w = new ClipWindow(c.narrationId(), videos.find(c.participantId(), c.videoId()), c.startSec(),
                c.stopSec());
        int decodeSize = (int) Math.round(size * 8.0 / 7.0);
        return source.sample(w, frames, decodeSize, new Random(DemoStreamBatches.mix(seed, 3, epoch, clip)));
    }

    /** The epoch's visiting order of the usable clips (seeded Fisher–Yates). */
    private int[] order(long epoch) {
        int[] o = usable.clone();
        SplittableRandom r = new SplittableRandom(DemoStreamBatches.mix(seed, 4, epoch));
        for (int i = o.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }
}
