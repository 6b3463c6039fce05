package org.egolens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.data.demo.DemoStats;
import org.egolens.model.data.demo.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code egolens demo-data --out DIR}: generates the built-in demo workspace (a synthetic first-person kitchen-table
 * dataset in the EK-100 MIR layout) and prints its counts, the test relevancy histogram and reference scores.
 * Exit codes: 0 done, 1 the workspace could not be written, 2 bad options.
 */
@Command(name = "demo-data", mixinStandardHelpOptions = true,
        description = "Generate the built-in demo workspace: synthetic first-person kitchen-table clips in the exact "
                + "EPIC-Kitchens-100 multi-instance retrieval layout (videos, CSVs, boxes, mirror-pair test set).")
public final class DemoDataCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must not exist or be "
            + "empty).")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Root seed (default 7); the same seed gives the same "
            + "workspace.")
    private Long seed;

    @Option(names = "--train", paramLabel = "N", description = "Training clips (default 600).")
    private Integer train;

    @Option(names = "--test", paramLabel = "N", description = "Test clips (default 150).")
    private Integer test;

    @Option(names = "--mirror-pairs", paramLabel = "N", description = "Mirror-pair test clips, each with its "
            + "reversed twin (default 40).")
    private Integer mirrorPairs;

    @Option(names = "--size", paramLabel = "PX", description = "Frame side in pixels, even (default 128).")
    private Integer size;

    @Option(names = "--fps", paramLabel = "F", description = "Frames per second (default 15).")
    private Double fps;

    @Option(names = "--threads", paramLabel = "N", description = "Rendering threads, 0 = all cores (default 0); "
            + "the output does not depend on it.")
    private Integer threads;

    @Option(names = "--force", description = "Replace an existing demo workspace at --out (only one with a DONE "
            + "marker).")
    private boolean force;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        DemoConfig cfg;
        try {
            cfg = config();
        } catch (IllegalArgumentException e) {
            stderr.println("egolens demo-data: error: " + optionNames(e.getMessage()));
            return 2;
        }
        try {
            if (force && DemoDataset.isComplete(out)) {
                DemoDataset.delete(out);
            } else if (force && Files.exists(out)) {
                stderr.println("demo-data: --force only replaces a complete demo workspace; " + out + " is not one");
                return 1;
            }
            DemoStats stats = DemoDataset.generate(cfg, out, progress(stderr));
            stdout.println("demo workspace written to " + out.toAbsolutePath().normalize());
            stdout.print(stats.format());
            stdout.flush();
            return 0;
        } catch (IOException e) {
            stderr.println("demo-data: " + e.getMessage());
            return 1;
        }
    }

    private DemoConfig config() {
        DemoConfig d = DemoConfig.defaults();
        return new DemoConfig(seed != null ? seed : d.seed(), train != null ? train : d.trainClips(),
                test != null ? test : d.testClips(), mirrorPairs != null ? mirrorPairs : d.mirrorPairs(),
                size != null ? size : d.frameSize(), fps != null ? fps : d.fps(), d.clipSeconds(), d.clipsPerVideo(),
                d.participants(), d.crf(), threads != null ? threads : d.threads());
    }

    /** Prints a line every 10 % (from whichever worker thread gets there first). */
    private static ProgressListener progress(PrintWriter err) {
        int[] lastDecile = {-1};
        return (fraction, message) -> {
            int decile = (int) Math.floor(fraction * 10);
            synchronized (lastDecile) {
                if (decile > lastDecile[0]) {
                    lastDecile[0] = decile;
                    err.println(String.format(Locale.ROOT, "%3d %%  %s", decile * 10, message));
                    err.flush();
                }
            }
        };
    }

    /** The config's setting names in a message replaced by the options that set them ({@code frameSize} → {@code --size}). */
    static String optionNames(String message) {
        String m = message.replaceFirst("^demo config: ", "");
        String[][] names = {{"trainClips", "--train"}, {"testClips", "--test"}, {"mirrorPairs", "--mirror-pairs"},
            {"frameSize", "--size"}, {"fps", "--fps"}, {"threads", "--threads"}};
        for (String[] n : names) {
            if (m.startsWith(n[0] + " ")) {
                return n[1] + m.substring(n[0].length());
            }
        }
        return m;
    }
}
