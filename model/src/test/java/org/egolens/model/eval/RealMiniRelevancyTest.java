package org.egolens.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.egolens.model.testing.SharedData;
import org.junit.jupiter.api.Test;

/** The relevancy rebuilt from real_mini's CSVs equals its published {@code relevancy_test.csv} (6 decimals). */
class RealMiniRelevancyTest {

    @Test
    void rebuiltRelevancyEqualsPublishedMatrix() throws Exception {
        Path dir = SharedData.require("real_mini");
        MirTestSet set = MirTestSet.load(dir.resolve("EPIC_100_retrieval_test.csv"),
                dir.resolve("EPIC_100_retrieval_test_sentence.csv"));
        RelevancyMatrix r = set.relevancy();
        List<CSVRecord> expected;
        try (Reader in = Files.newBufferedReader(dir.resolve("relevancy_test.csv"), StandardCharsets.UTF_8)) {
            expected = CSVFormat.RFC4180.parse(in).getRecords();
        }
        assertEquals(69, set.clips().size());
        assertEquals(61, set.sentences().size());
        assertEquals(expected.size(), r.videos());
        for (int i = 0; i < r.videos(); i++) {
            assertEquals(r.sentences(), expected.get(i).size(), "columns of row " + i);
            for (int j = 0; j < r.sentences(); j++) {
                assertEquals(expected.get(i).get(j), String.format(java.util.Locale.ROOT, "%.6f", r.get(i, j)),
                        "R[" + i + "," + j + "]");
            }
        }
    }
}
