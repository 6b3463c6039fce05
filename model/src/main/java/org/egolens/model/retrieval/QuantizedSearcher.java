package org.egolens.model.retrieval;

import io.github.jbellis.jvector.pq.BinaryQuantization;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * Approximate text→clip (T→V) top-k for large indexes: one bit per dimension for every clip, three passes per query.
 *
 * <p>Build: each clip embedding {@code x} is reduced to the signs of {@code x − μ}, μ the mean clip embedding
 * (packed 64 signs per {@code long} by jvector's {@link BinaryQuantization#encodeTo}: dimension j is bit {@code j mod
 * 64} of word {@code ⌊j/64⌋}); {@code N·D/8} bytes, 32 MB for 10⁶ × 256 against 1 GB of floats. Ranking by
 * {@code q·x} is ranking by {@code q·(x − μ)}, which the signs {@code s ∈ {±1}^D} estimate up to a positive factor.
 *
 * <p>Query {@code q} (unit):
 * <ol>
 *   <li>Hamming pass over all N codes against the signs of q ({@code D − 2·Hamming = sign(q)·s}); the C₁ nearest
 *       ({@link QuantizedSearchParams#filtered}, all ties at the cut kept) go on.</li>
 *   <li>Bit-weighted estimate {@code q·s = 2·Σ_{j: s_j = +1} q_j − Σ_j q_j} for those C₁, read from a 256-entry table
 *       per code byte; the C₂ best ({@link QuantizedSearchParams#candidates}, ties kept) go on.</li>
 *   <li>Exact cosine {@code q·x} for those C₂; the top k are returned.</li>
 * </ol>
 * Scores are exact cosines; only clips dropped by passes 1–2 can be missed. Each pass runs in row chunks on the common
 * fork-join pool.
 *
 * <p>Why not a graph index (HNSW/Vamana): on isotropic random 256-d vectors jvector's graph reached recall@10 0.61 at
 * N = 10⁵ while visiting a fifth of the nodes (measured, {@code BENCHMARKS.md}). Immutable after {@link #build}; safe
 * to share between threads.
 */
public final class QuantizedSearcher {
    /**
     * jvector's provider lookup warns through java.util.logging that Java 17 lacks the incubating Vector API (Java 20+)
     * and that it falls back to plain Java. That is true and harmless here: only the sign packing is jvector's, the
     * passes below are plain Java either way. The logger is held so that its level sticks.
     */
    private static final Logger JVECTOR_LOOKUP = quiet(Logger.getLogger(VectorizationProvider.class.getName()));
    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();
    private static final int CHUNK_ROWS = 16384;
    /** Work split for the per-candidate passes: a few parts per core. */
    private static final int PARTS = 4 * Runtime.getRuntime().availableProcessors();

    private final EmbeddingIndex index;
    private final QuantizedSearchParams params;
    private final int words;
    /** {@code (N, words)} row-major sign codes. */
    private final long[] codes;
    /** Per calling thread: the query's work arrays, kept between queries (no large allocation per query). */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private QuantizedSearcher(EmbeddingIndex index, QuantizedSearchParams params, int words, long[] codes) {
        this.index = index;
        this.params = params;
        this.words = words;
        this.codes = codes;
    }

    /**
     * Encodes every clip of {@code index} (about 1 s per 10⁶ × 256 on 2 cores).
     *
     * @param index  the clips, {@code (N, D)} unit rows; kept, not copied
     * @param params candidates per stage
     */
    public static QuantizedSearcher build(EmbeddingIndex index, QuantizedSearchParams params) {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(params, "params");
        int n = index.size();
        int d = index.dim();
        int w = (d + 63) / 64;
        float[] rows = index.rows();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += rows[i * d + j];
            }
        }
        float[] mu = new float[d];
        for (int j = 0; j < d; j++) {
            mu[j] = n == 0 ? 0f : (float) (mean[j] / n);
        }
        long[] codes = new long[n * w];
        int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            BinaryQuantization bq = new BinaryQuantization(d);
            float[] centred = new float[d];
            long[] code = new long[w];
            for (int i = ch * CHUNK_ROWS, end = Math.min(n, i + CHUNK_ROWS); i < end; i++) {
                for (int j = 0; j < d; j++) {
                    centred[j] = rows[i * d + j] - mu[j];
                }
                bq.encodeTo(VTS.createFloatVector(centred), code);
                System.arraycopy(code, 0, codes, i * w, w);
            }
        });
        return new QuantizedSearcher(index, params, w, codes);
    }

    /** The index searched. */
    public EmbeddingIndex index() {
        return index;
    }

    /** C₂, the clips re-scored exactly per query (at least k of them for a top-k query, see {@link #candidates(int)}). */
    public int candidates() {
        return params.candidates(index.size());
    }

    /** C₂ for a top-{@code k} query: {@code min(N, max(k, C₂))}, so that k hits come back whenever N ≥ k. */
    public int candidates(int k) {
        return Math.min(index.size(), Math.max(k, candidates()));
    }

    /**
     * Text→clip (T→V): the {@code k} best clips among the candidates, with exact cosine scores, best first.
     *
     * @param textEmbedding {@code (D)}; normalised here
     * @param k             hits wanted (fewer when the index is smaller)
     * @throws IllegalArgumentException if the dimension is wrong, the vector is zero or not finite, or {@code k < 1}
     */
    public List<SearchHit> searchByText(float[] textEmbedding, int k) {
        float[] q = index.unitQuery(textEmbedding);
        TopK top = new TopK(k);
        int n = index.size();
        if (n == 0) {
            return index.hitsOf(top);
        }
        int d = index.dim();
        int c2 = Math.min(n, Math.max(k, params.candidates(n))); // never fewer candidates than hits asked for
        int c1 = Math.max(c2, params.filtered(n));
        Scratch sc = scratch.get();
        int m = c1 >= n ? estimateAll(q, sc) : hammingPass(q, c1, sc);
        float cut = Float.NEGATIVE_INFINITY;
        if (c2 < m) {
            float[] sel = sc.selection(m);
            System.arraycopy(sc.estimate, 0, sel, 0, m);
            cut = kthLargest(sel, m, c2);
        }
        final float limit = cut;
        float[] rows = index.rows();
        int[] candRows = sc.rows;
        float[] candEst = sc.estimate;
        int parts = Math.max(1, Math.min(PARTS, m / 1024));
        return index.hitsOf(IntStream.range(0, parts).parallel().mapToObj(p -> {
            TopK t = new TopK(k);
            for (int r = (int) ((long) p * m / parts), end = (int) ((long) (p + 1) * m / parts); r < end; r++) {
                if (candEst[r] >= limit) {
                    int i = candRows[r];
                    float s = EmbeddingIndex.dot(rows, i * d, q, d);
                    if (s >= t.threshold()) {
                        t.offer(i, s);
                    }
                }
            }
            return t;
        }).reduce((a, b) -> {
            a.merge(b);
            return a;
        }).orElse(top));
    }

    /** One thread's work arrays: Hamming distances, then the candidates (ascending rows) and their estimates. */
    private static final class Scratch {
        short[] dist = new short[0];
        int[] rows = new int[0];
        float[] estimate = new float[0];
        float[] selection = new float[0];

        short[] dist(int n) {
            if (dist.length < n) {
                dist = new short[n];
            }
            return dist;
        }

        void candidates(int m) {
            if (rows.length < m) {
                rows = new int[m];
                estimate = new float[m];
            }
        }

        float[] selection(int m) {
            if (selection.length < m) {
                selection = new float[m];
            }
            return selection;
        }
    }

    /**
     * Passes 1 and 2: the rows whose Hamming distance to sign(q) is at most the smallest distance reached by {@code c}
     * rows, with their estimates. Two parallel sweeps over row chunks: distances and per-chunk histograms, then each
     * chunk writes its kept rows at its own offset.
     *
     * @return the candidate count m; rows and estimates are in {@code sc}'s first m entries
     */
    private int hammingPass(float[] q, int c, Scratch sc) {
        int n = index.size();
        int w = words;
        long[] qc = signs(q, w);
        short[] dist = sc.dist(n);
        int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
        int[][] hist = new int[chunks][];
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            int[] h = new int[w * 64 + 1];
            long[] cd = codes;
            for (int i = ch * CHUNK_ROWS, end = Math.min(n, i + CHUNK_ROWS); i < end; i++) {
                int hd = 0;
                for (int x = 0, o = i * w; x < w; x++) {
                    hd += Long.bitCount(cd[o + x] ^ qc[x]);
                }
                dist[i] = (short) hd;
                h[hd]++;
            }
            hist[ch] = h;
        });
        int[] total = new int[w * 64 + 1];
        for (int[] h : hist) {
            for (int b = 0; b < total.length; b++) {
                total[b] += h[b];
            }
        }
        int lim = 0;
        for (int kept = total[0]; kept < c; kept += total[++lim]) {
            // smallest distance whose cumulative count reaches c
        }
        int[] offset = new int[chunks + 1];
        for (int ch = 0; ch < chunks; ch++) {
            int kept = 0;
            for (int b = 0; b <= lim; b++) {
                kept += hist[ch][b];
            }
            offset[ch + 1] = offset[ch] + kept;
        }
        sc.candidates(offset[chunks]);
        int[] rows = sc.rows;
        float[] est = sc.estimate;
        float[] table = table(q, w);
        final int limit = lim;
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            int m = offset[ch];
            for (int i = ch * CHUNK_ROWS, end = Math.min(n, i + CHUNK_ROWS); i < end; i++) {
                if (dist[i] <= limit) {
                    rows[m] = i;
                    est[m++] = estimate(table, codes, i * w, w);
                }
            }
        });
        return offset[chunks];
    }

    /** Pass 2 alone, for every row (when C₁ = N). @return N */
    private int estimateAll(float[] q, Scratch sc) {
        int n = index.size();
        float[] table = table(q, words);
        sc.candidates(n);
        int[] rows = sc.rows;
        float[] est = sc.estimate;
        IntStream.range(0, n).parallel().forEach(i -> {
            rows[i] = i;
            est[i] = estimate(table, codes, i * words, words);
        });
        return n;
    }

    /** Bits set where {@code q_j > 0}, in the codes' layout. */
    private static long[] signs(float[] q, int w) {
        long[] qc = new long[w];
        for (int j = 0; j < q.length; j++) {
            if (q[j] > 0) {
                qc[j >>> 6] |= 1L << (j & 63);
            }
        }
        return qc;
    }

    /** {@code (8·w, 256)}: entry (b, v) is Σ q_j over the set bits of byte value v at code byte b. */
    private static float[] table(float[] q, int w) {
        int bytes = w * 8;
        float[] table = new float[bytes * 256];
        for (int b = 0; b < bytes; b++) {
            for (int v = 1; v < 256; v++) {
                int low = Integer.numberOfTrailingZeros(v);
                int j = b * 8 + low;
                table[b * 256 + v] = table[b * 256 + (v & (v - 1))] + (j < q.length ? q[j] : 0f);
            }
        }
        return table;
    }

    /** Σ_{j: bit j set} q_j for the code at {@code codes[o .. o + w)}, by byte lookups summed pairwise. */
    private static float estimate(float[] table, long[] codes, int o, int w) {
        float s = 0;
        for (int x = 0; x < w; x++) {
            long word = codes[o + x];
            int t = x * 2048;
            float a = table[t + (int) (word & 0xff)] + table[t + 256 + (int) (word >>> 8 & 0xff)];
            float b = table[t + 512 + (int) (word >>> 16 & 0xff)] + table[t + 768 + (int) (word >>> 24 & 0xff)];
            float c = table[t + 1024 + (int) (word >>> 32 & 0xff)] + table[t + 1280 + (int) (word >>> 40 & 0xff)];
            float e = table[t + 1536 + (int) (word >>> 48 & 0xff)] + table[t + 1792 + (int) (word >>> 56)];
            s += (a + b) + (c + e);
        }
        return s;
    }

    /** The {@code c}-th largest of {@code a[0 .. m)} (1-based; reorders them): Hoare quickselect. */
    static float kthLargest(float[] a, int m, int c) {
        int target = c - 1;
        int lo = 0;
        int hi = m - 1;
        while (lo < hi) {
            float pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] > pivot) {
                    i++;
                }
                while (a[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return a[target];
            }
        }
        return a[target];
    }

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.SEVERE);
        return logger;
    }
}
