package org.egolens.app.workspace;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.egolens.model.data.ek100.Ek100Clip;
import org.egolens.model.data.ek100.Ek100Csv;
import org.egolens.viewer.ClipAnnotation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The narration, verb and nouns of each clip of an EK-100 annotation file, for the clip grid and its filter. A file
 * with the 15 official columns ({@link Ek100Csv#CLIP_HEADER}, e.g. {@code EPIC_100_retrieval_test.csv} or the demo's)
 * is read with {@link Ek100Csv#readClips}: narration, {@code verb}, {@code all_nouns}. A file with fewer columns gives
 * no annotations (its clips show their ids). The clip windows themselves are read by {@link Ek100Clips}.
 */
public final class ClipAnnotations {
    private static final Logger LOG = LoggerFactory.getLogger(ClipAnnotations.class);

    private ClipAnnotations() {}

    /**
     * Annotations by {@code narration_id}.
     *
     * @return an empty map when the file lacks one of the official columns
     * @throws IOException if the file cannot be read or an official file has a malformed row (the message names the
     *                     file, line and column)
     */
    public static Map<String, ClipAnnotation> read(Path csv) throws IOException {
        List<String> header = header(csv);
        List<String> missing = Ek100Csv.CLIP_HEADER.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            LOG.info("{}: no narration/verb/noun annotations shown (missing column(s) {})", csv, missing);
            return Map.of();
        }
        Map<String, ClipAnnotation> out = new HashMap<>();
        for (Ek100Clip c : Ek100Csv.readClips(csv)) {
            out.put(c.narrationId(), of(c));
        }
        return out;
    }

    /** The annotation of one official row: narration, verb, all nouns (the main noun when the list is empty). */
    public static ClipAnnotation of(Ek100Clip c) {
        List<String> nouns = c.allNouns().isEmpty() && !c.noun().isEmpty() ? List.of(c.noun()) : c.allNouns();
        return new ClipAnnotation(c.narration(), c.verb(), nouns);
    }

    private static List<String> header(Path csv) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.builder().setReader(r)
                     .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            return p.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
        }
    }
}
