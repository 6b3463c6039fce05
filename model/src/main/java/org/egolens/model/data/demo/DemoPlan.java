package org.egolens.model.data.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Which clips a demo workspace holds and where they go: labels (balanced over verb classes), scene specs, video files,
 * narration ids and frame windows. A pure function of the {@link DemoConfig}; rendering happens elsewhere.
 *
 * <p>Layout: split clips are cut into videos of {@link DemoConfig#clipsPerVideo()} clips; video {@code v} of a split
 * belongs to participant {@code v mod P + 1}; test videos of a participant are numbered after its train videos (as in
 * EK-100, where {@code P01_11} is a test video of P01). Inside a video, clip k occupies frames
 * {@code [k·(T+2·PAD), (k+1)·(T+2·PAD))}: {@link #PAD} still frames of its first scene, its T frames, {@link #PAD}
 * still frames of its last scene, so decoders that round the window by a frame still see the same clip. Mirror-test
 * clips live in videos of participant {@code M01}, each clip followed by its reversed twin.
 *
 * @param config the settings
 * @param videos every video with its clips, train first, then test, then mirror
 */
public record DemoPlan(DemoConfig config, List<Video> videos) {
    /** Still frames before and after each clip inside a video. */
    public static final int PAD = 2;
    /** Participant id of the mirror-test videos. */
    public static final String MIRROR_PARTICIPANT = "M01";

    /** The parts of a workspace. */
    public enum Split {
        TRAIN(1), TEST(2), MIRROR(3);

        private final long stream;

        Split(long stream) {
            this.stream = stream;
        }

        /** Seed stream of the split. */
        long stream() {
            return stream;
        }
    }

    /**
     * One clip of a video.
     *
     * @param split       train, test or mirror
     * @param narrationId {@code <video_id>_<k>}
     * @param indexInVideo k
     * @param spec        what it shows
     * @param twinId      for mirror clips, the id of the reversed twin; else null
     */
    public record Clip(Split split, String narrationId, int indexInVideo, ClipSpec spec, String twinId) {}

    /**
     * One video file.
     *
     * @param split         its split
     * @param participantId e.g. {@code P03}
     * @param videoId       e.g. {@code P03_02}
     * @param clips         its clips in order
     */
    public record Video(Split split, String participantId, String videoId, List<Clip> clips) {}

    /** Copies the list. */
    public DemoPlan {
        videos = List.copyOf(videos);
    }

    /** Plans a workspace. */
    public static DemoPlan of(DemoConfig config) {
        List<Video> videos = new ArrayList<>();
        int perVideo = config.clipsPerVideo();
        int p = config.participants();
        int trainVideos = ceilDiv(config.trainClips(), perVideo);
        videos.addAll(splitVideos(config, Split.TRAIN, config.trainClips(), v -> v / p + 1));
        videos.addAll(splitVideos(config, Split.TEST, config.testClips(), v -> {
            int part = v % p;
            int trainOfParticipant = trainVideos / p + (part < trainVideos % p ? 1 : 0);
            return trainOfParticipant + v / p + 1;
        }));
        videos.addAll(mirrorVideos(config));
        return new DemoPlan(config, videos);
    }

    /** All clips of one split, in video order. */
    public List<Clip> clips(Split split) {
        return videos.stream().filter(v -> v.split() == split).flatMap(v -> v.clips().stream()).toList();
    }

    /** Frames in one clip slot of a video (padding included). */
    public int slotFrames() {
        return config.clipFrames() + 2 * PAD;
    }

    /** 0-based video frame index of the first frame of clip k. */
    public int firstFrame(int k) {
        return k * slotFrames() + PAD;
    }

    /** The CSV row of a clip of a video. */
    public RetrievalRow row(Video video, Clip clip) {
        int f0 = firstFrame(clip.indexInVideo());
        int t = config.clipFrames();
        double fps = config.fps();
        return new RetrievalRow(clip.narrationId(), video.participantId(), video.videoId(), (f0 + t / 2.0) / fps,
                f0 / fps, (f0 + t) / fps, f0 + 1, f0 + t, clip.spec().label());
    }

    /** The label of clip {@code index} of a seed stream: verb classes cycle in shuffled rounds, nouns uniform. */
    static ClipLabel balancedLabel(long seed, long stream, long epoch, long index) {
        VerbClass[] classes = VerbClass.values();
        long round = index / classes.length;
        SplittableRandom perm = new SplittableRandom(Seeds.mix(seed, stream, epoch, round));
        int[] order = new int[classes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = perm.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        VerbClass vc = classes[order[(int) (index % classes.length)]];
        List<ClipLabel> options = ActionCatalog.labels(vc);
        return options.get(new SplittableRandom(Seeds.mix(seed, stream, epoch, index, 1)).nextInt(options.size()));
    }

    private static List<Video> splitVideos(DemoConfig cfg, Split split, int clips, java.util.function.IntUnaryOperator
            number) {
        List<Video> out = new ArrayList<>();
        int perVideo = cfg.clipsPerVideo();
        int n = ceilDiv(clips, perVideo);
        for (int v = 0; v < n; v++) {
            int participant = v % cfg.participants() + 1;
            KitchenStyle style = ClipSampler.style(cfg.seed(), participant);
            String videoId = String.format(Locale.ROOT, "%s_%02d", style.participantId(), number.applyAsInt(v));
            List<Clip> list = new ArrayList<>();
            for (int k = 0; k < perVideo && v * perVideo + k < clips; k++) {
                long index = (long) v * perVideo + k;
                ClipLabel label = balancedLabel(cfg.seed(), split.stream(), 0, index);
                ClipSpec spec = ClipSampler.sample(label, style, Seeds.mix(cfg.seed(), split.stream(), 0, index, 2));
                list.add(new Clip(split, videoId + "_" + k, k, spec, null));
            }
            out.add(new Video(split, style.participantId(), videoId, list));
        }
        return out;
    }

    private static List<Video> mirrorVideos(DemoConfig cfg) {
        List<Clip> all = new ArrayList<>();
        int perVideo = cfg.clipsPerVideo() + cfg.clipsPerVideo() % 2; // keep twins in one video
        for (int m = 0; m < cfg.mirrorPairs(); m++) {
            ClipLabel label = balancedLabel(cfg.seed(), Split.MIRROR.stream(), 0, m);
            KitchenStyle style = ClipSampler.style(cfg.seed(), m % cfg.participants() + 1);
            ClipSpec a = ClipSampler.sample(label, style, Seeds.mix(cfg.seed(), Split.MIRROR.stream(), 0, m, 2));
            all.add(new Clip(Split.MIRROR, null, 0, a, null));
            all.add(new Clip(Split.MIRROR, null, 0, a.mirror(), null));
        }
        List<Video> out = new ArrayList<>();
        for (int v = 0; v * perVideo < all.size(); v++) {
            String videoId = String.format(Locale.ROOT, "%s_%02d", MIRROR_PARTICIPANT, v + 1);
            List<Clip> list = new ArrayList<>();
            for (int k = 0; k < perVideo && v * perVideo + k < all.size(); k++) {
                String twin = videoId + "_" + (k ^ 1);
                list.add(new Clip(Split.MIRROR, videoId + "_" + k, k, all.get(v * perVideo + k).spec(), twin));
            }
            out.add(new Video(Split.MIRROR, MIRROR_PARTICIPANT, videoId, list));
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
