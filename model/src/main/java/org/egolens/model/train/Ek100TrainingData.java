package org.egolens.model.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.egolens.model.data.JavaCvVideoSource;
import org.egolens.model.data.ek100.Ek100Csv;
import org.egolens.model.eval.run.VideoLocator;
import org.egolens.model.tokenize.ClipVocabularyLocator;
import org.egolens.model.tokenize.Tokenizer;

/**
 * Training data for {@code data.kind: ek100}: an EK-100 MIR training split ({@code data.train_annotations},
 * {@code data.train_sentences}, videos under {@code data.video_root}) sampled by {@link Ek100Batches}, validated on the
 * {@code eval} split (required: {@code eval.annotations}, {@code eval.sentences}, {@code eval.video_root}). The
 * tokenizer is the CLIP BPE vocabulary found by {@link ClipVocabularyLocator} (beside the model folder, in the
 * workspace named by {@code data.workspace} — e.g. a demo workspace's own vocabulary — or the user's folders).
 */
public final class Ek100TrainingData implements TrainingData {
    @Override
    public Prepared prepare(TrainRunConfig cfg) throws IOException {
        TrainRunConfig.Data d = cfg.data();
        TrainRunConfig.Eval e = cfg.eval();
        for (String[] k : new String[][] {{"data.train_annotations", d.trainAnnotations()},
            {"data.train_sentences", d.trainSentences()}, {"data.video_root", d.videoRoot()},
            {"eval.annotations", e.annotations()}, {"eval.sentences", e.sentences()},
            {"eval.video_root", e.videoRoot()}}) {
            if (k[1] == null || k[1].isBlank()) {
                throw new IllegalArgumentException(k[0] + " is required for data.kind ek100");
            }
        }
        Path modelDir = cfg.model().dir() == null ? null : Path.of(cfg.model().dir());
        Path workspace = d.workspace() == null ? null : Path.of(d.workspace());
        Tokenizer tokenizer = ClipVocabularyLocator.load(modelDir, workspace);
        int size = DemoTrainingData.modelSize(cfg);
        int frames = cfg.model().frames();
        JavaCvVideoSource source = new JavaCvVideoSource();
        BatchSource batches = new Ek100Batches(Ek100Csv.readClips(Path.of(d.trainAnnotations())),
                Ek100Csv.readSentences(Path.of(d.trainSentences())), new VideoLocator(Path.of(d.videoRoot())), source,
                frames, size, tokenizer, d.relevancyThreshold(), cfg.seed());
        Path mirror = e.mirrorPairs() == null ? null : Path.of(e.mirrorPairs());
        MirValidator validator = MirValidator.prepare(Path.of(e.annotations()), Path.of(e.sentences()),
                Path.of(e.videoRoot()), mirror != null && Files.isRegularFile(mirror) ? mirror : null,
                mirror == null ? null : mirror.getParent(), source, frames, size);
        return new Prepared(tokenizer, batches, validator);
    }
}
