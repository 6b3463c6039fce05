package org.egolens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.egolens.app.backend.Backend;
import org.egolens.app.workspace.Ek100Clips;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.model.retrieval.IndexBuildResult;
import org.egolens.model.retrieval.IndexBuilder;
import org.egolens.model.retrieval.IndexReport;
import org.egolens.model.retrieval.SkippedClip;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code egolens index}: embeds the clips of a folder or of an EK-100 annotation file into an index file. */
@Command(name = "index", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Embed clips into a searchable index file (.idx).",
            "An interrupted run resumes from <out>.partial; clips already in <out> (same model, same window) are reused.",
            "Clips that cannot be decoded are skipped and listed in <out-stem>.report.json."})
public final class IndexCommand implements Callable<Integer> {
    @ParentCommand
    EgoLensCommand root;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the clips come from. */
    static final class Source {
        @Option(names = "--clips", paramLabel = "DIR", description = "Folder of videos; each file is one clip.")
        Path clips;

        @ArgGroup(exclusive = false)
        Annotations annotations;
    }

    /** EK-100 annotation mode. */
    static final class Annotations {
        @Option(names = "--annotations", paramLabel = "CSV", required = true,
                description = "EK-100 annotation CSV (narration_id, participant_id, video_id, start/stop_timestamp).")
        Path csv;

        @Option(names = "--video-root", paramLabel = "DIR", required = true,
                description = "Folder holding <participant_id>/<video_id>.mp4.")
        Path videoRoot;
    }

    @Option(names = "--model", paramLabel = "PRESET|MODELDIR", defaultValue = "tiny",
            description = "Model preset or folder (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--frames", paramLabel = "T", defaultValue = "4", description = "Frames per clip (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Index file to write, e.g. clips.idx.")
    Path out;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8", description = "Clips per model call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", paramLabel = "N", description = "Decode threads (default: cores - 1, at most 4).")
    Integer threads;

    @Option(names = "--restart", description = "Ignore an interrupted run's journal and any existing index; embed everything.")
    boolean restart;

    @Override
    public Integer call() throws IOException {
        if (frames < 1 || batch < 1 || (threads != null && threads < 1)) {
            throw new IllegalArgumentException("--frames, --batch and --threads must be at least 1, got --frames "
                    + frames + " --batch " + batch + (threads == null ? "" : " --threads " + threads));
        }
        if (java.nio.file.Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a folder; give the index file to write, e.g. "
                    + out.resolve("clips.idx"));
        }
        PrintWriter err = root.spec.commandLine().getErr();
        PrintWriter outw = root.spec.commandLine().getOut();
        Backend backend = root.backend();
        List<ClipWindow> clips = loadClips(backend);
        if (clips.isEmpty()) {
            throw new IOException("no clips found in " + (source.clips != null ? source.clips : source.annotations.csv));
        }
        IndexBuildConfig cfg = IndexBuildConfig.defaults().withBatchSize(batch).withResume(!restart);
        if (threads != null) {
            cfg = cfg.withDecodeThreads(threads);
        }
        CliProgress progress = new CliProgress(err, System.console() != null);
        Thread worker = Thread.currentThread();
        Thread hook = new Thread(() -> {
            progress.cancel();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "egolens-index-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        IndexBuildResult result;
        try (VideoTextModel m = backend.openModel(model, frames)) {
            progress.startClock(); // progress times then count from where the build's own time does
            result = new IndexBuilder(backend.videoSource(), m, cfg).build(clips, out, progress);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C; the hook is running
            }
        }
        IndexReport r = result.report();
        outw.printf(Locale.ROOT, "indexed %d of %d clips (%d embedded, %d resumed, %d reused) in %.1f s -> %s%n",
                r.indexedClips(), r.totalClips(), r.embedded(), r.resumed(), r.reused(), r.seconds(), out);
        if (!r.skipped().isEmpty()) {
            outw.printf(Locale.ROOT, "skipped %d clips (see %s):%n", r.skipped().size(), IndexReport.fileFor(out));
            r.skipped().stream().limit(5).forEach(s -> outw.println("  " + s.clipId() + ": " + s.reason()));
            if (r.skipped().size() > 5) {
                outw.println("  ...");
            }
        }
        outw.flush();
        if (r.indexedClips() == 0) {
            throw new IOException("no clip could be embedded; first reason: "
                    + r.skipped().stream().findFirst().map(SkippedClip::reason).orElse("none"));
        }
        return 0;
    }

    private List<ClipWindow> loadClips(Backend backend) throws IOException {
        if (source.clips != null) {
            if (!Files.isDirectory(source.clips)) {
                throw new IOException("clips folder not found: " + source.clips);
            }
            return backend.scanFolder(source.clips.toAbsolutePath().normalize());
        }
        return Ek100Clips.read(source.annotations.csv, source.annotations.videoRoot.toAbsolutePath().normalize());
    }
}
