package org.egolens.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.egolens.app.RuntimeInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code egolens info}: versions, engine, device, threads and cache folders. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the EgoLens and Java versions, the DJL engine, the device it computes on, its threads and"
                + " cache folders.")
public final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    EgoLensCommand root;

    @Override
    public Integer call() {
        RuntimeInfo info = RuntimeInfo.collect();
        PrintWriter out = root.spec.commandLine().getOut();
        info.lines().forEach(out::println);
        out.flush();
        return info.engine() != null ? 0 : EgoLensCommand.EXIT_FAILURE;
    }
}
