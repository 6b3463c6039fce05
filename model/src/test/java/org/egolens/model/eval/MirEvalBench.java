package org.egolens.model.eval;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.egolens.model.testing.SharedData;

/**
 * Benchmark (not a test): builds the EK-100 test relevancy (9,668 × 3,842) and times {@link MirMetrics#evaluate} on
 * a float32 random similarity and on a float64 one. Run with the model test classpath:
 * {@code java -cp <model classes + test classes + deps> org.egolens.model.eval.MirEvalBench [repeats]}.
 */
public final class MirEvalBench {
    private MirEvalBench() {}

    /** CPU time of the whole process (all threads), ns; -1 if the JVM does not expose it. */
    private static long cpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = SharedData.root().resolve("ek100/retrieval_annotations");
        long t0 = System.nanoTime();
        MirTestSet set = MirTestSet.load(dir.resolve("EPIC_100_retrieval_test.csv"),
                dir.resolve("EPIC_100_retrieval_test_sentence.csv"));
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "read CSVs: %d ms (%d clips, %d sentences), %d CPUs%n", (t1 - t0) / 1_000_000,
                set.clips().size(), set.sentences().size(), Runtime.getRuntime().availableProcessors());
        RelevancyMatrix r = null;
        for (int k = 0; k < repeats; k++) {
            long a = System.nanoTime();
            r = set.relevancy();
            System.out.printf(Locale.ROOT, "build relevancy: %d ms%n", (System.nanoTime() - a) / 1_000_000);
        }
        int n = r.videos();
        int m = r.sentences();
        Random rnd = new Random(1);
        float[] f = new float[n * m];
        double[] d = new double[n * m];
        for (int i = 0; i < f.length; i++) {
            d[i] = rnd.nextGaussian();
            f[i] = (float) d[i];
        }
        for (DenseMatrix s : new DenseMatrix[] {DenseMatrix.ofFloats(n, m, f), DenseMatrix.ofDoubles(n, m, d)}) {
            for (int k = 0; k < repeats; k++) {
                long a = System.nanoTime();
                long cpu = cpuNanos();
                MirResult res = MirMetrics.evaluate(s, r);
                System.out.printf(Locale.ROOT, "evaluate %s: wall %d ms, CPU %d ms (mAP avg %.4f, nDCG avg %.4f)%n", s,
                        (System.nanoTime() - a) / 1_000_000, (cpuNanos() - cpu) / 1_000_000, res.mAP().avg(), res.nDCG().avg());
            }
        }
    }
}
