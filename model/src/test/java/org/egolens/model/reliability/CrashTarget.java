package org.egolens.model.reliability;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.retrieval.BuildMonitor;
import org.egolens.model.retrieval.EmbeddingIndex;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.model.retrieval.IndexBuilder;
import org.egolens.model.retrieval.IndexEntry;
import org.egolens.model.retrieval.IndexFile;
import org.egolens.model.retrieval.IndexHeader;
import org.egolens.model.retrieval.fakes.FakeVideoSource;
import org.egolens.model.retrieval.fakes.FakeVideoTextModel;
import org.egolens.model.retrieval.fakes.FakeVideos;
import org.egolens.model.train.AdamW;
import org.egolens.model.train.Checkpoint;
import org.egolens.model.train.TrainableParameter;
import org.egolens.model.train.run.RunFolder;

/**
 * The child process that {@link KillDuringWriteTest} kills with SIGKILL. Each mode writes {@code <dir>/STARTED} once
 * its writing has begun, then writes without pause until it is killed (or, with a step limit, exits 0):
 * <ul>
 *   <li>{@code checkpoint <run> <lastStep>}: resumes from the newest checkpoint of {@code <run>} (or step 0) and writes
 *       checkpoints of the {@code tiny} model, one per step, up to {@code lastStep};</li>
 *   <li>{@code index <file> <rows> <rounds>}: rewrites {@code <file>} {@code rounds} times with an index of
 *       {@code rows} × 64 floats whose clip ids and rows encode the round ({@link #indexClipId}, {@link #indexAxis});</li>
 *   <li>{@code build <videos> <index>}: builds the index of the fake videos in {@code <videos>} with a fake model that
 *       takes 40 ms a clip, batch 1 (one journal block per clip);</li>
 *   <li>{@code demo <out>}: generates a small demo workspace ({@link #DEMO}).</li>
 * </ul>
 */
public final class CrashTarget {
    /** The demo workspace settings of the {@code demo} mode. */
    public static final DemoConfig DEMO = new DemoConfig(3, 24, 8, 2, 64, 15, 2.0, 4, 3, 18, 1);
    /** Embedding width of the {@code index} mode. */
    public static final int INDEX_DIM = 64;
    /** Model of the {@code build} mode. */
    public static final ModelDescriptor BUILD_MODEL = new ModelDescriptor("fake", "fake-0001", 4, 32, 16);

    /** Marker file written when the writing has begun. */
    public static final String STARTED = "STARTED";

    private CrashTarget() {}

    /** Clip id of row {@code i} of the index written in round {@code round}. */
    public static String indexClipId(int round, int i) {
        return "r" + round + "-c" + i;
    }

    /** Row {@code i} of the index written in round {@code round}: the unit vector along axis {@code (i + round) % D}. */
    public static int indexAxis(int round, int i) {
        return (i + round) % INDEX_DIM;
    }

    /** The clips of the {@code build} mode: {@code n} whole fake videos in {@code dir} (written when missing). */
    public static List<ClipWindow> buildClips(Path dir, int n) throws IOException {
        List<ClipWindow> clips = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path v = dir.resolve("v" + i + ".mp4");
            if (!Files.exists(v)) {
                FakeVideos.write(v, 10, 20 + i, 64, 48, new Color(10 * i % 256, 255 - 7 * i % 256, 3 * i % 256));
            }
            clips.add(ClipWindow.whole("v" + i, v));
        }
        return clips;
    }

    /** Runs one mode (see the class comment); exits 2 on a bad command line. */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "checkpoint" -> checkpoints(Path.of(args[1]), Long.parseLong(args[2]));
            case "index" -> indexes(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "build" -> build(Path.of(args[1]), Path.of(args[2]));
            case "demo" -> {
                Path marker = Path.of(args[1]).toAbsolutePath().getParent();
                Files.createDirectories(marker);
                DemoDataset.generate(DEMO, Path.of(args[1]), (f, m) -> started(marker));
            }
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    private static void ready(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(STARTED), "started\n");
    }

    /** {@link #ready} from a progress callback (once; unchecked). */
    private static synchronized void started(Path dir) {
        if (!Files.exists(dir.resolve(STARTED))) {
            try {
                ready(dir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static void checkpoints(Path runDir, long lastStep) throws IOException {
        RunFolder run = new RunFolder(runDir);
        long start = Checkpoint.latest(run).map(l -> l.state().step() + 1).orElse(1L);
        try (Eva02AtClipModel model = ModelFactory.open("tiny")) {
            AdamW adam = new AdamW(TrainableParameter.of(model.block(), Set.of()), 0.9, 0.999, 1e-8, 0.01,
                    model.manager());
            ready(runDir);
            for (long step = start; step <= lastStep; step++) {
                Checkpoint.write(run, model, adam, new Checkpoint.State(step, step, step, Double.NaN, -1,
                        model.config().hash()), 2);
            }
        }
    }

    private static void indexes(Path file, int rows, int rounds) throws IOException {
        IndexHeader header = new IndexHeader("fake", "fake-0001", 4, 32, INDEX_DIM, Instant.EPOCH);
        ready(file.toAbsolutePath().getParent());
        for (int round = 1; round <= rounds; round++) {
            List<IndexEntry> entries = new ArrayList<>();
            float[] flat = new float[rows * INDEX_DIM];
            for (int i = 0; i < rows; i++) {
                entries.add(new IndexEntry(indexClipId(round, i), Path.of("v" + i + ".mp4"), 0, 2, 30));
                flat[i * INDEX_DIM + indexAxis(round, i)] = 1;
            }
            IndexFile.write(EmbeddingIndex.of(header, entries, flat), file);
        }
    }

    private static void build(Path videos, Path index) throws IOException {
        List<ClipWindow> clips = buildClips(videos, Integer.getInteger("crash.clips", 60));
        VideoTextModel slow = new SlowModel(new FakeVideoTextModel(BUILD_MODEL));
        Path marker = index.toAbsolutePath().getParent();
        BuildMonitor monitor = (done, total, message) -> {
            if (done > 0) {
                started(marker);
            }
        };
        new IndexBuilder(new FakeVideoSource(), slow, new IndexBuildConfig(1, 1, 4, true)).build(clips, index, monitor);
    }

    /** A model that sleeps 40 ms per clip, so that a kill lands in the middle of a build. */
    private record SlowModel(VideoTextModel inner) implements VideoTextModel {
        @Override
        public ModelDescriptor descriptor() {
            return inner.descriptor();
        }

        @Override
        public float[][] encodeVideos(FrameBatch frames) {
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.encodeVideos(frames);
        }

        @Override
        public float[][] encodeTexts(List<String> texts) {
            return inner.encodeTexts(texts);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
