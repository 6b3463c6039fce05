package org.egolens.model.eval.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.eval.DenseMatrix;
import org.egolens.model.eval.EgteaAction;
import org.egolens.model.eval.EgteaClip;
import org.egolens.model.eval.EgteaFiles;
import org.egolens.model.eval.EgteaMetrics;
import org.egolens.model.eval.EgteaResult;

/**
 * EGTEA Gaze+ zero-shot with a model (docs §5.4): each trimmed clip ({@code <root>/<OPxx-Ryy-Recipe>/<clip_id>.mp4})
 * embedded from T frames at the segment centres of the whole clip, centre crop; each action by its prompt
 * ({@link EgteaAction#prompt()}, optionally template-averaged); prediction = class of highest cosine; top-1 and mean
 * class accuracy by {@link EgteaMetrics}.
 *
 * <p>Protocol choice: one view per clip. The reference evaluation averages 10 temporal clips × 3 spatial crops (max
 * over clips); the decoder samples one centre-cropped view, so numbers are single-view numbers (typically a little
 * lower) and say so in {@code run.json}. With missing clips allowed they are dropped and counted.
 *
 * <p>Output: {@code similarity.npy} {@code (clips, classes)}, {@code per_query.csv}
 * ({@code clip_id, truth, predicted, correct}) and {@code per_class.csv} ({@code class, id, name, clips, accuracy}).
 */
final class EgteaTask {
    static final String PROTOCOL = "EGTEA Gaze+ (docs 5.4): one centre-cropped view of T frames at segment centres of"
            + " the whole clip (the reference uses 10 temporal x 3 spatial views); action prompts; top-1 and mean class"
            + " accuracy";
    static final String PER_QUERY = "per_query.csv";
    static final String PER_CLASS = "per_class.csv";

    private EgteaTask() {}

    static EvalJob.Output run(EvalJob job) throws IOException {
        EvalRequest req = job.request;
        List<EgteaAction> actions = EgteaFiles.readActions(req.auxiliaryFile());
        List<EgteaClip> clips = EgteaFiles.readSplit(req.annotations());
        int[] truth = EgteaFiles.classIndices(clips, actions);
        VideoLocator locator = new VideoLocator(req.videoRoot());
        List<ClipWindow> windows = new ArrayList<>();
        for (EgteaClip c : clips) {
            windows.add(ClipWindow.whole(c.clipId(), locator.find(c.videoId(), c.clipId())));
        }
        List<String> templates = req.options().templates() ? EvalOptions.PROMPT_TEMPLATES : List.of("{}");
        EvalProgress progress = new EvalProgress(job.monitor, windows.size(), actions.size() * templates.size());
        ClipEmbeddings emb = job.embed(windows, progress);
        job.checkMissing(emb, clips.size());

        List<float[]> v = new ArrayList<>();
        List<EgteaClip> kept = new ArrayList<>();
        List<Integer> keptTruth = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            if (emb.has(clips.get(i).clipId())) {
                v.add(emb.get(clips.get(i).clipId()));
                kept.add(clips.get(i));
                keptTruth.add(truth[i]);
            }
        }
        float[][] c = TextEmbedder.embedPrompts(job.model, actions.stream().map(EgteaAction::prompt).toList(),
                templates, req.options().batchSize(), progress);
        progress.step("scoring " + v.size() + " clips");
        DenseMatrix s = Similarity.cosine(v.toArray(float[][]::new), c);
        int[] t = keptTruth.stream().mapToInt(Integer::intValue).toArray();
        EgteaResult result = EgteaMetrics.evaluate(t, s);
        double[] row = new double[s.cols()];
        EvalIo.writeCsv(req.outDir().resolve(PER_QUERY), List.of("clip_id", "truth", "predicted", "correct"), p -> {
            for (int i = 0; i < kept.size(); i++) {
                s.copyRow(i, row);
                int pred = 0;
                for (int k = 1; k < row.length; k++) {
                    if (row[k] > row[pred]) {
                        pred = k;
                    }
                }
                p.printRecord(kept.get(i).clipId(), t[i], pred, pred == t[i] ? 1 : 0);
            }
        });
        double[] perClass = result.perClassAccuracy();
        EvalIo.writeCsv(req.outDir().resolve(PER_CLASS), List.of("class", "id", "name", "clips", "accuracy"), p -> {
            for (EgteaAction a : actions) {
                long n = keptTruth.stream().filter(x -> x == a.index()).count();
                p.printRecord(a.index(), a.id(), a.name(), n, EvalIo.num(perClass[a.index()]));
            }
        });
        ObjectNode metrics = EvalIo.JSON.createObjectNode();
        EvalIo.put(metrics, "top1", result.top1());
        EvalIo.put(metrics, "mean_class_accuracy", result.meanClassAccuracy());
        metrics.putObject("excluded").put("classes_without_clips", result.excludedClasses())
                .put("missing_clips", emb.failed().size());
        return new EvalJob.Output(metrics, s, clips.size(), emb, emb.failed(), PROTOCOL, null);
    }
}
