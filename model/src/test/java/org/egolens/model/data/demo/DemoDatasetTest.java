package org.egolens.model.data.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small generated workspace (12 train / 8 test clips, 2 mirror pairs, 64 px): layout, formats, determinism. */
class DemoDatasetTest {
    private static final DemoConfig CFG = new DemoConfig(21, 12, 8, 2, 64, 15, 2.0, 4, 3, 18, 1);

    @TempDir
    static Path tmp;
    private static Path one;
    private static Path two;
    private static DemoStats stats;
    private static final List<Double> progress = new ArrayList<>();

    @BeforeAll
    static void generate() throws IOException {
        one = tmp.resolve("demo-1thread");
        two = tmp.resolve("demo-2threads");
        stats = DemoDataset.generate(CFG, one, (f, m) -> {
            synchronized (progress) {
                progress.add(f);
            }
        });
        DemoDataset.generate(CFG.withThreads(2), two, ProgressListener.NONE);
    }

    @Test
    void workspaceIsCompleteWithTheExpectedFiles() throws IOException {
        assertTrue(DemoDataset.isComplete(one));
        assertFalse(Files.exists(tmp.resolve(".demo-1thread.partial")));
        for (String f : List.of("retrieval_annotations/EPIC_100_retrieval_train.csv",
                "retrieval_annotations/EPIC_100_retrieval_test.csv",
                "retrieval_annotations/EPIC_100_retrieval_train_sentence.csv",
                "retrieval_annotations/EPIC_100_retrieval_test_sentence.csv", "EPIC_100_verb_classes.csv",
                "EPIC_100_noun_classes.csv", "mirror_pairs.csv", "dataset.json")) {
            assertTrue(Files.isRegularFile(one.resolve(f)), f);
        }
        assertEquals(12, DemoPlanTest.parse(one.resolve("retrieval_annotations/EPIC_100_retrieval_train.csv")).size());
        assertEquals(8, DemoPlanTest.parse(one.resolve("retrieval_annotations/EPIC_100_retrieval_test.csv")).size());
        assertEquals(12, stats.trainClips());
        assertEquals(8, stats.testClips());
        assertEquals(4, stats.mirrorClips());
        // 3 train + 2 test + 1 mirror videos of 4 clips
        assertEquals(6, stats.videos());
        try (Stream<Path> s = Files.walk(one.resolve("videos"))) {
            assertEquals(6, s.filter(p -> p.toString().endsWith(".mp4")).count());
        }
        assertEquals(1.0, progress.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    @Test
    void sameSeedGivesByteIdenticalFilesWhateverTheThreadCount() throws IOException {
        List<Path> a = files(one);
        List<Path> b = files(two);
        assertEquals(a, b);
        for (Path rel : a) {
            if (rel.toString().equals(DemoDataset.MANIFEST)) {
                continue; // records the thread count and run time
            }
            assertArrayEquals(Files.readAllBytes(one.resolve(rel)), Files.readAllBytes(two.resolve(rel)),
                    rel.toString());
        }
        // decoded frames are identical too
        Path video = one.resolve("videos/P01/P01_01.mp4");
        List<BufferedImage> fa = decode(video);
        List<BufferedImage> fb = decode(two.resolve("videos/P01/P01_01.mp4"));
        assertEquals(fa.size(), fb.size());
        for (int i = 0; i < fa.size(); i++) {
            assertArrayEquals(MirrorReversalTest.bytes(fa.get(i)), MirrorReversalTest.bytes(fb.get(i)), "frame " + i);
        }
    }

    @Test
    void anotherSeedGivesOtherClips(@TempDir Path dir) throws IOException {
        DemoDataset.generate(CFG.withSeed(22).withClips(4, 4, 0), dir.resolve("o"), ProgressListener.NONE);
        assertNotEquals(Files.readString(one.resolve("retrieval_annotations/EPIC_100_retrieval_test.csv")),
                Files.readString(dir.resolve("o/retrieval_annotations/EPIC_100_retrieval_test.csv")));
    }

    @Test
    void filesSitWhereTheOfficialOnesDoWithTheSameHeaders() throws IOException {
        Path ek100 = SharedData.require("ek100/retrieval_annotations/EPIC_100_retrieval_test.csv").getParent()
                .getParent();
        for (String rel : List.of("retrieval_annotations/EPIC_100_retrieval_test.csv",
                "retrieval_annotations/EPIC_100_retrieval_test_sentence.csv",
                "retrieval_annotations/EPIC_100_retrieval_train_sentence.csv", "EPIC_100_verb_classes.csv",
                "EPIC_100_noun_classes.csv")) {
            assertEquals(firstLine(ek100.resolve(rel)), firstLine(one.resolve(rel)), rel);
        }
        // the official train CSV (not in the snapshot) has the same 15 columns as the test CSV
        assertEquals(firstLine(ek100.resolve("retrieval_annotations/EPIC_100_retrieval_test.csv")),
                firstLine(DemoDataset.retrievalCsv(one, "train", false)));
    }

    @Test
    void listColumnsAndLineEndsFollowTheOfficialStyle() throws IOException {
        Path official = SharedData.require("ek100/retrieval_annotations/EPIC_100_retrieval_test.csv");
        // the tail of a row: all_nouns and all_noun_classes
        Pattern single = Pattern.compile(",\\['[a-z:]+'\\],\\[\\d+\\]$");
        Pattern multi = Pattern.compile(",\"\\['[a-z:]+'(, '[a-z:]+')+\\]\",\"\\[\\d+(, \\d+)+\\]\"$");
        List<String> off = Files.readAllLines(official, StandardCharsets.UTF_8);
        assertTrue(off.stream().anyMatch(l -> single.matcher(l).find()));
        assertTrue(off.stream().anyMatch(l -> multi.matcher(l).find()));
        for (String name : List.of("retrieval_annotations/EPIC_100_retrieval_train.csv",
                "retrieval_annotations/EPIC_100_retrieval_test.csv")) {
            byte[] raw = Files.readAllBytes(one.resolve(name));
            assertFalse(new String(raw, StandardCharsets.UTF_8).contains("\r"), name + " has CR line ends");
            assertEquals('\n', raw[raw.length - 1], name + " ends with a line break like the official file");
            List<String> lines = Files.readAllLines(one.resolve(name), StandardCharsets.UTF_8);
            for (String l : lines.subList(1, lines.size())) {
                assertTrue(single.matcher(l).find() || multi.matcher(l).find(), name + ": " + l);
            }
        }
        // class tables end without a line break, as the official ones
        byte[] off2 = Files.readAllBytes(SharedData.require("ek100/EPIC_100_verb_classes.csv"));
        byte[] ours = Files.readAllBytes(one.resolve("EPIC_100_verb_classes.csv"));
        assertEquals(off2[off2.length - 1] == '\n', ours[ours.length - 1] == '\n');
    }

    @Test
    void rowsParseAndAgreeWithTheClassTables() throws IOException {
        Map<String, Integer> verbOfForm = new HashMap<>();
        for (CSVRecord r : DemoPlanTest.parse(one.resolve("EPIC_100_verb_classes.csv"))) {
            for (String form : r.get("instances").replaceAll("[\\[\\]' ]", "").split(",")) {
                verbOfForm.put(form, Integer.parseInt(r.get("id")));
            }
        }
        Map<String, Integer> nounClass = new HashMap<>();
        for (CSVRecord r : DemoPlanTest.parse(one.resolve("EPIC_100_noun_classes.csv"))) {
            nounClass.put(r.get("key"), Integer.parseInt(r.get("id")));
        }
        List<CSVRecord> rows = DemoPlanTest.parse(one.resolve("retrieval_annotations/EPIC_100_retrieval_train.csv"));
        List<String> ids = new ArrayList<>();
        for (CSVRecord r : rows) {
            assertEquals(15, r.size());
            ids.add(r.get("narration_id"));
            assertEquals(verbOfForm.get(r.get("verb")), Integer.parseInt(r.get("verb_class")), r.toString());
            assertEquals(nounClass.get(r.get("noun")), Integer.parseInt(r.get("noun_class")));
            String[] nouns = r.get("all_nouns").replaceAll("[\\[\\]' ]", "").split(",");
            int[] classes = Ek100Format.parseIntList(r.get("all_noun_classes"));
            assertEquals(nouns.length, classes.length);
            assertEquals(r.get("noun"), nouns[0]);
            for (int i = 0; i < nouns.length; i++) {
                assertEquals(nounClass.get(nouns[i]), classes[i]);
            }
            assertTrue(r.get("narration").contains(r.get("noun")));
            assertTrue(r.get("video_id").startsWith(r.get("participant_id") + "_"));
            assertTrue(r.get("narration_id").startsWith(r.get("video_id") + "_"));
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(String::compareTo);
        assertEquals(sorted, ids, "rows sorted by narration_id as strings");
        // train sentences: first occurrence of each narration, with its classes
        List<CSVRecord> sentences = DemoPlanTest.parse(one.resolve("retrieval_annotations/EPIC_100_retrieval_train_sentence.csv"));
        List<String> seen = new ArrayList<>();
        int k = 0;
        for (CSVRecord r : rows) {
            if (!seen.contains(r.get("narration"))) {
                seen.add(r.get("narration"));
                CSVRecord s = sentences.get(k++);
                assertEquals(r.get("narration_id"), s.get("narration_id"));
                assertEquals(r.get("narration"), s.get("narration"));
                assertEquals(r.get("verb_class"), s.get("verb_class"));
                assertEquals(r.get("all_noun_classes"), s.get("noun_classes"));
                assertEquals(r.get("verb"), s.get("verb"));
                assertEquals(r.get("all_nouns"), s.get("nouns"));
            }
        }
        assertEquals(k, sentences.size());
        MirrorPairSet mirror = MirrorPairSet.read(one.resolve(MirrorPairSet.FILE_NAME));
        assertEquals(4, mirror.pairs().size());
        for (var w : mirror.clipWindows(one)) {
            assertTrue(Files.isRegularFile(w.video()), w.video().toString());
        }
    }

    @Test
    void decodedVideoShowsEachClipFromItsStartFrame() throws IOException {
        DemoPlan plan = DemoPlan.of(CFG);
        DemoPlan.Video video = plan.videos().stream().filter(v -> v.split() == DemoPlan.Split.TEST).findFirst()
                .orElseThrow();
        List<BufferedImage> frames = decode(one.resolve("videos").resolve(video.participantId())
                .resolve(video.videoId() + ".mp4"));
        assertEquals(video.clips().size() * plan.slotFrames(), frames.size());
        SceneRenderer r = new SceneRenderer(CFG.frameSize());
        List<BufferedImage> firsts = new ArrayList<>();
        for (DemoPlan.Clip c : video.clips()) {
            firsts.add(r.renderClip(c.spec(), CFG.clipFrames()).get(0).image());
        }
        for (int k = 0; k < video.clips().size(); k++) {
            RetrievalRow row = plan.row(video, video.clips().get(k));
            BufferedImage decoded = frames.get(row.startFrame() - 1);
            double own = meanAbsDiff(decoded, firsts.get(k));
            double other = meanAbsDiff(decoded, firsts.get((k + 1) % firsts.size()));
            assertTrue(own < 4, "clip " + k + ": decoded start frame differs from its render by " + own);
            assertTrue(other > 3 * own, "clip " + k + ": " + other + " vs " + own);
        }
    }

    @Test
    void boxesAreInsideTheFrameForEveryClipFrame() throws IOException {
        List<CSVRecord> rows = new ArrayList<>(DemoPlanTest.parse(one.resolve("retrieval_annotations/EPIC_100_retrieval_train.csv")));
        rows.addAll(DemoPlanTest.parse(one.resolve("retrieval_annotations/EPIC_100_retrieval_test.csv")));
        for (CSVRecord row : rows) {
            ClipBoxes b = ClipBoxes.read(one.resolve("boxes").resolve(row.get("narration_id") + ".json"));
            int start = Integer.parseInt(row.get("start_frame"));
            int stop = Integer.parseInt(row.get("stop_frame"));
            assertEquals(stop - start + 1, b.frames().size());
            assertEquals(row.get("narration"), b.narration());
            for (int i = 0; i < b.frames().size(); i++) {
                ClipBoxes.FrameEntry f = b.frames().get(i);
                assertEquals(start + i, f.frame());
                assertTrue(f.objects().stream().anyMatch(o -> o.role().equals("acted")
                        && o.noun().equals(row.get("noun"))), row.get("narration_id") + " frame " + f.frame());
                List<double[]> all = new ArrayList<>();
                f.objects().forEach(o -> all.add(o.box()));
                f.hands().forEach(h -> all.add(h.box()));
                for (double[] box : all) {
                    assertTrue(box[0] >= 0 && box[1] >= 0 && box[2] <= CFG.frameSize() && box[3] <= CFG.frameSize()
                            && box[0] < box[2] && box[1] < box[3], Arrays.toString(box));
                }
            }
        }
    }

    @Test
    void aFailedRunLeavesNoWorkspace(@TempDir Path dir) {
        Path out = dir.resolve("killed");
        ProgressListener dies = (f, m) -> {
            if (f > 0.3) {
                throw new IllegalStateException("simulated kill");
            }
        };
        Exception e = assertThrows(Exception.class, () -> DemoDataset.generate(CFG.withClips(8, 4, 0), out, dies));
        assertTrue(String.valueOf(e.getMessage()).contains("simulated kill"), e.toString());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve(".killed.partial")));
    }

    @Test
    void refusesANonEmptyFolderAndDeletesOnlyWorkspaces(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "user data");
        IOException e = assertThrows(IOException.class, () -> DemoDataset.generate(CFG, dir, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertThrows(IOException.class, () -> DemoDataset.delete(dir));
        assertTrue(Files.exists(dir.resolve("keep.txt")));
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    private static String firstLine(Path p) throws IOException {
        try (var r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            return r.readLine();
        }
    }

    static List<BufferedImage> decode(Path video) throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile());
                Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                BufferedImage src = conv.convert(f);
                BufferedImage copy = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                copy.getGraphics().drawImage(src, 0, 0, null);
                out.add(copy);
            }
            g.stop();
        }
        return out;
    }

    private static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        byte[] x = MirrorReversalTest.bytes(a);
        byte[] y = MirrorReversalTest.bytes(b);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
        }
        return sum / x.length;
    }
}
