package org.egolens.model.eval.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.eval.DenseMatrix;
import org.egolens.model.eval.EgoMcqClip;
import org.egolens.model.eval.EgoMcqMetrics;
import org.egolens.model.eval.EgoMcqQuestion;
import org.egolens.model.eval.EgoMcqReader;
import org.egolens.model.eval.EgoMcqResult;

/**
 * EgoMCQ with a model (docs §5.2): embed each question's query narration and its candidate clips (windows
 * {@code [clip_start, clip_end]} seconds of {@code <root>/<video_uid>.mp4}), predict the candidate of highest cosine
 * similarity, report accuracy for inter- and intra-video questions. A clip shared by several questions is embedded once.
 * With missing clips allowed, a question with a missing candidate is dropped (it cannot be answered fairly) and counted.
 *
 * <p>Output: {@code similarity.npy} {@code (questions, choices)} (NaN pads questions with fewer choices), and
 * {@code per_query.csv}: {@code key, type, answer, predicted, correct, query_text}.
 */
final class EgoMcqTask {
    static final String PROTOCOL = "EgoMCQ (docs 5.2): query narration vs. each candidate clip (T frames at segment"
            + " centres of [clip_start, clip_end] of <video_uid>.mp4); argmax cosine; accuracy per question type";
    static final String PER_QUERY = "per_query.csv";

    private EgoMcqTask() {}

    /** Clip id of a candidate: {@code <video_uid>@<start>-<end>}. */
    static String clipId(EgoMcqClip c) {
        return c.videoUid() + "@" + c.clipStart() + "-" + c.clipEnd();
    }

    static EvalJob.Output run(EvalJob job) throws IOException {
        EvalRequest req = job.request;
        List<EgoMcqQuestion> questions = EgoMcqReader.read(req.annotations());
        VideoLocator videos = new VideoLocator(req.videoRoot());
        Map<String, ClipWindow> windows = new LinkedHashMap<>();
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (EgoMcqQuestion q : questions) {
            for (EgoMcqClip c : q.choices()) {
                String id = clipId(c);
                if (ids.add(id)) {
                    ClipWindow w = job.window(id, videos.find(null, c.videoUid()), c.clipStart(), c.clipEnd());
                    if (w != null) {
                        windows.put(id, w);
                    }
                }
            }
        }
        List<String> texts = questions.stream().map(q -> q.query().clipText()).toList();
        EvalProgress progress = new EvalProgress(job.monitor, ids.size(), new LinkedHashSet<>(texts).size());
        ClipEmbeddings emb = job.embed(new ArrayList<>(windows.values()), progress);
        job.checkMissing(emb, ids.size());

        List<EgoMcqQuestion> kept = new ArrayList<>();
        List<String> keptTexts = new ArrayList<>();
        for (EgoMcqQuestion q : questions) {
            if (q.choices().stream().allMatch(c -> emb.has(clipId(c)))) {
                kept.add(q);
                keptTexts.add(q.query().clipText());
            }
        }
        if (kept.isEmpty()) {
            throw new IOException("no EgoMCQ question has all its candidate clips; first missing: "
                    + emb.failed().get(0).clipId() + ": " + emb.failed().get(0).reason());
        }
        float[][] t = TextEmbedder.embed(job.model, keptTexts, req.options().batchSize(), progress);
        progress.step("scoring " + kept.size() + " questions");
        int width = kept.stream().mapToInt(q -> q.choices().size()).max().orElse(0);
        double[][] scores = new double[kept.size()][];
        float[] flat = new float[kept.size() * width];
        Arrays.fill(flat, Float.NaN);
        for (int q = 0; q < kept.size(); q++) {
            List<EgoMcqClip> choices = kept.get(q).choices();
            float[][] v = choices.stream().map(c -> emb.get(clipId(c))).toArray(float[][]::new);
            DenseMatrix s = Similarity.cosine(new float[][] {t[q]}, v);
            scores[q] = new double[choices.size()];
            for (int c = 0; c < choices.size(); c++) {
                scores[q][c] = s.get(0, c);
                flat[q * width + c] = (float) scores[q][c];
            }
        }
        // the metric sees the same float32 values that similarity.npy holds
        EgoMcqResult result = EgoMcqMetrics.evaluate(kept, scores);
        EvalIo.writeCsv(req.outDir().resolve(PER_QUERY), List.of("key", "type", "answer", "predicted", "correct",
                "query_text"), p -> {
                    for (int q = 0; q < kept.size(); q++) {
                        int pred = argmax(scores[q]);
                        EgoMcqQuestion question = kept.get(q);
                        p.printRecord(question.key(), question.type().label(), question.answer(), pred,
                                pred == question.answer() ? 1 : 0, question.query().clipText());
                    }
                });
        ObjectNode metrics = EvalIo.JSON.createObjectNode();
        ObjectNode acc = metrics.putObject("accuracy");
        EvalIo.put(acc, "inter_video", result.interAccuracy());
        EvalIo.put(acc, "intra_video", result.intraAccuracy());
        ObjectNode counts = metrics.putObject("counts");
        counts.putObject("inter_video").put("correct", result.interCorrect()).put("total", result.interTotal());
        counts.putObject("intra_video").put("correct", result.intraCorrect()).put("total", result.intraTotal());
        metrics.putObject("excluded").put("missing_questions", questions.size() - kept.size())
                .put("missing_clips", emb.failed().size());
        return new EvalJob.Output(metrics, DenseMatrix.ofFloats(kept.size(), width, flat), ids.size(), emb,
                emb.failed(), PROTOCOL, null);
    }

    /** First index of the largest score (the rule of {@link EgoMcqMetrics}). */
    private static int argmax(double[] s) {
        int best = 0;
        for (int c = 1; c < s.length; c++) {
            if (s[c] > s[best]) {
                best = c;
            }
        }
        return best;
    }
}
