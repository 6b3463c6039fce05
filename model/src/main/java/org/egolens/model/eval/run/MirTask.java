package org.egolens.model.eval.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.eval.DenseMatrix;
import org.egolens.model.eval.MirMetrics;
import org.egolens.model.eval.MirResult;
import org.egolens.model.eval.MirTestSet;
import org.egolens.model.eval.RelevancyMatrix;

/**
 * EK-100 MIR with a model (docs §2.2): embed every clip row of the test file and every row's narration, score
 * {@code S = V·Tᵀ}, keep the sentence columns by {@code narration_id}, and compute graded mAP and nDCG against the
 * relevancy matrix rebuilt from the CSVs (§2.5).
 *
 * <p>Computed directly as {@code S[i][j] = v_i · t(narration of row sentenceClipRows[j])}, which is column
 * {@code sentenceClipRows[j]} of the full {@code (videos, videos)} matrix, i.e. {@link MirTestSet#sentenceSimilarity}
 * of it, without holding the 9,668 × 9,668 matrix. The reference rescaling {@code (S+1)/2} is not applied: it is the
 * same monotone map for every query, so rankings and all four numbers are unchanged, and {@code similarity.npy} keeps
 * plain cosines. With missing clips allowed, their rows are dropped from {@code S} and {@code R}; the sentence columns
 * stay (their text and classes come from the annotation row, which exists).
 */
final class MirTask {
    static final String PROTOCOL = "EK-100 MIR (docs 2.2): each test row's clip and narration embedded; S = V.T^T over"
            + " test rows, sentence columns by narration_id; cosine similarity ((S+1)/2 not applied: same ranking);"
            + " graded mAP and nDCG against the relevancy rebuilt from the CSVs";
    /** Per-query file of the clip queries. */
    static final String PER_QUERY_V2T = "per_query_v2t.csv";
    /** Per-query file of the sentence queries. */
    static final String PER_QUERY_T2V = "per_query_t2v.csv";

    private MirTask() {}

    static EvalJob.Output run(EvalJob job) throws IOException {
        EvalRequest req = job.request;
        MirTestSet set = MirTestSet.load(req.annotations(), req.auxiliaryFile());
        VideoLocator videos = new VideoLocator(req.videoRoot());
        List<ClipWindow> windows = new ArrayList<>();
        for (Ek100Clip c : set.clips()) {
            ClipWindow w = job.window(c.narrationId(), videos.find(c.participantId(), c.videoId()), c.startSec(),
                    c.stopSec());
            if (w != null) {
                windows.add(w);
            }
        }
        int[] ownRow = set.sentenceClipRows();
        List<String> texts = new ArrayList<>(ownRow.length);
        for (int row : ownRow) {
            texts.add(set.clips().get(row).narration());
        }
        EvalProgress progress = new EvalProgress(job.monitor, set.clips().size(), new LinkedHashSet<>(texts).size());
        ClipEmbeddings emb = job.embed(windows, progress);
        job.checkMissing(emb, set.clips().size());

        int n = set.clips().size();
        int[] keptPosition = new int[n];
        Arrays.fill(keptPosition, -1);
        List<Ek100Clip> kept = new ArrayList<>();
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Ek100Clip c = set.clips().get(i);
            if (emb.has(c.narrationId())) {
                keptPosition[i] = kept.size();
                kept.add(c);
                v.add(emb.get(c.narrationId()));
            }
        }
        float[][] t = TextEmbedder.embed(job.model, texts, req.options().batchSize(), progress);
        progress.checkCancelled("scoring");
        progress.step("scoring " + kept.size() + " \u00d7 " + texts.size());
        DenseMatrix s = Similarity.cosine(v.toArray(float[][]::new), t);
        MirEvaluation mir = evaluation(set, keptPosition, kept, texts, s);
        writePerQuery(req.outDir(), mir);
        ObjectNode metrics = (ObjectNode) EvalIo.JSON.readTree(mir.result().toJson());
        ((ObjectNode) metrics.get("excluded")).put("missing_clips", emb.failed().size());
        return new EvalJob.Output(metrics, s, n, emb, emb.failed(), PROTOCOL, mir);
    }

    /**
     * Scores {@code s} (kept rows × sentences) against the relevancy of the kept rows.
     *
     * @param keptPosition for each clip row of {@code set}, its row in {@code s}, or −1 when it was not scored
     */
    static MirEvaluation evaluation(MirTestSet set, int[] keptPosition, List<Ek100Clip> kept, List<String> texts,
            DenseMatrix s) {
        int n = set.clips().size();
        RelevancyMatrix full = set.relevancy();
        RelevancyMatrix r = kept.size() == n ? full : RelevancyMatrix.of(selectRows(full.values(), keptPosition,
                kept.size()));
        MirResult result = MirMetrics.evaluate(s, r);
        int[] ownRow = set.sentenceClipRows();
        int[] own = new int[ownRow.length];
        for (int j = 0; j < own.length; j++) {
            own[j] = keptPosition[ownRow[j]];
        }
        return new MirEvaluation(kept, set.sentences(), texts, own, s, r, result);
    }

    /**
     * Reads a finished MIR run back: its annotation files (from {@code run.json}), {@code similarity.npy}, and the
     * rows it scored (all but its missing clips); the metrics are recomputed from these.
     *
     * @throws IOException if a file is missing or the similarity does not match the annotations (names the file)
     */
    static MirEvaluation load(EvalSummary run) throws IOException {
        EvalRecord rec = run.record();
        if (rec.task() != EvalTask.EK100_MIR) {
            throw new IllegalArgumentException(run.dir() + " is a " + rec.task().id() + " run, not ek100-mir");
        }
        MirTestSet set = MirTestSet.load(rec.annotations(), rec.auxiliary() != null ? rec.auxiliary()
                : EvalRequest.defaultAuxiliary(EvalTask.EK100_MIR, rec.annotations()));
        java.util.Set<String> missing = new java.util.HashSet<>();
        rec.missing().forEach(m -> missing.add(m.clipId()));
        int[] keptPosition = new int[set.clips().size()];
        List<Ek100Clip> kept = new ArrayList<>();
        for (int i = 0; i < keptPosition.length; i++) {
            Ek100Clip c = set.clips().get(i);
            keptPosition[i] = missing.contains(c.narrationId()) ? -1 : kept.size();
            if (keptPosition[i] >= 0) {
                kept.add(c);
            }
        }
        Path file = run.dir().resolve(EvalRunner.SIMILARITY_FILE);
        DenseMatrix s = DenseMatrix.readNpy(file);
        if (s.rows() != kept.size() || s.cols() != set.sentences().size()) {
            throw new IOException(file + ": shape (" + s.rows() + ", " + s.cols() + ") does not match the "
                    + kept.size() + " scored clips and " + set.sentences().size() + " sentences of "
                    + rec.annotations());
        }
        List<String> texts = new ArrayList<>();
        for (int row : set.sentenceClipRows()) {
            texts.add(set.clips().get(row).narration());
        }
        return evaluation(set, keptPosition, kept, texts, s);
    }

    /** Rows {@code i} with {@code position[i] >= 0}, placed at {@code position[i]}. */
    static DenseMatrix selectRows(DenseMatrix m, int[] position, int count) {
        int cols = m.cols();
        float[] out = new float[Math.multiplyExact(count, cols)];
        double[] row = new double[cols];
        for (int i = 0; i < m.rows(); i++) {
            if (position[i] < 0) {
                continue;
            }
            m.copyRow(i, row);
            int base = position[i] * cols;
            for (int j = 0; j < cols; j++) {
                out[base + j] = (float) row[j];
            }
        }
        return DenseMatrix.ofFloats(count, cols, out);
    }

    static void writePerQuery(Path dir, MirEvaluation e) throws IOException {
        for (MirDirection d : MirDirection.values()) {
            String file = d == MirDirection.V2T ? PER_QUERY_V2T : PER_QUERY_T2V;
            String index = d == MirDirection.V2T ? "row" : "column";
            EvalIo.writeCsv(dir.resolve(file), List.of(index, "narration_id", "narration", "ap", "ndcg"), p -> {
                for (int q = 0; q < e.queries(d); q++) {
                    p.printRecord(q, e.queryId(d, q), e.queryText(d, q), EvalIo.num(e.ap(d, q)),
                            EvalIo.num(e.ndcg(d, q)));
                }
            });
        }
    }
}
