package org.egolens.app.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.VideoSource;
import org.egolens.model.inspect.AttentionProbe;

/**
 * The one place where the application gets its concrete model-side implementations: the video decoder, the EVA02-AT
 * dual encoder, raw feature access, and the folder scanner. The CLI and the GUI see only this interface; the
 * implementation is found with {@link java.util.ServiceLoader} by {@link Backends#load()}.
 */
public interface Backend {
    /** A short name for logs and {@code egolens info}, e.g. {@code "EVA02-AT (DJL/PyTorch) + JavaCV"}. */
    String name();

    /** The video decoder (thread-safe). */
    VideoSource videoSource();

    /**
     * Opens a dual encoder for indexing and search.
     *
     * @param presetOrDir preset name (e.g. {@code tiny}) or model folder ({@code config.json} + weights)
     * @param frames      T, frames per clip the video tower is built for
     * @throws IOException if the preset is unknown or the folder cannot be read (message names it)
     */
    VideoTextModel openModel(String presetOrDir, int frames) throws IOException;

    /**
     * Opens a dual encoder for a workspace: like {@link #openModel(String, int)}, but the text vocabulary may also come
     * from the workspace folder (e.g. the demo workspace's {@code bpe_vocab.txt.gz}) when the model folder has none.
     * The default ignores the workspace.
     *
     * @param workspaceDir the workspace's top folder (never null)
     * @throws IOException as {@link #openModel(String, int)}
     */
    default VideoTextModel openModel(String presetOrDir, int frames, Path workspaceDir) throws IOException {
        return openModel(presetOrDir, frames);
    }

    /**
     * Opens raw (not L2-normalised) feature access for {@code egolens embed-video} and {@code embed-text}.
     *
     * @throws IOException as {@link #openModel}
     */
    FeatureEncoder openEncoder(String presetOrDir, int frames) throws IOException;

    /**
     * Opens attention capture on the video tower of a model (the Attention tab and {@code egolens attention}). A backend
     * over the EVA02-AT model returns {@code new ModelAttentionProbe(ModelFactory.open(presetOrDir, frames, null))}.
     *
     * @param presetOrDir preset name or model folder, as for {@link #openModel}
     * @param frames      T, frames per clip
     * @throws IOException                   as {@link #openModel}
     * @throws UnsupportedOperationException if this backend cannot capture attention (the default)
     */
    default AttentionProbe openAttentionProbe(String presetOrDir, int frames) throws IOException {
        throw new UnsupportedOperationException("the model backend '" + name() + "' cannot capture attention");
    }

    /**
     * The clips of a folder: one whole-video clip per video file, clip id = file stem, sorted by path.
     *
     * @throws IOException if the folder cannot be listed (names it)
     */
    List<ClipWindow> scanFolder(Path folder) throws IOException;
}
