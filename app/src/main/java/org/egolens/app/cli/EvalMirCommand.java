package org.egolens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.egolens.model.eval.DenseMatrix;
import org.egolens.model.eval.MirMetrics;
import org.egolens.model.eval.MirResult;
import org.egolens.model.eval.MirTestSet;
import org.egolens.model.eval.RelevancyMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code egolens eval-mir}: EK-100 Multi-Instance Retrieval scores of a similarity matrix (docs §2): mAP and nDCG for
 * video→text, text→video and their average, as a table or as JSON
 * ({@code {"mAP": {"v2t", "t2v", "avg"}, "nDCG": {…}, "excluded": {…}}}, fractions 0–1).
 *
 * <p>Exit codes: 0 success, 1 unreadable or inconsistent input (message on stderr), 2 bad command line.
 */
@Command(name = "eval-mir", mixinStandardHelpOptions = true,
        description = "Scores an EK-100 MIR similarity matrix: mAP and nDCG, V->T, T->V and average (fractions 0-1).")
public final class EvalMirCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--similarity", required = true, paramLabel = "SIM.npy",
            description = "2-D .npy of video-text similarities: (videos, sentences), or (videos, videos) with each "
                    + "video row's own narration as columns (sentence columns are then picked by narration_id).")
    private Path similarity;

    @Option(names = "--annotations", required = true, paramLabel = "TEST.csv",
            description = "Clip annotation CSV (rows of the matrix), e.g. EPIC_100_retrieval_test.csv.")
    private Path annotations;

    @Option(names = "--sentences", required = true, paramLabel = "TEST_SENTENCE.csv",
            description = "Sentence CSV (columns of the matrix), e.g. EPIC_100_retrieval_test_sentence.csv.")
    private Path sentences;

    @Option(names = "--relevancy", paramLabel = "REL.npy",
            description = "Relevancy matrix (videos, sentences) as .npy; default: rebuilt from the two CSVs.")
    private Path relevancy;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            MirTestSet set = MirTestSet.load(annotations, sentences);
            RelevancyMatrix rel = relevancy == null ? set.relevancy() : RelevancyMatrix.readNpy(relevancy);
            if (rel.videos() != set.clips().size() || rel.sentences() != set.sentences().size()) {
                throw new IllegalArgumentException(relevancy + ": relevancy has shape (" + rel.videos() + ", "
                        + rel.sentences() + "), the annotations give (" + set.clips().size() + ", " + set.sentences().size() + ")");
            }
            DenseMatrix sim;
            try {
                sim = set.sentenceSimilarity(DenseMatrix.readNpy(similarity));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(similarity + ": " + e.getMessage(), e);
            }
            MirResult result = MirMetrics.evaluate(sim, rel);
            if (json) {
                out.println(result.toJson());
            } else {
                printTable(out, result, set);
            }
            out.flush();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("eval-mir: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static void printTable(PrintWriter out, MirResult r, MirTestSet set) {
        out.printf(Locale.ROOT, "EK-100 MIR: %d videos x %d sentences%n", set.clips().size(), set.sentences().size());
        out.printf(Locale.ROOT, "%-6s %10s %10s %10s%n", "", "V->T", "T->V", "avg");
        row(out, "mAP", r.mAP());
        row(out, "nDCG", r.nDCG());
        MirResult.Excluded e = r.excluded();
        out.printf(Locale.ROOT, "excluded queries: mAP V->T %d, T->V %d; nDCG V->T %d, T->V %d%n",
                e.mapV2T(), e.mapT2V(), e.ndcgV2T(), e.ndcgT2V());
    }

    private static void row(PrintWriter out, String name, MirResult.Scores s) {
        out.printf(Locale.ROOT, "%-6s %10s %10s %10s%n", name, fmt(s.v2t()), fmt(s.t2v()), fmt(s.avg()));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.6f", v);
    }
}
