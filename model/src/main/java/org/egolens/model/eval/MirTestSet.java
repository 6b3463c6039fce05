package org.egolens.model.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.egolens.model.data.ek100.Ek100FormatException;
import org.egolens.model.data.ek100.Ek100Sentence;

/**
 * An EK-100 MIR evaluation set: the clip rows (videos, matrix rows) and the sentences (matrix columns), with the clip
 * row that each sentence's {@code narration_id} names (docs §2.2 step 3).
 *
 * <p>Sentence texts are never used for scoring: per docs §5.1 the last official sentence rows carry shifted texts, so
 * the text of sentence {@code j} is taken as the narration of clip {@code sentenceClipRows[j]} by the reference systems.
 *
 * @param clips            clip rows in file order
 * @param sentences        sentences in file order
 * @param sentenceClipRows for each sentence, the index of its clip row
 */
public record MirTestSet(List<Ek100Clip> clips, List<Ek100Sentence> sentences, int[] sentenceClipRows) {

    /** Copies the inputs. @throws IllegalArgumentException if the row indices do not match the sentences */
    public MirTestSet {
        clips = List.copyOf(clips);
        sentences = List.copyOf(sentences);
        sentenceClipRows = sentenceClipRows.clone();
        if (sentenceClipRows.length != sentences.size()) {
            throw new IllegalArgumentException(sentenceClipRows.length + " row indices for " + sentences.size() + " sentences");
        }
    }

    /**
     * Reads the clip file and the sentence file.
     *
     * @throws Ek100FormatException if a file is malformed or a sentence names a {@code narration_id} missing from the
     *                              clip file (names the sentence file and line)
     */
    public static MirTestSet load(Path annotations, Path sentenceFile) throws IOException {
        List<Ek100Clip> clips = Ek100Csv.readClips(annotations);
        List<Ek100Sentence> sentences = Ek100Csv.readSentences(sentenceFile);
        try {
            return of(clips, sentences);
        } catch (MissingClipException e) {
            throw new Ek100FormatException(sentenceFile, e.line, e.getMessage() + " (" + annotations.getFileName() + ")", e);
        }
    }

    /**
     * Pairs clips and sentences.
     *
     * @throws IllegalArgumentException if a sentence names a {@code narration_id} that is not a clip
     */
    public static MirTestSet of(List<Ek100Clip> clips, List<Ek100Sentence> sentences) {
        Map<String, Integer> row = new HashMap<>(clips.size() * 2);
        for (int i = 0; i < clips.size(); i++) {
            row.put(clips.get(i).narrationId(), i);
        }
        int[] rows = new int[sentences.size()];
        for (int j = 0; j < rows.length; j++) {
            Integer r = row.get(sentences.get(j).narrationId());
            if (r == null) {
                throw new MissingClipException(sentences.get(j), j);
            }
            rows[j] = r;
        }
        return new MirTestSet(clips, sentences, rows);
    }

    /** The relevancy matrix {@code (clips, sentences)} of this set (§2.5). */
    public RelevancyMatrix relevancy() {
        return RelevancyMatrix.build(clips, sentences);
    }

    /**
     * Brings a similarity matrix to the {@code (clips, sentences)} layout: a {@code (clips, sentences)} matrix is
     * returned as is; a {@code (clips, clips)} matrix (video × each row's own narration, docs §2.2 steps 1–2) has the
     * sentence columns picked by {@code narration_id}.
     *
     * @throws IllegalArgumentException for any other shape (the message gives the expected ones)
     */
    public DenseMatrix sentenceSimilarity(DenseMatrix similarity) {
        int n = clips.size();
        int m = sentences.size();
        if (similarity.rows() == n && similarity.cols() == m) {
            return similarity;
        }
        if (similarity.rows() == n && similarity.cols() == n) {
            return similarity.selectColumns(sentenceClipRows);
        }
        throw new IllegalArgumentException("similarity has shape (" + similarity.rows() + ", " + similarity.cols()
                + "); expected (videos, sentences) = (" + n + ", " + m + ") or (videos, videos) = (" + n + ", " + n + ")");
    }

    /** Accessor returning a copy. */
    @Override
    public int[] sentenceClipRows() {
        return sentenceClipRows.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MirTestSet t && clips.equals(t.clips) && sentences.equals(t.sentences)
                && Arrays.equals(sentenceClipRows, t.sentenceClipRows);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * clips.hashCode() + sentences.hashCode()) + Arrays.hashCode(sentenceClipRows);
    }

    @Override
    public String toString() {
        return "MirTestSet(" + clips.size() + " clips, " + sentences.size() + " sentences)";
    }

    /** A sentence whose narration_id is not a clip row. */
    static final class MissingClipException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final long line;

        MissingClipException(Ek100Sentence s, int column) {
            super("sentence " + column + " names narration_id " + s.narrationId() + ", which is not in the clip file");
            this.line = s.line();
        }
    }
}
