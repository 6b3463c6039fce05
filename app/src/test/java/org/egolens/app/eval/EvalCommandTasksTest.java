package org.egolens.app.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.egolens.app.backend.DjlBackend;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.eval.DenseMatrix;
import org.egolens.model.retrieval.EmbeddingIndex;
import org.egolens.model.tokenize.ClipVocabularyLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code egolens eval} for EgoMCQ, Charades-Ego and EGTEA with the real backend and the {@code tiny} model on small
 * fixtures made here (H.264 videos and annotation files). Each metric is recomputed here from the similarity the
 * command wrote, and sample similarities from embeddings computed here.
 */
class EvalCommandTasksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    private static VideoTextModel model;

    @BeforeAll
    static void setUp() throws IOException {
        EvalFixtures.useSharedVocabulary();
        System.setProperty("egolens.home", tmp.resolve("home").toString());
        model = new DjlBackend().openModel("tiny", 4);
    }

    @AfterAll
    static void tearDown() {
        if (model != null) {
            model.close();
        }
        System.clearProperty(ClipVocabularyLocator.PROPERTY);
        System.clearProperty("egolens.home");
    }

    private static String choice(String uid, double start, double end) {
        return "{\"video_uid\": \"" + uid + "\", \"clip_start\": " + start + ", \"clip_end\": " + end
                + ", \"clip_text\": \"#C C does something\"}";
    }

    private static String question(String text, int answer, int type, String... choices) {
        StringBuilder sb = new StringBuilder("{\"answer\": " + answer + ", \"types\": " + type
                + ", \"query\": {\"video_uid\": \"q\", \"clip_start\": 0, \"clip_end\": 1, \"clip_text\": \"" + text
                + "\"}, \"choices\": {");
        for (int c = 0; c < choices.length; c++) {
            sb.append(c == 0 ? "" : ", ").append('"').append(c).append("\": ").append(choices[c]);
        }
        return sb.append("}}").toString();
    }

    @Test
    void egoMcqAccuracyFollowsTheArgmaxOfTheWrittenSimilarity() throws IOException {
        Path root = tmp.resolve("ego4d");
        EvalFixtures.video(root.resolve("vidA.mp4"), new Color(200, 40, 40), 40, 1);
        EvalFixtures.video(root.resolve("vidB.mp4"), new Color(40, 60, 200), 40, 2);
        String[] a = {choice("vidA", 0.0, 1.0), choice("vidA", 1.0, 2.0), choice("vidA", 2.0, 3.0),
            choice("vidA", 3.0, 4.0), choice("vidA", 0.5, 2.5)};
        String[] mixed = {choice("vidB", 0.0, 1.5), choice("vidA", 0.0, 1.0), choice("vidB", 2.0, 4.0),
            choice("vidA", 1.5, 3.5), choice("vidB", 1.0, 3.0)};
        String json = "{\"0\": " + question("#C C picks up a red cup", 2, 1, mixed)
                + ", \"1\": " + question("#C C washes the plate", 0, 2, a)
                + ", \"2\": " + question("#C C opens the blue drawer", 4, 1, mixed)
                + ", \"10\": " + question("#C C puts the knife down", 3, 2, a) + "}";
        Path file = Files.writeString(tmp.resolve("egomcq.json"), json);
        Path out = tmp.resolve("mcq");
        EvalFixtures.Run r = EvalFixtures.cli("eval", "--task", "egomcq", "--annotations", file.toString(),
                "--video-root", root.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        DenseMatrix s = DenseMatrix.readNpy(out.resolve("similarity.npy"));
        assertEquals(4, s.rows());
        assertEquals(5, s.cols());
        int[] answers = {2, 0, 4, 3};
        boolean[] inter = {true, false, true, false};
        int interRight = 0;
        int intraRight = 0;
        for (int q = 0; q < 4; q++) {
            int best = 0;
            for (int c = 1; c < 5; c++) {
                best = s.get(q, c) > s.get(q, best) ? c : best;
            }
            if (best == answers[q]) {
                if (inter[q]) {
                    interRight++;
                } else {
                    intraRight++;
                }
            }
        }
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(interRight / 2.0, m.at("/accuracy/inter_video").asDouble(), 1e-12);
        assertEquals(intraRight / 2.0, m.at("/accuracy/intra_video").asDouble(), 1e-12);
        assertEquals(2, m.at("/counts/inter_video/total").asInt());
        List<CSVRecord> perQuery = EvalFixtures.csv(out.resolve("per_query.csv"));
        assertEquals(List.of("0", "1", "2", "10"), perQuery.stream().map(x -> x.get("key")).toList());
        assertEquals("Intra-video", perQuery.get(1).get("type"));

        // question 0 recomputed: its text and its five windows embedded here (4 frames, 64 px: the tiny model's input)
        JavaCvVideoSource source = new JavaCvVideoSource();
        float[] t = model.encodeTexts(List.of("#C C picks up a red cup"))[0];
        double[][] w = {{0.0, 1.5}, {0.0, 1.0}, {2.0, 4.0}, {1.5, 3.5}, {1.0, 3.0}};
        String[] uid = {"vidB", "vidA", "vidB", "vidA", "vidB"};
        for (int c = 0; c < 5; c++) {
            float[] v = model.encodeVideos(source.sample(new ClipWindow("c" + c, root.resolve(uid[c] + ".mp4"), w[c][0],
                    w[c][1]), 4, 64, null))[0];
            assertEquals(EvalFixtures.dot(t, v), s.get(0, c), 1e-4, "choice " + c);
        }
        // 9 distinct windows (vidA 0-1 is in both lists) embedded once each, although 20 choices name them
        assertEquals(9, JSON.readTree(out.resolve("run.json").toFile()).get("clips").asInt());

        // a question whose candidate video is missing: refused, then dropped and counted with --allow-missing
        Files.writeString(file, json.substring(0, json.length() - 1) + ", \"11\": "
                + question("#C C looks around", 1, 1, choice("vidA", 0, 1), choice("gone", 0, 1), choice("vidB", 0, 1),
                        choice("vidB", 1, 2), choice("vidA", 1, 2)) + "}");
        EvalFixtures.Run refused = EvalFixtures.cli("eval", "--task", "egomcq", "--annotations", file.toString(),
                "--video-root", root.toString(), "--out", tmp.resolve("mcq-x").toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("gone@0.0-1.0") && refused.err().contains("--allow-missing"), refused.err());
        EvalFixtures.Run allowed = EvalFixtures.cli("eval", "--task", "egomcq", "--annotations", file.toString(),
                "--video-root", root.toString(), "--out", tmp.resolve("mcq-y").toString(), "--allow-missing", "--json");
        assertEquals(0, allowed.exit(), allowed.err());
        JsonNode my = JSON.readTree(allowed.out());
        assertEquals(1, my.at("/excluded/missing_questions").asInt());
        assertEquals(1, my.at("/excluded/missing_clips").asInt());
        assertEquals(m.get("accuracy"), my.get("accuracy"));
    }

    @Test
    void charadesEgoMapOverWholeVideosWithPromptTemplates() throws IOException {
        Path root = tmp.resolve("charades");
        String[] ids = {"AAA1EGO", "BBB2EGO", "CCC3EGO", "DDD4EGO"};
        for (int i = 0; i < ids.length; i++) {
            EvalFixtures.video(root.resolve(ids[i] + ".mp4"), new Color(40 + 50 * i, 120, 200 - 40 * i), 30, i + 3);
        }
        Path classes = Files.writeString(tmp.resolve("Charades_v1_classes.txt"),
                "c000 Holding some clothes\nc001 Washing a cup\nc002 Opening a door\nc003 Sitting in a chair\n");
        String header = "id,subject,scene,quality,relevance,verified,script,objects,descriptions,actions,length\n";
        Path csv = Files.writeString(tmp.resolve("CharadesEgo_v1_test_only1st.csv"), header
                + "AAA1EGO,S1,Kitchen,6,7,Yes,a script,cup,d,c000 0.0 1.5;c001 1.0 3.0,3.0\n"
                + "BBB2EGO,S1,Hall,6,7,Yes,a script,door,d,c002 0.5 2.0,3.0\n"
                + "CCC3EGO,S2,Bedroom,6,7,Yes,a script,,d,,3.0\n"
                + "DDD4EGO,S2,Kitchen,6,7,Yes,a script,cup,d,c001 0.0 2.0;c002 2.0 3.0,3.0\n");
        Path out = tmp.resolve("charades-run");
        EvalFixtures.Run r = EvalFixtures.cli("eval", "--task", "charades-ego", "--frames", "4", "--annotations",
                csv.toString(), "--classes", classes.toString(), "--video-root", root.toString(), "--out",
                out.toString(), "--templates");
        assertEquals(0, r.exit(), r.err());
        DenseMatrix s = DenseMatrix.readNpy(out.resolve("similarity.npy"));
        assertEquals(4, s.rows());
        assertEquals(4, s.cols());
        boolean[][] labels = {{true, true, false, false}, {false, false, true, false}, {false, false, false, false},
            {false, true, true, false}};
        // class mAP by hand: unlabelled video last, precision at each positive, classes without positives left out
        double sum = 0;
        int defined = 0;
        for (int c = 0; c < 4; c++) {
            double[] col = new double[4];
            for (int v = 0; v < 4; v++) {
                col[v] = v == 2 ? Double.NEGATIVE_INFINITY : s.get(v, c);
            }
            Integer[] order = org.egolens.model.eval.run.ReferenceMetrics.byScore(col);
            int tp = 0;
            double prec = 0;
            for (int k = 0; k < 4; k++) {
                if (labels[order[k]][c]) {
                    tp++;
                    prec += (double) tp / (k + 1);
                }
            }
            if (tp > 0) {
                sum += prec / tp;
                defined++;
            }
        }
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(sum / defined, m.get("mAP").asDouble(), 1e-12);
        assertEquals(1, m.at("/excluded/classes_without_positives").asInt());
        assertEquals("2", EvalFixtures.csv(out.resolve("per_class.csv")).get(1).get("positives"));

        // class 1 from its two prompts, video 0 from 4 frames over the whole video
        float[][] p = model.encodeTexts(List.of("#C C Washing a cup", "#C Washing a cup"));
        float[] mean = new float[p[0].length];
        double n2 = 0;
        for (int k = 0; k < mean.length; k++) {
            mean[k] = (p[0][k] + p[1][k]) / 2;
            n2 += mean[k] * mean[k];
        }
        for (int k = 0; k < mean.length; k++) {
            mean[k] /= (float) Math.sqrt(n2);
        }
        float[] v = model.encodeVideos(new JavaCvVideoSource().sample(ClipWindow.whole("a",
                root.resolve("AAA1EGO.mp4")), 4, 64, null))[0];
        assertEquals(EvalFixtures.dot(v, mean), s.get(0, 1), 1e-4);
        assertTrue(JSON.readTree(out.resolve("run.json").toFile()).get("templates").asBoolean());
    }

    @Test
    void egteaAccuraciesFromTheArgmaxOverActionPrompts() throws IOException {
        Path root = tmp.resolve("cropped_clips");
        String session = "OP01-R01-PastaSalad";
        String[] clips = {session + "-100-200-F1-F3", session + "-300-400-F4-F6", session + "-500-600-F7-F9",
            session + "-700-800-F10-F12", session + "-900-950-F13-F15"};
        for (int i = 0; i < clips.length; i++) {
            EvalFixtures.video(root.resolve(session).resolve(clips[i] + ".mp4"), new Color(30 * i, 200 - 30 * i, 90),
                    20, 7 + i);
        }
        Path actions = Files.writeString(tmp.resolve("action_idx.txt"), "Take_bowl 1\nCut_tomato 2\nWash_hands 3\n");
        int[] truth = {0, 1, 2, 0, 0};
        StringBuilder split = new StringBuilder();
        for (int i = 0; i < clips.length; i++) {
            split.append(clips[i]).append(' ').append(truth[i] + 1).append(" 1 1\n");
        }
        Path test = Files.writeString(tmp.resolve("test_split1.txt"), split.toString());
        Path out = tmp.resolve("egtea-run");
        EvalFixtures.Run r = EvalFixtures.cli("eval", "--task", "egtea", "--frames", "4", "--annotations",
                test.toString(), "--classes", actions.toString(), "--video-root", root.toString(), "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        DenseMatrix s = DenseMatrix.readNpy(out.resolve("similarity.npy"));
        assertEquals(5, s.rows());
        assertEquals(3, s.cols());
        int right = 0;
        int[] perClassRight = new int[3];
        int[] perClass = new int[3];
        for (int i = 0; i < 5; i++) {
            int best = 0;
            for (int c = 1; c < 3; c++) {
                best = s.get(i, c) > s.get(i, best) ? c : best;
            }
            perClass[truth[i]]++;
            if (best == truth[i]) {
                right++;
                perClassRight[truth[i]]++;
            }
        }
        double meanClass = ((double) perClassRight[0] / perClass[0] + perClassRight[1] + perClassRight[2]) / 3;
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(right / 5.0, m.get("top1").asDouble(), 1e-12);
        assertEquals(meanClass, m.get("mean_class_accuracy").asDouble(), 1e-12);
        float[] t = model.encodeTexts(List.of("cut tomato"))[0];
        float[] v = model.encodeVideos(new JavaCvVideoSource().sample(ClipWindow.whole("x",
                root.resolve(session).resolve(clips[3] + ".mp4")), 4, 64, null))[0];
        assertEquals(EvalFixtures.dot(v, t), s.get(3, 1), 1e-4);
        assertTrue(JSON.readTree(out.resolve("run.json").toFile()).get("protocol").asText().contains("one"));
    }
}
