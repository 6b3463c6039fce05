package org.egolens.model.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EmbeddingIndexTest {
    static IndexHeader header(int d) {
        return new IndexHeader("test-model", "cafe0001", 4, 32, d, Instant.parse("2026-01-02T03:04:05Z"));
    }

    static List<IndexEntry> entries(int n) {
        List<IndexEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new IndexEntry("clip_" + i, Path.of("videos", "v" + (i % 7) + ".mp4"), i * 0.5, i * 0.5 + 2, 60));
        }
        return out;
    }

    /** n random unit rows of dimension d, row-major. */
    static float[] unitRows(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] e = new float[n * d];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                e[i * d + j] = (float) r.nextGaussian();
                s += (double) e[i * d + j] * e[i * d + j];
            }
            for (int j = 0; j < d; j++) {
                e[i * d + j] = (float) (e[i * d + j] / Math.sqrt(s));
            }
        }
        return e;
    }

    /** Reference ranking: cosine in double precision over every row, full sort (score desc, index asc). */
    static int[] bruteForce(float[] e, int n, int d, float[] q, int k, int exclude) {
        double qn = 0;
        for (float x : q) {
            qn += (double) x * x;
        }
        double[] cos = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (double) e[i * d + j] * q[j];
            }
            cos[i] = s / Math.sqrt(qn);
        }
        return IntStream.range(0, n).filter(i -> i != exclude).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -cos[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    static double cosine(float[] e, int row, int d, float[] q) {
        double s = 0;
        double qn = 0;
        for (int j = 0; j < d; j++) {
            s += (double) e[row * d + j] * q[j];
            qn += (double) q[j] * q[j];
        }
        return s / Math.sqrt(qn);
    }

    @Test
    void textToClipTopKMatchesSortedBruteForce() {
        int n = 700;
        int d = 37; // not a multiple of 4: exercises the loop tail
        float[] e = unitRows(n, d, 1);
        EmbeddingIndex idx = EmbeddingIndex.of(header(d), entries(n), e);
        Random r = new Random(2);
        for (int q = 0; q < 20; q++) {
            float[] query = new float[d];
            for (int j = 0; j < d; j++) {
                query[j] = (float) (3 * r.nextGaussian()); // not normalised on purpose
            }
            List<SearchHit> hits = idx.searchByText(query, 10);
            int[] expected = bruteForce(e, n, d, query, 10, -1);
            assertEquals(10, hits.size());
            for (int h = 0; h < 10; h++) {
                assertEquals(expected[h], hits.get(h).index(), "query " + q + " rank " + (h + 1));
                assertEquals(h + 1, hits.get(h).rank());
                assertEquals("clip_" + expected[h], hits.get(h).entry().clipId());
                assertEquals(cosine(e, expected[h], d, query), hits.get(h).score(), 1e-5);
            }
        }
    }

    @Test
    void parallelPathOnALargeIndexMatchesBruteForce() {
        int n = 20_000;
        int d = 128; // n·d > 2^21 → chunks scored in parallel
        float[] e = unitRows(n, d, 5);
        EmbeddingIndex idx = EmbeddingIndex.of(header(d), entries(n), e);
        float[] q = unitRows(1, d, 6);
        int[] expected = bruteForce(e, n, d, q, 25, -1);
        List<SearchHit> hits = idx.searchByText(q, 25);
        for (int h = 0; h < 25; h++) {
            assertEquals(expected[h], hits.get(h).index(), "rank " + (h + 1));
        }
    }

    @Test
    void clipToClipExcludesTheQueryClip() {
        int n = 300;
        int d = 16;
        float[] e = unitRows(n, d, 9);
        EmbeddingIndex idx = EmbeddingIndex.of(header(d), entries(n), e);
        int row = 42;
        List<SearchHit> hits = idx.similarClips(row, 5);
        int[] expected = bruteForce(e, n, d, idx.embedding(row), 5, row);
        for (int h = 0; h < 5; h++) {
            assertEquals(expected[h], hits.get(h).index());
            assertTrue(hits.get(h).index() != row);
        }
        assertEquals(n - 1, idx.similarClips(row, n + 10).size());
    }

    @Test
    void clipToTextRanksNarrations() {
        int d = 8;
        float[] e = unitRows(3, d, 11);
        EmbeddingIndex idx = EmbeddingIndex.of(header(d), entries(3), e);
        float[][] texts = new float[4][];
        // text 2 is clip 1's own embedding scaled → cosine exactly 1; text 0 is its negation → −1
        texts[0] = new float[d];
        texts[2] = new float[d];
        for (int j = 0; j < d; j++) {
            texts[2][j] = 5 * e[d + j];
            texts[0][j] = -e[d + j];
        }
        texts[1] = unitRows(1, d, 12);
        texts[3] = unitRows(1, d, 13);
        List<String> words = List.of("cut onion", "wash plate", "open fridge", "take knife");
        List<TextHit> hits = idx.rankNarrations(1, texts, words, 4);
        assertEquals("open fridge", hits.get(0).text());
        assertEquals(1.0, hits.get(0).score(), 1e-6);
        assertEquals("cut onion", hits.get(3).text());
        assertEquals(-1.0, hits.get(3).score(), 1e-6);
        assertEquals(2, idx.rankNarrations(1, texts, words, 2).size());
    }

    @Test
    void lookupAndCopies() {
        float[] e = unitRows(4, 8, 1);
        EmbeddingIndex idx = EmbeddingIndex.of(header(8), entries(4), e);
        assertEquals(2, idx.indexOf("clip_2").getAsInt());
        assertFalse(idx.indexOf("nope").isPresent());
        float[] row = idx.embedding(3);
        row[0] = 99;
        assertEquals(e[3 * 8], idx.embedding(3)[0]);
    }

    @Test
    void rejectsInconsistentData() {
        int d = 8;
        float[] e = unitRows(3, d, 1);
        assertThrows(IllegalArgumentException.class, () -> EmbeddingIndex.of(header(d), entries(2), e));
        float[] notUnit = e.clone();
        notUnit[0] *= 2;
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingIndex.of(header(d), entries(3), notUnit));
        assertTrue(ex.getMessage().contains("clip_0"), ex.getMessage());
        List<IndexEntry> dup = new ArrayList<>(entries(3));
        dup.set(2, dup.get(0));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingIndex.of(header(d), dup, e));
        EmbeddingIndex idx = EmbeddingIndex.of(header(d), entries(3), e);
        assertThrows(IllegalArgumentException.class, () -> idx.searchByText(new float[d + 1], 1));
        assertThrows(IllegalArgumentException.class, () -> idx.searchByText(new float[d], 1));
    }
}
