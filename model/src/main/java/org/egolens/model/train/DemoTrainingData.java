package org.egolens.model.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.data.demo.DemoVocabulary;
import org.egolens.model.data.demo.MirrorPairSet;
import org.egolens.model.nn.ModelPresets;
import org.egolens.model.tokenize.ClipBpeTokenizer;
import org.egolens.model.tokenize.Tokenizer;

/**
 * Training data for {@code data.kind: demo-stream}: fresh clips from the generator of the demo workspace named by
 * {@code data.workspace} (which must exist; the CLI generates the default one), the workspace's demo vocabulary, and
 * validation on its test split (or the {@code eval} files when given) with its mirror-pair set.
 */
public final class DemoTrainingData implements TrainingData {
    @Override
    public Prepared prepare(TrainRunConfig cfg) throws IOException {
        if (!"demo-stream".equals(cfg.data().kind())) {
            throw new IllegalArgumentException("data.kind '" + cfg.data().kind() + "' is not demo-stream");
        }
        if (cfg.data().workspace() == null) {
            throw new IllegalArgumentException("data.workspace must name the demo workspace");
        }
        Path ws = Path.of(cfg.data().workspace());
        DemoConfig demo = DemoDataset.readConfig(ws);
        Tokenizer tokenizer = ClipBpeTokenizer.load(DemoVocabulary.ensure(ws));
        int size = modelSize(cfg);
        int frames = cfg.model().frames();
        BatchSource source = new DemoStreamBatches(demo, frames, size, tokenizer, cfg.data().relevancyThreshold(),
                cfg.seed(), true);
        TrainRunConfig.Eval e = cfg.eval();
        Path annotations = e.annotations() != null ? Path.of(e.annotations()) : DemoDataset.retrievalCsv(ws, "test",
                false);
        Path sentences = e.sentences() != null ? Path.of(e.sentences()) : DemoDataset.retrievalCsv(ws, "test", true);
        Path videos = e.videoRoot() != null ? Path.of(e.videoRoot()) : ws.resolve(DemoDataset.VIDEOS_DIR);
        Path mirror = e.mirrorPairs() != null ? Path.of(e.mirrorPairs()) : ws.resolve(MirrorPairSet.FILE_NAME);
        MirValidator validator = MirValidator.prepare(annotations, sentences, videos,
                Files.isRegularFile(mirror) ? mirror : null, ws, new JavaCvVideoSource(), frames, size);
        return new Prepared(tokenizer, source, validator);
    }

    /** The model's input side: from the preset, or from the model folder's config. */
    static int modelSize(TrainRunConfig cfg) throws IOException {
        if (cfg.model().dir() != null && !cfg.model().dir().isBlank()) {
            return org.egolens.model.nn.ModelConfig.read(Path.of(cfg.model().dir())
                    .resolve(org.egolens.model.nn.ModelFactory.CONFIG_FILE)).vision().imageSize();
        }
        return ModelPresets.get(cfg.model().preset()).vision().imageSize();
    }
}
