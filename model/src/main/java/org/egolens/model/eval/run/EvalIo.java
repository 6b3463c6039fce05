package org.egolens.model.eval.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Small writers shared by the task runs: JSON with NaN as {@code null}, RFC 4180 CSV with NaN as an empty field. */
final class EvalIo {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvalIo() {}

    /** Puts {@code v}, or {@code null} when NaN. */
    static ObjectNode put(ObjectNode node, String key, double v) {
        if (Double.isNaN(v)) {
            node.putNull(key);
        } else {
            node.put(key, v);
        }
        return node;
    }

    static void writeJson(Path file, ObjectNode node) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
    }

    /** A CSV file with {@code header}; rows are written by {@code body}. */
    static void writeCsv(Path file, List<String> header, CsvBody body) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n")
                     .setHeader(header.toArray(String[]::new)).get())) {
            body.write(p);
        }
    }

    /** A number for a CSV cell: shortest text that reads back as the same double, NaN as empty. */
    static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** Writes CSV rows. */
    @FunctionalInterface
    interface CsvBody {
        void write(CSVPrinter p) throws IOException;
    }
}
