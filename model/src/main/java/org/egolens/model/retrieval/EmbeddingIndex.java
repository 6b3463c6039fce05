package org.egolens.model.retrieval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * An immutable set of clip embeddings {@code (N, D)}, L2-normalised, with one {@link IndexEntry} per row, searchable by
 * cosine similarity (the dot product of unit vectors).
 *
 * <p>Embeddings live in one flat row-major {@code float[N·D]}. Search is exact brute force with a bounded heap
 * ({@link TopK}); for large indexes the rows are split into chunks scored in parallel on the common fork-join pool.
 * Directions: text→clip (T→V) {@link #searchByText}, clip→clip (V→V) {@link #similarClips}, clip→text (V→T)
 * {@link #rankNarrations}. Instances are safe to share between threads.
 */
public final class EmbeddingIndex {
    /** A row norm must lie within this distance of 1. */
    static final double NORM_TOLERANCE = 1e-3;
    /** Below this many multiply-adds a query runs on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 21;
    private static final int CHUNK_ROWS = 4096;

    private final IndexHeader header;
    private final List<IndexEntry> entries;
    private final float[] embeddings;
    private final int dim;
    private final Map<String, Integer> byClipId;

    private EmbeddingIndex(IndexHeader header, List<IndexEntry> entries, float[] embeddings) {
        this.header = header;
        this.entries = entries;
        this.embeddings = embeddings;
        this.dim = header.embedDim();
        this.byClipId = new HashMap<>(entries.size() * 2);
        for (int i = 0; i < entries.size(); i++) {
            Integer prev = byClipId.put(entries.get(i).clipId(), i);
            if (prev != null) {
                throw new IllegalArgumentException("duplicate clip id '" + entries.get(i).clipId() + "' at rows " + prev
                        + " and " + i);
            }
        }
    }

    /**
     * Creates an index over already L2-normalised embeddings.
     *
     * @param embeddings {@code (N, D)} row-major, row i belongs to {@code entries.get(i)}; used as is, not copied
     * @throws IllegalArgumentException if sizes disagree, a value is not finite, a row is not unit-norm (within 1e-3)
     *                                  or clip ids repeat (the message names the row and clip)
     */
    public static EmbeddingIndex of(IndexHeader header, List<IndexEntry> entries, float[] embeddings) {
        Objects.requireNonNull(header, "header");
        int d = header.embedDim();
        if ((long) entries.size() * d != embeddings.length) {
            throw new IllegalArgumentException("index has " + entries.size() + " entries of dimension " + d + " but "
                    + embeddings.length + " embedding values");
        }
        for (int i = 0; i < entries.size(); i++) {
            double n2 = 0;
            for (int j = i * d, e = j + d; j < e; j++) {
                float v = embeddings[j];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("embedding row " + i + " (clip " + entries.get(i).clipId()
                            + ") holds a non-finite value");
                }
                n2 += (double) v * v;
            }
            if (Math.abs(Math.sqrt(n2) - 1) > NORM_TOLERANCE) {
                throw new IllegalArgumentException("embedding row " + i + " (clip " + entries.get(i).clipId()
                        + ") is not L2-normalised: norm " + Math.sqrt(n2));
            }
        }
        return new EmbeddingIndex(header, List.copyOf(entries), embeddings);
    }

    /** What the index was built with. */
    public IndexHeader header() {
        return header;
    }

    /** N, indexed clips. */
    public int size() {
        return entries.size();
    }

    /** D, embedding dimension. */
    public int dim() {
        return dim;
    }

    /** The clips, row order. */
    public List<IndexEntry> entries() {
        return entries;
    }

    /** Clip of row {@code i}. */
    public IndexEntry entry(int i) {
        return entries.get(i);
    }

    /** Row of {@code clipId}, if indexed. */
    public OptionalInt indexOf(String clipId) {
        Integer i = byClipId.get(clipId);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** A copy of row {@code i}, {@code (D)}. */
    public float[] embedding(int i) {
        Objects.checkIndex(i, entries.size());
        float[] out = new float[dim];
        System.arraycopy(embeddings, i * dim, out, 0, dim);
        return out;
    }

    /** A copy of all rows, {@code (N·D)} row-major. */
    public float[] embeddingsFlat() {
        return embeddings.clone();
    }

    /**
     * Cosine similarity of {@code query} with every clip.
     *
     * @param query {@code (D)}, any non-zero norm (normalised here)
     * @return {@code (N)} scores, row order
     */
    public float[] scores(float[] query) {
        float[] q = unit(query);
        float[] out = new float[entries.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dot(embeddings, i * dim, q, dim);
        }
        return out;
    }

    /**
     * Text→clip (T→V): the {@code k} clips most similar to a text embedding.
     *
     * @param textEmbedding {@code (D)}, e.g. a row of {@code VideoTextModel.encodeTexts}; normalised here
     * @param k             hits wanted (fewer when the index is smaller)
     * @throws IllegalArgumentException if the dimension is wrong, the vector is zero or not finite, or {@code k < 1}
     */
    public List<SearchHit> searchByText(float[] textEmbedding, int k) {
        return hits(topK(unit(textEmbedding), k, -1));
    }

    /**
     * Clip→clip (V→V): the {@code k} clips most similar to clip {@code row}, excluding that clip itself.
     *
     * @throws IndexOutOfBoundsException if {@code row} is not a row
     */
    public List<SearchHit> similarClips(int row, int k) {
        Objects.checkIndex(row, entries.size());
        return hits(topK(embedding(row), k, row));
    }

    /**
     * Clip→text (V→T): ranks narrations for clip {@code row}.
     *
     * @param narrationEmbeddings {@code (M, D)} text embeddings, any non-zero norms (normalised here)
     * @param narrations          the M narrations, same order
     * @param k                   hits wanted (fewer when M is smaller)
     * @throws IllegalArgumentException if the two lists differ in length or a row has the wrong dimension
     */
    public List<TextHit> rankNarrations(int row, float[][] narrationEmbeddings, List<String> narrations, int k) {
        Objects.checkIndex(row, entries.size());
        if (narrationEmbeddings.length != narrations.size()) {
            throw new IllegalArgumentException(narrationEmbeddings.length + " narration embeddings for "
                    + narrations.size() + " narrations");
        }
        TopK top = new TopK(k);
        for (int j = 0; j < narrationEmbeddings.length; j++) {
            float[] t = unit(narrationEmbeddings[j]);
            top.offer(j, dot(embeddings, row * dim, t, dim));
        }
        int[] idx = top.indices();
        float[] sc = top.scores();
        List<TextHit> out = new ArrayList<>(idx.length);
        for (int r = 0; r < idx.length; r++) {
            out.add(new TextHit(r + 1, idx[r], narrations.get(idx[r]), sc[r]));
        }
        return Collections.unmodifiableList(out);
    }

    private TopK topK(float[] q, int k, int exclude) {
        int n = entries.size();
        if ((long) n * dim < PARALLEL_WORK) {
            TopK top = new TopK(k);
            scoreRange(q, 0, n, exclude, top);
            return top;
        }
        int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
        return IntStream.range(0, chunks).parallel().mapToObj(c -> {
            TopK t = new TopK(k);
            scoreRange(q, c * CHUNK_ROWS, Math.min(n, (c + 1) * CHUNK_ROWS), exclude, t);
            return t;
        }).reduce((a, b) -> {
            a.merge(b);
            return a;
        }).orElseGet(() -> new TopK(k));
    }

    private void scoreRange(float[] q, int from, int to, int exclude, TopK top) {
        float[] e = embeddings;
        int d = dim;
        for (int i = from; i < to; i++) {
            if (i == exclude) {
                continue;
            }
            float s = dot(e, i * d, q, d);
            if (s >= top.threshold()) {
                top.offer(i, s);
            }
        }
    }

    /** {@code Σ_j a[off + j] · b[j]} for j < d, with four independent accumulators so the JIT can pipeline. */
    static float dot(float[] a, int off, float[] b, int d) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (int end = d - 3; j < end; j += 4) {
            s0 += a[off + j] * b[j];
            s1 += a[off + j + 1] * b[j + 1];
            s2 += a[off + j + 2] * b[j + 2];
            s3 += a[off + j + 3] * b[j + 3];
        }
        for (; j < d; j++) {
            s0 += a[off + j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The backing {@code (N·D)} row-major array, not a copy: for searchers in this package, which must not write it. */
    float[] rows() {
        return embeddings;
    }

    /** {@code v} as a unit query, checked like {@link #searchByText}'s. */
    float[] unitQuery(float[] v) {
        return unit(v);
    }

    /** Ranked hits of {@code top}. */
    List<SearchHit> hitsOf(TopK top) {
        return hits(top);
    }

    private List<SearchHit> hits(TopK top) {
        int[] idx = top.indices();
        float[] sc = top.scores();
        List<SearchHit> out = new ArrayList<>(idx.length);
        for (int r = 0; r < idx.length; r++) {
            out.add(new SearchHit(r + 1, idx[r], entries.get(idx[r]), sc[r]));
        }
        return Collections.unmodifiableList(out);
    }

    private float[] unit(float[] v) {
        if (v.length != dim) {
            throw new IllegalArgumentException("query has dimension " + v.length + ", index has " + dim);
        }
        double n2 = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("query embedding holds a non-finite value");
            }
            n2 += (double) x * x;
        }
        if (n2 == 0) {
            throw new IllegalArgumentException("query embedding is the zero vector");
        }
        float inv = (float) (1 / Math.sqrt(n2));
        float[] out = new float[dim];
        for (int j = 0; j < dim; j++) {
            out[j] = v[j] * inv;
        }
        return out;
    }

    /** L2-normalises {@code v} in place. @throws IllegalArgumentException if it is zero or not finite */
    public static void normalizeInPlace(float[] v) {
        double n2 = 0;
        for (float x : v) {
            n2 += (double) x * x;
        }
        if (!(n2 > 0) || Double.isInfinite(n2)) {
            throw new IllegalArgumentException("cannot L2-normalise a " + (n2 == 0 ? "zero" : "non-finite") + " vector");
        }
        double inv = 1 / Math.sqrt(n2);
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) (v[j] * inv);
        }
    }
}
