package org.egolens.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.egolens.app.backend.Backend;
import org.egolens.app.backend.FeatureEncoder;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.VideoSource;
import org.egolens.model.inspect.AttentionProbe;
import org.egolens.model.inspect.ModelAttentionProbe;
import org.egolens.model.nn.ModelFactory;

/**
 * {@link FakeBackend} plus attention capture on the real EVA02-AT model: {@link #openAttentionProbe} opens the preset
 * (random init, seed 0) as a {@link ModelAttentionProbe} with the given capture limit.
 */
public final class ProbeBackend implements Backend {
    public final FakeBackend fake = new FakeBackend();
    public final List<ModelAttentionProbe> probes = new CopyOnWriteArrayList<>();
    /** Capture limit of the probes opened from now on, bytes (small values force the large-model path). */
    public volatile long maxBytes;

    /** A backend whose probes capture up to {@code maxBytes}. */
    public ProbeBackend(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public String name() {
        return "fake + EVA02-AT attention";
    }

    @Override
    public VideoSource videoSource() {
        return fake.videoSource();
    }

    @Override
    public VideoTextModel openModel(String presetOrDir, int frames) throws IOException {
        return fake.openModel(presetOrDir, frames);
    }

    @Override
    public FeatureEncoder openEncoder(String presetOrDir, int frames) throws IOException {
        return fake.openEncoder(presetOrDir, frames);
    }

    @Override
    public AttentionProbe openAttentionProbe(String presetOrDir, int frames) throws IOException {
        ModelAttentionProbe p = new ModelAttentionProbe(ModelFactory.open(presetOrDir, frames, null), maxBytes);
        probes.add(p);
        return p;
    }

    @Override
    public List<ClipWindow> scanFolder(Path folder) throws IOException {
        return fake.scanFolder(folder);
    }
}
