package org.egolens.model.eval.run;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.egolens.model.data.ek100.Ek100Sentence;
import org.egolens.model.retrieval.fakes.FakeVideos;

/**
 * A 6-clip EK-100 MIR test set over fake videos ({@code videos/<participant>/<video>.mp4}, 10 fps, 6 s). Every
 * distinct narration names a different colour, so the fake text tower gives distinct embeddings and no score ties.
 */
final class MirFixture {
    /** narration_id, participant, video, start, stop, narration, verb class, noun classes. */
    record Row(String id, String participant, String video, double start, double stop, String narration, int verb,
               List<Integer> nouns) {}

    static final List<Row> ROWS = List.of(
            new Row("P01_01_0", "P01", "P01_01", 0.0, 2.0, "take red cup", 0, List.of(3)),
            new Row("P01_01_1", "P01", "P01_01", 2.0, 4.0, "wash blue plate", 2, List.of(4)),
            new Row("P01_01_2", "P01", "P01_01", 4.0, 6.0, "take red cup", 0, List.of(3)),
            new Row("P01_02_0", "P01", "P01_02", 0.5, 2.5, "take green plate", 0, List.of(4)),
            new Row("P02_01_0", "P02", "P02_01", 1.0, 3.0, "wash yellow cup in sink", 2, List.of(3, 7)),
            new Row("P02_01_1", "P02", "P02_01", 3.0, 5.5, "open purple drawer", 5, List.of(8)));

    /** The sentences: first occurrence of each narration, as the official generator. */
    static List<Row> sentences() {
        Set<String> seen = new HashSet<>();
        List<Row> out = new ArrayList<>();
        for (Row r : ROWS) {
            if (seen.add(r.narration())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Writes videos and both CSVs below {@code root}; returns the clip CSV. */
    static Path write(Path root) throws IOException {
        FakeVideos.write(root.resolve("videos/P01/P01_01.mp4"), 10, 60, 64, 48, new Color(200, 60, 60));
        FakeVideos.write(root.resolve("videos/P01/P01_02.mp4"), 10, 60, 64, 48, new Color(60, 180, 80));
        FakeVideos.write(root.resolve("videos/P02/P02_01.mp4"), 10, 60, 64, 48, new Color(70, 90, 210));
        List<Ek100Clip> clips = new ArrayList<>();
        for (Row r : ROWS) {
            String[] words = r.narration().split(" ");
            List<String> nouns = new ArrayList<>();
            for (int k = 0; k < r.nouns().size(); k++) {
                nouns.add(words[words.length - 1 - k]);
            }
            clips.add(new Ek100Clip(r.id(), r.participant(), r.video(), OptionalDouble.of(r.start()), r.start(),
                    r.stop(), (int) (r.start() * 10) + 1, (int) (r.stop() * 10), r.narration(), words[0], r.verb(),
                    nouns.get(0), r.nouns().get(0), nouns, r.nouns()));
        }
        Path csv = root.resolve("annotations/EPIC_100_retrieval_test.csv");
        java.nio.file.Files.createDirectories(csv.getParent());
        Ek100Csv.writeClips(csv, clips);
        Ek100Csv.writeSentences(root.resolve("annotations/EPIC_100_retrieval_test_sentence.csv"),
                sentences().stream().map(r -> new Ek100Sentence(r.id(), r.narration())).toList());
        return csv;
    }

    /** Relevancy by the definition (docs §2.5), computed here from the rows. */
    static double relevancy(Row video, Row sentence) {
        Set<Integer> a = new HashSet<>(video.nouns());
        Set<Integer> b = new HashSet<>(sentence.nouns());
        Set<Integer> inter = new HashSet<>(a);
        inter.retainAll(b);
        Set<Integer> union = new HashSet<>(a);
        union.addAll(b);
        return 0.5 * (video.verb() == sentence.verb() ? 1 : 0) + 0.5 * inter.size() / union.size();
    }

    private MirFixture() {}
}
