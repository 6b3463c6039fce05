package org.egolens.model.data.demo;

/**
 * Settings of a generated demo workspace. Immutable; use {@link #defaults()} and the {@code with…} copies.
 *
 * @param seed          root seed; the same config gives byte-identical CSVs and identical frames
 * @param trainClips    clips in {@code EPIC_100_retrieval_train.csv}
 * @param testClips     clips in {@code EPIC_100_retrieval_test.csv}
 * @param mirrorPairs   pairs of mirror-test clips (each pair = a clip and its reversed twin)
 * @param frameSize     frame side, pixels (even, ≥ 32; frames are square)
 * @param fps           frames per second of the videos
 * @param clipSeconds   duration of one clip, seconds
 * @param clipsPerVideo clips concatenated into one video file
 * @param participants  number of kitchens (participants {@code P01…}), each with its own table, colours and handedness
 * @param crf           x264 constant rate factor of the mp4 files (0 lossless … 51)
 * @param threads       rendering threads; 0 = number of available processors (the output does not depend on it)
 */
public record DemoConfig(long seed, int trainClips, int testClips, int mirrorPairs, int frameSize, double fps,
        double clipSeconds, int clipsPerVideo, int participants, int crf, int threads) {
    /** @throws IllegalArgumentException naming the first bad setting */
    public DemoConfig {
        require(trainClips >= 1, "trainClips must be >= 1, got " + trainClips);
        require(testClips >= 1, "testClips must be >= 1, got " + testClips);
        require(mirrorPairs >= 0, "mirrorPairs must be >= 0, got " + mirrorPairs);
        require(frameSize >= 32 && frameSize % 2 == 0 && frameSize <= 1024,
                "frameSize must be even and in [32, 1024] px, got " + frameSize);
        require(fps >= 1 && fps <= 120, "fps must be in [1, 120], got " + fps);
        require(clipSeconds > 0 && clipFrames(fps, clipSeconds) >= 4,
                "a clip needs at least 4 frames, got " + clipSeconds + " s at " + fps + " fps");
        require(clipsPerVideo >= 1, "clipsPerVideo must be >= 1, got " + clipsPerVideo);
        require(participants >= 1 && participants <= 89, "participants must be in [1, 89], got " + participants);
        require(crf >= 0 && crf <= 51, "crf must be in [0, 51], got " + crf);
        require(threads >= 0, "threads must be >= 0, got " + threads);
    }

    /** The default workspace: 600 train and 150 test clips of 2 s at 15 fps, 128×128, 40 mirror pairs, seed 7. */
    public static DemoConfig defaults() {
        return new DemoConfig(7, 600, 150, 40, 128, 15, 2.0, 10, 8, 18, 0);
    }

    /** Frames per clip: {@code round(fps · clipSeconds)}. */
    public int clipFrames() {
        return clipFrames(fps, clipSeconds);
    }

    /** Threads to use: {@link #threads()} or the available processors when 0. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** Copy with another seed. */
    public DemoConfig withSeed(long s) {
        return new DemoConfig(s, trainClips, testClips, mirrorPairs, frameSize, fps, clipSeconds, clipsPerVideo,
                participants, crf, threads);
    }

    /** Copy with other split sizes. */
    public DemoConfig withClips(int train, int test, int mirror) {
        return new DemoConfig(seed, train, test, mirror, frameSize, fps, clipSeconds, clipsPerVideo, participants, crf,
                threads);
    }

    /** Copy with another frame size and frame rate. */
    public DemoConfig withVideo(int size, double framesPerSecond) {
        return new DemoConfig(seed, trainClips, testClips, mirrorPairs, size, framesPerSecond, clipSeconds,
                clipsPerVideo, participants, crf, threads);
    }

    /** Copy with another video layout: clips per video and number of participants. */
    public DemoConfig withLayout(int perVideo, int kitchens) {
        return new DemoConfig(seed, trainClips, testClips, mirrorPairs, frameSize, fps, clipSeconds, perVideo,
                kitchens, crf, threads);
    }

    /** Copy with another thread count (0 = all processors). */
    public DemoConfig withThreads(int n) {
        return new DemoConfig(seed, trainClips, testClips, mirrorPairs, frameSize, fps, clipSeconds, clipsPerVideo,
                participants, crf, n);
    }

    private static int clipFrames(double fps, double seconds) {
        return (int) Math.round(fps * seconds);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("demo config: " + message);
        }
    }
}
