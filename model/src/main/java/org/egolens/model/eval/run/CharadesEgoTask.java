package org.egolens.model.eval.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.eval.CharadesClass;
import org.egolens.model.eval.CharadesEgoFiles;
import org.egolens.model.eval.CharadesMetrics;
import org.egolens.model.eval.CharadesVideo;
import org.egolens.model.eval.ClassMapResult;
import org.egolens.model.eval.DenseMatrix;

/**
 * Charades-Ego zero-shot with a model (docs §5.3): one embedding per <em>untrimmed</em> video (T frames at the centres
 * of T equal segments of the whole video, i.e. sparse sampling), one per class text (optionally the average of the
 * prompt templates), class scores = cosine similarity, class mAP by {@link CharadesMetrics}. With missing videos
 * allowed they are dropped and counted.
 *
 * <p>Output: {@code similarity.npy} {@code (videos, classes)} and {@code per_class.csv}:
 * {@code class, id, name, positives, ap}.
 */
final class CharadesEgoTask {
    static final String PROTOCOL = "Charades-Ego (docs 5.3): whole untrimmed video, T frames sparse (segment centres);"
            + " class texts (templates averaged when on); class mAP, unlabelled videos ranked last";
    static final String PER_CLASS = "per_class.csv";

    private CharadesEgoTask() {}

    static EvalJob.Output run(EvalJob job) throws IOException {
        EvalRequest req = job.request;
        List<CharadesClass> classes = CharadesEgoFiles.readClasses(req.auxiliaryFile());
        List<CharadesVideo> videos = CharadesEgoFiles.readVideos(req.annotations());
        boolean[][] labels = CharadesEgoFiles.labels(videos, classes);
        VideoLocator locator = new VideoLocator(req.videoRoot());
        List<ClipWindow> windows = new ArrayList<>();
        for (CharadesVideo v : videos) {
            windows.add(ClipWindow.whole(v.id(), locator.find(null, v.id())));
        }
        List<String> templates = req.options().templates() ? EvalOptions.PROMPT_TEMPLATES : List.of("{}");
        EvalProgress progress = new EvalProgress(job.monitor, windows.size(), classes.size() * templates.size());
        ClipEmbeddings emb = job.embed(windows, progress);
        job.checkMissing(emb, videos.size());

        List<float[]> v = new ArrayList<>();
        List<boolean[]> keptLabels = new ArrayList<>();
        for (int i = 0; i < videos.size(); i++) {
            if (emb.has(videos.get(i).id())) {
                v.add(emb.get(videos.get(i).id()));
                keptLabels.add(labels[i]);
            }
        }
        float[][] c = TextEmbedder.embedPrompts(job.model, classes.stream().map(CharadesClass::name).toList(),
                templates, req.options().batchSize(), progress);
        progress.step("scoring " + v.size() + " videos");
        DenseMatrix s = Similarity.cosine(v.toArray(float[][]::new), c);
        boolean[][] truth = keptLabels.toArray(boolean[][]::new);
        ClassMapResult result = CharadesMetrics.meanAp(s, truth);
        double[] ap = result.perClassAp();
        EvalIo.writeCsv(req.outDir().resolve(PER_CLASS), List.of("class", "id", "name", "positives", "ap"), p -> {
            for (CharadesClass k : classes) {
                int positives = 0;
                for (boolean[] row : truth) {
                    positives += row[k.index()] ? 1 : 0;
                }
                p.printRecord(k.index(), k.id(), k.name(), positives, EvalIo.num(ap[k.index()]));
            }
        });
        ObjectNode metrics = EvalIo.JSON.createObjectNode();
        EvalIo.put(metrics, "mAP", result.mAP());
        metrics.putObject("excluded").put("classes_without_positives", result.excludedClasses())
                .put("missing_videos", emb.failed().size());
        return new EvalJob.Output(metrics, s, videos.size(), emb, emb.failed(), PROTOCOL, null);
    }
}
