package org.egolens.e2e;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.egolens.app.backend.DjlBackend;
import org.egolens.app.cli.EgoLensCommand;

/** Runs the {@code egolens} command line in-process with the real backend and captures its output. */
final class Cli {
    record Result(int exitCode, String out, String err) {}

    private Cli() {}

    static Result run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = String.valueOf(args[i]);
        }
        int code = EgoLensCommand.execute(DjlBackend::new, new PrintWriter(out, true), new PrintWriter(err, true), a);
        return new Result(code, out.toString(), err.toString());
    }
}
