package org.egolens.model.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.retrieval.fakes.FakeVideoSource;
import org.egolens.model.retrieval.fakes.FakeVideoTextModel;
import org.egolens.model.retrieval.fakes.FakeVideos;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexBuilderTest {
    @TempDir
    Path tmp;
    private final FakeVideoSource source = new FakeVideoSource();
    private List<ClipWindow> good;

    private static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE, Color.ORANGE, Color.MAGENTA, Color.CYAN,
        Color.YELLOW, Color.PINK, Color.GRAY, Color.WHITE, new Color(40, 90, 10)};

    @BeforeEach
    void videos() throws IOException {
        good = new ArrayList<>();
        for (int i = 0; i < COLOURS.length; i++) {
            Path v = FakeVideos.write(tmp.resolve("videos/v" + i + ".mp4"), 10, 40 + i, 64, 48, COLOURS[i]);
            if (i % 3 == 0) {
                good.add(new ClipWindow("v" + i + "_a", v, 0.5, 2.0));
                good.add(new ClipWindow("v" + i + "_b", v, 2.0, 3.5));
            } else {
                good.add(ClipWindow.whole("v" + i, v));
            }
        }
    }

    private static IndexBuildConfig config(int batch, int threads) {
        return new IndexBuildConfig(batch, threads, 4, true);
    }

    @Test
    void embedsEveryClipInInputOrderWithTheModelsEmbeddings() throws IOException {
        FakeVideoTextModel model = new FakeVideoTextModel(4);
        Path out = tmp.resolve("idx/clips.idx");
        List<int[]> progress = new ArrayList<>();
        IndexBuildResult r = new IndexBuilder(source, model, config(3, 3)).build(good, out,
                (done, total, msg) -> progress.add(new int[] {done, total}));
        EmbeddingIndex idx = r.index();
        assertEquals(good.size(), idx.size());
        assertEquals(good.size(), model.videosEmbedded());
        for (int i = 0; i < good.size(); i++) {
            ClipWindow c = good.get(i);
            IndexEntry e = idx.entry(i);
            assertEquals(c.clipId(), e.clipId());
            assertEquals(c.video(), e.source());
            FakeVideos.Spec spec = FakeVideos.read(c.video());
            double end = c.isOpenEnded() ? spec.frames() / 10.0 : c.endSec();
            assertEquals(end, e.endSec(), 1e-12);
            assertEquals(Math.round((end - c.startSec()) * 10), e.frameCount());
            // independent: embed the same sampled frames directly with a fresh model
            float[] expected = new FakeVideoTextModel(4).encodeVideos(new FakeVideoSource().sample(c, 4, 32, null))[0];
            assertArrayEquals(expected, idx.embedding(i), 1e-6f);
        }
        assertEquals(new IndexHeader("fake", "fake-0001", 4, 32, 16, idx.header().created()), idx.header());
        // progress is monotone and ends at total
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0]);
        }
        assertEquals(good.size(), progress.get(progress.size() - 1)[0]);
        // the file on disk is the same index; the journal is gone; the report exists
        EmbeddingIndex back = IndexFile.read(out);
        assertEquals(idx.entries(), back.entries());
        assertArrayEquals(idx.embeddingsFlat(), back.embeddingsFlat());
        assertFalse(Files.exists(BuildJournal.fileFor(out)));
        assertTrue(Files.exists(tmp.resolve("idx/clips.report.json")));
        // a red clip is the best match for "red" (the fake's colour semantics)
        float[] red = model.encodeTexts(List.of("red"))[0];
        assertEquals(java.util.Set.of("v0_a", "v0_b"), idx.searchByText(red, 2).stream().map(h -> h.entry().clipId())
                .collect(Collectors.toSet()));
    }

    @Test
    void corruptMissingAndOutOfRangeClipsAreSkippedAndReported() throws IOException {
        List<ClipWindow> clips = new ArrayList<>(good);
        Path corrupt = FakeVideos.writeCorrupt(tmp.resolve("videos/broken.mp4"));
        clips.add(2, ClipWindow.whole("broken", corrupt));
        clips.add(ClipWindow.whole("gone", tmp.resolve("videos/gone.mp4")));
        clips.add(new ClipWindow("late", good.get(1).video(), 100, 101));
        FakeVideoTextModel model = new FakeVideoTextModel(4);
        Path out = tmp.resolve("clips.idx");
        IndexBuildResult r = new IndexBuilder(source, model, config(4, 2)).build(clips, out, BuildMonitor.NONE);
        assertEquals(good.stream().map(ClipWindow::clipId).toList(),
                r.index().entries().stream().map(IndexEntry::clipId).toList());
        Map<String, String> reasons = r.report().skipped().stream()
                .collect(Collectors.toMap(SkippedClip::clipId, SkippedClip::reason));
        assertEquals(List.of("broken", "gone", "late"), r.report().skipped().stream().map(SkippedClip::clipId).toList());
        assertTrue(reasons.get("broken").contains("not a video"), reasons.get("broken"));
        assertTrue(reasons.get("gone").contains("gone.mp4"), reasons.get("gone"));
        assertTrue(reasons.get("late").contains("100"), reasons.get("late"));
        IndexReport onDisk = IndexReport.read(IndexReport.fileFor(out));
        assertEquals(r.report().skipped(), onDisk.skipped());
        assertEquals(clips.size(), onDisk.totalClips());
        assertEquals(good.size(), onDisk.embedded());
        assertEquals(good.size(), onDisk.indexedClips());
    }

    @Test
    void cancelledBuildResumesWithoutReEmbeddingAndEqualsAFreshBuild() throws IOException {
        Path out = tmp.resolve("resume/clips.idx");
        FakeVideoTextModel first = new FakeVideoTextModel(4);
        AtomicInteger calls = new AtomicInteger();
        BuildMonitor cancelAfterTwoBatches = new BuildMonitor() {
            int done;

            @Override
            public void progress(int d, int total, String message) {
                done = d;
            }

            @Override
            public boolean isCancelled() {
                calls.incrementAndGet();
                return done >= 4;
            }
        };
        assertThrows(CancellationException.class,
                () -> new IndexBuilder(source, first, config(2, 2)).build(good, out, cancelAfterTwoBatches));
        int firstRun = first.videosEmbedded();
        assertTrue(firstRun >= 4 && firstRun < good.size(), "embedded before cancel: " + firstRun);
        assertFalse(Files.exists(out));
        assertTrue(Files.exists(BuildJournal.fileFor(out)));

        // a crash while writing the next batch leaves a torn block: it must be ignored
        Files.write(BuildJournal.fileFor(out), new byte[] {0, 0, 1, 0, 7, 7, 7}, StandardOpenOption.APPEND);

        FakeVideoTextModel second = new FakeVideoTextModel(4);
        IndexBuildResult resumed = new IndexBuilder(source, second, config(2, 2)).build(good, out, BuildMonitor.NONE);
        assertEquals(good.size(), firstRun + second.videosEmbedded(), "no clip is embedded twice");
        assertEquals(firstRun, resumed.report().resumed());
        assertEquals(second.videosEmbedded(), resumed.report().embedded());

        FakeVideoTextModel fresh = new FakeVideoTextModel(4);
        EmbeddingIndex clean = new IndexBuilder(new FakeVideoSource(), fresh, config(5, 1))
                .build(good, tmp.resolve("clean/clips.idx"), BuildMonitor.NONE).index();
        assertEquals(clean.entries(), resumed.index().entries());
        assertArrayEquals(clean.embeddingsFlat(), resumed.index().embeddingsFlat());
        assertEquals(clean.entries(), IndexFile.read(out).entries());
    }

    @Test
    void existingIndexIsReusedSoOnlyNewClipsAreEmbedded() throws IOException {
        Path out = tmp.resolve("clips.idx");
        new IndexBuilder(source, new FakeVideoTextModel(4), config(4, 2)).build(good, out, BuildMonitor.NONE);
        List<ClipWindow> more = new ArrayList<>(good);
        Path extra = FakeVideos.write(tmp.resolve("videos/extra.mp4"), 25, 50, 64, 48, Color.BLACK);
        more.add(1, ClipWindow.whole("extra", extra));
        FakeVideoTextModel model = new FakeVideoTextModel(4);
        IndexBuildResult r = new IndexBuilder(source, model, config(4, 2)).build(more, out, BuildMonitor.NONE);
        assertEquals(1, model.videosEmbedded());
        assertEquals(good.size(), r.report().reused());
        assertEquals("extra", r.index().entry(1).clipId());
        assertEquals(more.size(), r.index().size());

        // another model (different config hash) reuses nothing
        FakeVideoTextModel other = new FakeVideoTextModel(new ModelDescriptor("fake2", "other", 4, 32, 16));
        new IndexBuilder(source, other, config(4, 2)).build(more, out, BuildMonitor.NONE);
        assertEquals(more.size(), other.videosEmbedded());

        // resume off: everything again
        FakeVideoTextModel again = new FakeVideoTextModel(new ModelDescriptor("fake2", "other", 4, 32, 16));
        new IndexBuilder(source, again, config(4, 2).withResume(false)).build(more, out, BuildMonitor.NONE);
        assertEquals(more.size(), again.videosEmbedded());
    }

    @Test
    void journalOfAnotherModelIsDiscarded() throws IOException {
        Path out = tmp.resolve("clips.idx");
        FakeVideoTextModel a = new FakeVideoTextModel(4);
        BuildMonitor cancelAtOnce = new BuildMonitor() {
            int done;

            @Override
            public void progress(int d, int total, String message) {
                done = d;
            }

            @Override
            public boolean isCancelled() {
                return done >= 2;
            }
        };
        assertThrows(CancellationException.class,
                () -> new IndexBuilder(source, a, config(2, 1)).build(good, out, cancelAtOnce));
        FakeVideoTextModel b = new FakeVideoTextModel(new ModelDescriptor("fake", "changed", 4, 32, 16));
        IndexBuildResult r = new IndexBuilder(source, b, config(2, 1)).build(good, out, BuildMonitor.NONE);
        assertEquals(good.size(), b.videosEmbedded());
        assertEquals(0, r.report().resumed());
    }

    @Test
    void duplicateClipIdsAreRejected() {
        List<ClipWindow> dup = List.of(good.get(0), new ClipWindow(good.get(0).clipId(), good.get(1).video(), 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IndexBuilder(source, new FakeVideoTextModel(4), config(2, 1)).build(dup, tmp.resolve("x.idx"),
                        BuildMonitor.NONE));
        assertTrue(e.getMessage().contains(good.get(0).clipId()));
    }
}
