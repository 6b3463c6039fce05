package org.egolens.app.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.egolens.model.api.ModelDescriptor;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.data.ClipFolder;
import org.egolens.model.data.ClipWindow;
import org.egolens.model.data.FrameBatch;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.VideoSource;
import org.egolens.model.inspect.AttentionProbe;
import org.egolens.model.inspect.ModelAttentionProbe;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.tokenize.ClipVocabularyLocator;
import org.egolens.model.tokenize.Tokenizer;

/**
 * The real backend: EVA02-AT in DJL (PyTorch engine, offline) for the model, JavaCV/FFmpeg for decoding.
 *
 * <p>The CLIP BPE vocabulary is found with {@link ClipVocabularyLocator} (model folder, {@code --vocab}, home folder …).
 * When none is found, video-only work (indexing, embedding clips) still runs; text calls fail with the locator's message.
 */
public final class DjlBackend implements Backend {
    private final JavaCvVideoSource videoSource = new JavaCvVideoSource();

    @Override
    public String name() {
        return "EVA02-AT (DJL " + ai.djl.engine.Engine.getDjlVersion() + ", PyTorch engine) + JavaCV/FFmpeg";
    }

    @Override
    public VideoSource videoSource() {
        return videoSource;
    }

    @Override
    public VideoTextModel openModel(String presetOrDir, int frames) throws IOException {
        return open(presetOrDir, frames, null);
    }

    @Override
    public VideoTextModel openModel(String presetOrDir, int frames, Path workspaceDir) throws IOException {
        return open(presetOrDir, frames, workspaceDir);
    }

    @Override
    public FeatureEncoder openEncoder(String presetOrDir, int frames) throws IOException {
        Eva02AtClipModel model = open(presetOrDir, frames, null);
        return new FeatureEncoder() {
            @Override
            public ModelDescriptor descriptor() {
                return model.descriptor();
            }

            @Override
            public int contextLength() {
                return model.config().text().contextLength();
            }

            @Override
            public Tokenizer tokenizer() {
                return model.tokenizer().orElseThrow(() -> new IllegalStateException(
                        "no CLIP BPE vocabulary was found for " + presetOrDir + "; give one with --vocab FILE"));
            }

            @Override
            public float[][] videoFeatures(FrameBatch frames) {
                return model.encodeVideosRaw(frames);
            }

            @Override
            public float[][] textFeatures(long[][] tokenIds) {
                return model.encodeTokenIdsRaw(tokenIds);
            }

            @Override
            public void close() {
                model.close();
            }
        };
    }

    /** Attention capture on the EVA02-AT video tower ({@link ModelAttentionProbe}); the probe closes the model. */
    @Override
    public AttentionProbe openAttentionProbe(String presetOrDir, int frames) throws IOException {
        return new ModelAttentionProbe(open(presetOrDir, frames, null));
    }

    @Override
    public List<ClipWindow> scanFolder(Path folder) throws IOException {
        return ClipFolder.scan(folder);
    }

    /**
     * Opens a preset, model folder or checkpoint file. The tokenizer comes from the model's own reference
     * ({@code tokenizer.json} or a vocabulary beside it) when there is one, else from {@link ClipVocabularyLocator}
     * (which also looks in the workspace, e.g. the demo's generated vocabulary).
     */
    private static Eva02AtClipModel open(String presetOrPath, int frames, Path workspaceDir) throws IOException {
        Path path = Path.of(presetOrPath);
        Path dir = Files.isDirectory(path) ? path : (Files.isRegularFile(path) ? path.toAbsolutePath().getParent() : null);
        Tokenizer tok = null;
        if (dir != null) {
            tok = org.egolens.model.checkpoint.TokenizerReference.tokenizerFor(dir, new java.util.ArrayList<>());
        }
        if (tok == null) {
            // empty when no vocabulary is found: commands that need text say so themselves (encodeTexts)
            tok = ClipVocabularyLocator.loadIfFound(dir, workspaceDir).orElse(null);
        }
        return ModelFactory.open(presetOrPath, frames, tok);
    }
}
