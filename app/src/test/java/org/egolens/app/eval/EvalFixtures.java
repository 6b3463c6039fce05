package org.egolens.app.eval;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.egolens.app.backend.DjlBackend;
import org.egolens.app.cli.EgoLensCommand;
import org.egolens.model.data.Mp4Writer;
import org.egolens.model.retrieval.EmbeddingIndex;
import org.egolens.model.retrieval.IndexFile;
import org.egolens.model.testing.SharedData;
import org.egolens.model.tokenize.ClipVocabularyLocator;

/** Shared pieces of the evaluation tests: small H.264 videos, the CLI with the real backend, readers. */
public final class EvalFixtures {
    private EvalFixtures() {}

    /** Points the CLIP vocabulary locator at the shared test data (skips the test when it is absent). */
    public static void useSharedVocabulary() {
        System.setProperty(ClipVocabularyLocator.PROPERTY,
                SharedData.require("tokenizer/bpe_simple_vocab_16e6.txt.gz").toString());
    }

    /**
     * Writes a 64×64 H.264 video of {@code frames} frames at 10 fps: background {@code colour}, a white square moving
     * left to right with the frame number, and a band whose brightness depends on {@code seed}.
     */
    public static Path video(Path file, Color colour, int frames, int seed) throws IOException {
        try (Mp4Writer w = new Mp4Writer(file, 64, 64, 10, 18)) {
            for (int i = 0; i < frames; i++) {
                BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = img.createGraphics();
                g.setColor(colour);
                g.fillRect(0, 0, 64, 64);
                g.setColor(new Color((seed * 53) % 256, (seed * 97) % 256, (seed * 29) % 256));
                g.fillRect(0, 44, 64, 20);
                g.setColor(Color.WHITE);
                g.fillRect((i * 48) / Math.max(1, frames - 1), 12, 16, 16);
                g.dispose();
                w.write(img);
            }
        }
        return file;
    }

    /** Result of one CLI call. */
    public record Run(int exit, String out, String err) {}

    /** Runs {@code egolens args…} with the real backend. */
    public static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EgoLensCommand.execute(DjlBackend::new, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The records of a CSV with a header. */
    public static List<CSVRecord> csv(Path f) throws IOException {
        try (Reader r = Files.newBufferedReader(f)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    /** The only {@code .idx} file below {@code dir} (the evaluation's clip index). */
    public static EmbeddingIndex onlyIndex(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            List<Path> idx = s.filter(p -> p.toString().endsWith(".idx")).toList();
            if (idx.size() != 1) {
                throw new IOException("expected one index below " + dir + ", found " + idx);
            }
            return IndexFile.read(idx.get(0));
        }
    }

    /** Dot product. */
    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
