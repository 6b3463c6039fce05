package org.egolens.model.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.egolens.model.nn.Eva02AtClipModel;
import org.egolens.model.nn.ModelFactory;
import org.egolens.model.testing.SharedData;
import org.egolens.model.tokenize.ClipBpeTokenizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hostile narrations through the real CLIP tokenizer and the tiny model's text tower (issue 10, case 2). */
@Tag("reliability")
class HostileNarrationsTest {
    @Test
    void emptyBlankBangAndOverLongNarrationsEncodeToFiniteRows() throws IOException {
        ClipBpeTokenizer tok = ClipBpeTokenizer.load(SharedData.require("tokenizer/bpe_simple_vocab_16e6.txt.gz"));
        String digits200 = "0123456789".repeat(20);
        String digits300 = "0123456789".repeat(30);
        try (Eva02AtClipModel m = ModelFactory.open("tiny", 0, tok)) {
            float[][] e = m.encodeTexts(List.of("", "   \t\n ", "!", digits200, digits300));
            assertEquals(5, e.length);
            for (float[] row : e) {
                double sq = 0;
                for (float v : row) {
                    assertTrue(Float.isFinite(v));
                    sq += v * v;
                }
                assertTrue(sq > 0);
            }
            // empty and whitespace-only both reduce to SOT, EOT: the same input, the same embedding
            assertArrayEquals(e[0], e[1], 0f);
            assertFalse(Arrays.equals(e[0], e[2]), "'!' is a token of its own");
            // CLIP splits digits one per token: 200 and 300 digits share the first 76 tokens, then EOT in slot 77
            // (same ids; rows of one batch may differ in the last bit, hence the tolerance)
            long[][] ids = tok.encode(List.of(digits200, digits300));
            assertArrayEquals(ids[0], ids[1]);
            assertEquals(77, ids[0].length);
            assertEquals(49406, ids[0][0]);
            assertEquals(49407, ids[0][76]);
            assertArrayEquals(e[3], e[4], 1e-6f);
            assertFalse(Arrays.equals(e[0], e[3]));
        }
    }
}
