package org.egolens.app;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import org.egolens.app.backend.Backends;
import org.egolens.app.cli.EgoLensCommand;

/**
 * Entry point of {@code egolens.jar}: without arguments it opens the GUI, otherwise it runs a CLI command and exits with
 * its code (0 success, 1 failure, 2 bad usage, 130 cancelled). Does not extend {@code Application}, so the jar also runs
 * with JavaFX on the class path.
 */
public final class Launcher {
    private Launcher() {}

    /** Runs EgoLens. */
    public static void main(String[] args) {
        StartupTrace.mark("main");
        String[] a = args.length == 0 ? new String[] {"gui"} : args;
        if (Arrays.asList(a).contains("--verbose") && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        Charset cs = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true);
        int code = EgoLensCommand.execute(Backends::load, out, err, a);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
