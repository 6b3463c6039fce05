package org.egolens.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.egolens.app.backend.Backend;
import org.egolens.app.backend.FeatureEncoder;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipFolder;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.VideoSource;

/**
 * Real decoding (JavaCV, for real mp4 files such as the demo's) with the fake dual encoder, so that view-model tests
 * over a generated workspace stay fast. Records the workspace folders models are opened for.
 */
public final class DecodingFakeBackend implements Backend {
    private final FakeBackend fake = new FakeBackend();
    private final JavaCvVideoSource source = new JavaCvVideoSource();
    /** The workspace folder of every {@link #openModel(String, int, Path)} call. */
    public final List<Path> workspaceDirs = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "javacv + fake model";
    }

    @Override
    public VideoSource videoSource() {
        return source;
    }

    @Override
    public VideoTextModel openModel(String presetOrDir, int frames) throws IOException {
        return fake.openModel(presetOrDir, frames);
    }

    @Override
    public VideoTextModel openModel(String presetOrDir, int frames, Path workspaceDir) throws IOException {
        workspaceDirs.add(workspaceDir);
        return fake.openModel(presetOrDir, frames);
    }

    @Override
    public FeatureEncoder openEncoder(String presetOrDir, int frames) throws IOException {
        return fake.openEncoder(presetOrDir, frames);
    }

    @Override
    public List<ClipWindow> scanFolder(Path folder) throws IOException {
        return ClipFolder.scan(folder);
    }
}
