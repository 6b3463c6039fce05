package org.egolens.model.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.retrieval.BuildMonitor;
import org.egolens.model.retrieval.EmbeddingIndex;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.model.retrieval.IndexBuildResult;
import org.egolens.model.retrieval.IndexBuilder;
import org.egolens.model.retrieval.IndexFile;
import org.egolens.model.retrieval.fakes.FakeVideoSource;
import org.egolens.model.retrieval.fakes.FakeVideoTextModel;
import org.egolens.model.train.AdamW;
import org.egolens.model.train.Checkpoint;
import org.egolens.model.train.TrainableParameter;
import org.egolens.model.train.run.RunFolder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliability, crash case 1: a writer SIGKILLed at random moments (half of the checkpoint kills aimed at a write seen in
 * progress, so that at least one lands inside a write whatever the disk's speed) while it writes checkpoints, index files, an index
 * build journal or a demo workspace. After every kill the last complete state reads back whole and byte-identical to
 * a reference, and the next start resumes or regenerates. The whole {@code egolens train} process killed and resumed is
 * {@code org.egolens.e2e.TrainKillResumeTest}.
 */
@Tag("reliability")
class KillDuringWriteTest {
    private static final Logger LOG = LoggerFactory.getLogger(KillDuringWriteTest.class);
    private static final int KILLS = Integer.getInteger("egolens.reliability.kills", 4);

    @TempDir
    Path tmp;
    private final Random random = new Random(Long.getLong("egolens.reliability.seed", System.nanoTime()));

    private ChildJvm child(String name, String... args) throws IOException {
        return ChildJvm.start(tmp.resolve(name + "-" + System.nanoTime() + ".log"), CrashTarget.class, args);
    }

    @Test
    void checkpointsKilledMidWriteLeaveTheLastCompleteOneAndResume() throws Exception {
        Path ref = tmp.resolve("ref");
        try (Eva02AtClipModel m = ModelFactory.open("tiny")) {
            AdamW adam = new AdamW(TrainableParameter.of(m.block(), Set.of()), 0.9, 0.999, 1e-8, 0.01, m.manager());
            Checkpoint.write(new RunFolder(ref), m, adam, new Checkpoint.State(0, 0, 0, Double.NaN, -1,
                    m.config().hash()), 1);
        }
        Path refDir = Checkpoint.folder(new RunFolder(ref), 0);
        RunFolder run = new RunFolder(tmp.resolve("run"));
        long previous = 0;
        int midWrite = 0;
        int kills = 0;
        for (int k = 0; k < KILLS || (midWrite == 0 && k < 4 * KILLS); k++) { // more kills until one is mid-write
            kills++;
            ChildJvm c = child("ckpt", "checkpoint", run.dir().toString(), "1000000");
            c.awaitFile(run.dir().resolve(CrashTarget.STARTED), 120);
            Thread.sleep(300 + random.nextInt(1500));
            if (k % 2 == 1) { // aimed: kill as soon as a write is seen in progress
                awaitPartial(run.dir().resolve(RunFolder.CHECKPOINTS), 30);
            }
            assertTrue(c.kill(), "writer was still running:\n" + c.output());
            Files.delete(run.dir().resolve(CrashTarget.STARTED));
            if (partials(run.dir().resolve(RunFolder.CHECKPOINTS)) > 0) {
                midWrite++;
            }
            java.util.Optional<Checkpoint.Loaded> latest = Checkpoint.latest(run);
            if (latest.isEmpty()) { // killed inside the very first write
                assertEquals(0, previous, "a complete checkpoint disappeared");
                assertEquals(List.of(), run.checkpointSteps());
                continue;
            }
            Checkpoint.Loaded last = latest.get();
            long step = last.state().step();
            assertEquals(Checkpoint.folder(run, step), last.dir());
            assertTrue(step >= previous, "newest checkpoint went back from " + previous + " to " + step);
            for (String f : List.of(ModelFactory.MODEL_FILE, ModelFactory.CONFIG_FILE, Checkpoint.OPTIMIZER_FILE)) {
                assertEquals(-1L, Files.mismatch(refDir.resolve(f), last.dir().resolve(f)), f + " of step " + step);
            }
            try (Eva02AtClipModel loaded = ModelFactory.open(last.dir().toString())) {
                assertEquals(ModelFactory.open("tiny").config().hash(), loaded.config().hash());
            }
            previous = step;
        }
        LOG.info("checkpoint writer killed {} times, {} of them mid-write; newest step {}", kills, midWrite, previous);
        ChildJvm fin = child("ckpt-final", "checkpoint", run.dir().toString(), Long.toString(previous + 2));
        assertEquals(0, fin.await(180), fin.output());
        assertEquals(List.of(previous + 1, previous + 2), run.checkpointSteps(), "resumed after step " + previous);
        assertEquals(0, partials(run.dir().resolve(RunFolder.CHECKPOINTS)), "leftover partial checkpoints");
        assertTrue(midWrite > 0, "no kill landed inside a write (" + kills + " kills, half of them aimed)");
    }

    @Test
    void indexFileKilledMidWriteIsTheOldOrTheNewFileAndLeavesNoTempFilesBehind() throws Exception {
        Path file = tmp.resolve("idx/clips.idx");
        int rows = 5_000;
        int previous = 0;
        for (int k = 0; k < KILLS + 2; k++) {
            ChildJvm c = child("index", "index", file.toString(), Integer.toString(rows), "1000000");
            c.awaitFile(file.resolveSibling(CrashTarget.STARTED), 60);
            Files.delete(file.resolveSibling(CrashTarget.STARTED));
            Thread.sleep(300 + random.nextInt(1200));
            assertTrue(c.kill(), "writer was still running:\n" + c.output());
            long temps = tempFiles(file);
            assertTrue(temps <= 1, temps + " temp files next to the index after kill " + k);
            if (!Files.exists(file)) {
                continue;
            }
            EmbeddingIndex idx = IndexFile.read(file);
            assertEquals(rows, idx.size());
            String first = idx.entry(0).clipId();
            int round = Integer.parseInt(first.substring(1, first.indexOf('-')));
            assertTrue(round >= 1, "round " + round);
            float[] e = idx.embeddingsFlat();
            for (int i = 0; i < rows; i++) {
                assertEquals(CrashTarget.indexClipId(round, i), idx.entry(i).clipId());
                for (int j = 0; j < CrashTarget.INDEX_DIM; j++) {
                    assertEquals(j == CrashTarget.indexAxis(round, i) ? 1f : 0f, e[i * CrashTarget.INDEX_DIM + j]);
                }
            }
            previous = round;
        }
        assertTrue(previous > 0, "no index was ever completed");
        LOG.info("index writer killed {} times; the last complete file was round {} of its run", KILLS + 2, previous);
    }

    @Test
    void indexBuildKilledTwiceResumesFromItsJournalAndEqualsAFreshBuild() throws Exception {
        Path videos = tmp.resolve("videos");
        List<ClipWindow> clips = CrashTarget.buildClips(videos, 60);
        Path index = tmp.resolve("build/clips.idx");
        for (int k = 0; k < 2; k++) {
            ChildJvm c = child("build", "build", videos.toString(), index.toString());
            c.awaitFile(index.resolveSibling(CrashTarget.STARTED), 60); // the first clip is journalled
            Files.delete(index.resolveSibling(CrashTarget.STARTED));
            Thread.sleep(300 + random.nextInt(700));
            assertTrue(c.kill(), "build was still running:\n" + c.output());
            assertFalse(Files.exists(index), "a killed build wrote no index");
        }
        FakeVideoTextModel resumedModel = new FakeVideoTextModel(CrashTarget.BUILD_MODEL);
        IndexBuildResult resumed = new IndexBuilder(new FakeVideoSource(), resumedModel,
                new IndexBuildConfig(4, 1, 4, true)).build(clips, index, BuildMonitor.NONE);
        int journalled = resumed.report().resumed();
        assertTrue(journalled > 0 && journalled < clips.size(), "clips kept from the killed builds: " + journalled);
        assertEquals(clips.size() - journalled, resumedModel.videosEmbedded(), "no journalled clip embedded again");

        EmbeddingIndex fresh = new IndexBuilder(new FakeVideoSource(), new FakeVideoTextModel(CrashTarget.BUILD_MODEL),
                new IndexBuildConfig(4, 1, 4, false)).build(clips, tmp.resolve("fresh/clips.idx"), BuildMonitor.NONE)
                .index();
        EmbeddingIndex read = IndexFile.read(index);
        assertEquals(fresh.entries(), read.entries());
        assertEquals(0, java.util.Arrays.compare(fresh.embeddingsFlat(), read.embeddingsFlat()));
        LOG.info("index build killed twice: {} of {} clips resumed from the journal", journalled, clips.size());
    }

    @Test
    void demoGenerationKilledLeavesNoWorkspaceAndTheNextRunRegeneratesIt() throws Exception {
        Path out = tmp.resolve("demo/ws");
        for (int k = 0; k < 2; k++) {
            ChildJvm c = child("demo", "demo", out.toString());
            c.awaitFile(out.resolveSibling(CrashTarget.STARTED), 60); // rendering has started
            Files.delete(out.resolveSibling(CrashTarget.STARTED));
            Thread.sleep(100 + random.nextInt(1000));
            assertTrue(c.kill(), "generation was still running:\n" + c.output());
            assertFalse(Files.exists(out), "a killed generation left " + out);
        }
        DemoDataset.generate(CrashTarget.DEMO, out, (f, m) -> { });
        assertTrue(DemoDataset.isComplete(out));
        assertFalse(Files.exists(out.resolveSibling(".ws.partial")));
        Path clean = tmp.resolve("clean/ws");
        DemoDataset.generate(CrashTarget.DEMO, clean, (f, m) -> { });
        for (String split : List.of("train", "test")) {
            Path csv = clean.relativize(DemoDataset.retrievalCsv(clean, split, false));
            assertEquals(-1L, Files.mismatch(clean.resolve(csv), out.resolve(csv)), csv.toString());
        }
    }

    /** Polls (every millisecond) until a {@code .partial} checkpoint folder exists; fails after {@code seconds}. */
    private static void awaitPartial(Path checkpoints, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (partials(checkpoints) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no checkpoint write began within " + seconds + " s in " + checkpoints);
            }
            Thread.sleep(1);
        }
    }

    private static long partials(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(checkpoints)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".partial")).count();
        }
    }

    /** Files beside the index other than the index itself and the STARTED marker (temporary files of writes). */
    private static long tempFiles(Path index) throws IOException {
        try (Stream<Path> s = Files.list(index.getParent())) {
            return s.filter(p -> !p.equals(index) && !p.getFileName().toString().equals(CrashTarget.STARTED)).count();
        }
    }
}
