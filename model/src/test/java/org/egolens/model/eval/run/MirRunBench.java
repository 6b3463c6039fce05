package org.egolens.model.eval.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.eval.DenseMatrix;
import org.egolens.model.eval.MirTestSet;
import org.egolens.model.testing.SharedData;

/**
 * Benchmark (not a test): the model-independent part of a full-size EK-100 MIR evaluation (9,668 × 3,842) as
 * {@code MirTask} runs it after embedding — cosine similarity of D-dimensional unit embeddings, relevancy build, graded
 * mAP and nDCG both ways, writing {@code similarity.npy} and the per-query CSVs. Run with the model test classpath:
 * {@code java -cp … org.egolens.model.eval.run.MirRunBench [D] [repeats]} from the project root. It then runs the numpy
 * reference {@code experiments/bench/mir_numpy.py} on the same similarity and relevancy matrices and prints both.
 */
public final class MirRunBench {
    private MirRunBench() {}

    public static void main(String[] args) throws Exception {
        int d = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dir = SharedData.root().resolve("ek100/retrieval_annotations");
        MirTestSet set = MirTestSet.load(dir.resolve("EPIC_100_retrieval_test.csv"),
                dir.resolve("EPIC_100_retrieval_test_sentence.csv"));
        int n = set.clips().size();
        Random rnd = new Random(3);
        float[][] v = unit(rnd, n, d);
        float[][] t = unit(rnd, set.sentences().size(), d);
        int[] kept = new int[n];
        Arrays.setAll(kept, i -> i);
        List<Ek100Clip> clips = set.clips();
        List<String> texts = new ArrayList<>();
        for (int row : set.sentenceClipRows()) {
            texts.add(clips.get(row).narration());
        }
        Path out = Files.createTempDirectory("mir-run-bench");
        System.out.printf(Locale.ROOT, "%d clips x %d sentences, D=%d, %d CPUs%n", n, t.length, d,
                Runtime.getRuntime().availableProcessors());
        for (int k = 0; k < repeats; k++) {
            long a = System.nanoTime();
            long ca = cpuNanos();
            DenseMatrix s = Similarity.cosine(v, t);
            long b = System.nanoTime();
            long cb = cpuNanos();
            MirEvaluation e = MirTask.evaluation(set, kept, clips, texts, s);
            long c = System.nanoTime();
            long cc = cpuNanos();
            s.writeNpy(out.resolve("similarity.npy"));
            MirTask.writePerQuery(out, e);
            long f = System.nanoTime();
            long cf = cpuNanos();
            System.out.printf(Locale.ROOT, "wall / CPU ms: similarity %d / %d, relevancy + metrics %d / %d, write %d / %d,"
                    + " total %d / %d (mAP avg %.4f)%n", (b - a) / 1_000_000, (cb - ca) / 1_000_000,
                    (c - b) / 1_000_000, (cc - cb) / 1_000_000, (f - c) / 1_000_000, (cf - cc) / 1_000_000,
                    (f - a) / 1_000_000, (cf - ca) / 1_000_000, e.result().mAP().avg());
        }
        // The reference: numpy over the same S and R, as the official metric code computes them.
        DenseMatrix s = Similarity.cosine(v, t);
        MirEvaluation e = MirTask.evaluation(set, kept, clips, texts, s);
        s.writeNpy(out.resolve("similarity.npy"));
        e.relevancy().writeNpy(out.resolve("relevancy.npy"));
        Path script = Path.of("experiments", "bench", "mir_numpy.py");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), out.resolve("similarity.npy").toString(),
                out.resolve("relevancy.npy").toString()).redirectErrorStream(true).start();
        String ref = new String(p.getInputStream().readAllBytes()).trim();
        System.out.printf(Locale.ROOT, "numpy reference (exit %d): %s%n", p.waitFor(), ref);
        System.out.printf(Locale.ROOT, "EgoLens metrics: mAP V->T %.6f T->V %.6f, nDCG V->T %.6f T->V %.6f%n",
                e.result().mAP().v2t(), e.result().mAP().t2v(), e.result().nDCG().v2t(), e.result().nDCG().t2v());
        try (var w = Files.walk(out)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** CPU time of the whole process (all threads), ns; -1 if the JVM does not expose it. */
    private static long cpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static float[][] unit(Random rnd, int rows, int d) {
        float[][] m = new float[rows][d];
        for (float[] r : m) {
            double n2 = 0;
            for (int k = 0; k < d; k++) {
                r[k] = (float) rnd.nextGaussian();
                n2 += r[k] * r[k];
            }
            float inv = (float) (1 / Math.sqrt(n2));
            for (int k = 0; k < d; k++) {
                r[k] *= inv;
            }
        }
        return m;
    }
}
