package org.egolens.model.tokenize;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.egolens.model.testing.SharedData;

/**
 * Timing of {@link ClipBpeTokenizer} on 10,000 real EK-100 narrations (not a unit test; run by hand).
 *
 * <pre>
 * mvn -B -q -o -pl model test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/model.cp
 * java -cp "model/target/classes:model/target/test-classes:$(cat /tmp/model.cp)" \
 *     org.egolens.model.tokenize.ClipBpeTokenizerBench [vocab.gz] [narrations.csv]
 * </pre>
 *
 * Defaults: the shared test data ({@code tokenizer/bpe_simple_vocab_16e6.txt.gz},
 * {@code ek100/retrieval_annotations/EPIC_100_retrieval_train_sentence.csv}, column {@code narration}).
 */
public final class ClipBpeTokenizerBench {
    private static final int NARRATIONS = 10_000;
    private static final int WARM_ROUNDS = 50;

    private ClipBpeTokenizerBench() {}

    public static void main(String[] args) throws IOException {
        Path vocab = args.length > 0 ? Path.of(args[0])
                : SharedData.root().resolve("tokenizer/bpe_simple_vocab_16e6.txt.gz");
        Path csv = args.length > 1 ? Path.of(args[1])
                : SharedData.root().resolve("ek100/retrieval_annotations/EPIC_100_retrieval_train_sentence.csv");
        List<String> narrations = readNarrations(csv);
        System.out.printf("narrations: %d from %s (mean %.1f chars)%n", narrations.size(), csv,
                narrations.stream().mapToInt(String::length).average().orElse(0));

        long t0 = System.nanoTime();
        ClipBpeTokenizer tokenizer = ClipBpeTokenizer.load(vocab);
        System.out.printf("load vocabulary: %.1f ms%n", ms(System.nanoTime() - t0));

        long t1 = System.nanoTime();
        long[][] rows = tokenizer.encode(narrations);
        System.out.printf("first encode (cold JIT, empty BPE cache): %.1f ms, %d cached pre-tokens%n",
                ms(System.nanoTime() - t1), tokenizer.cacheSize());

        double[] warm = new double[WARM_ROUNDS];
        long checksum = 0;
        for (int r = 0; r < WARM_ROUNDS; r++) {
            long t = System.nanoTime();
            rows = tokenizer.encode(narrations);
            warm[r] = ms(System.nanoTime() - t);
            checksum += rows[r % rows.length][1];
        }
        Arrays.sort(warm);
        System.out.printf("warm encode of %d narrations: median %.1f ms, best %.1f ms (%.2f us per narration)%n",
                narrations.size(), warm[WARM_ROUNDS / 2], warm[0], warm[WARM_ROUNDS / 2] * 1000 / narrations.size());

        // a fresh tokenizer with a warm JIT but an empty BPE cache: the cost of unseen words
        ClipBpeTokenizer fresh = new ClipBpeTokenizer(tokenizer.vocabulary(), ClipBpeTokenizer.DEFAULT_CONTEXT_LENGTH);
        long t2 = System.nanoTime();
        fresh.encode(narrations);
        System.out.printf("warm JIT, empty BPE cache: %.1f ms%n", ms(System.nanoTime() - t2));

        long t3 = System.nanoTime();
        long tokens = narrations.parallelStream().mapToLong(n -> tokenizer.bpeIds(n).length).sum();
        System.out.printf("parallel stream (%d threads): %.1f ms, %d BPE tokens (checksum %d)%n",
                Runtime.getRuntime().availableProcessors(), ms(System.nanoTime() - t3), tokens, checksum);
    }

    private static List<String> readNarrations(Path csv) throws IOException {
        List<String> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord record : format.parse(in)) {
                out.add(record.get("narration"));
                if (out.size() == NARRATIONS) {
                    break;
                }
            }
        }
        return out;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
