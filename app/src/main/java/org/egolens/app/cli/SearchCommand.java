package org.egolens.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.retrieval.EmbeddingIndex;
import org.egolens.model.retrieval.IndexFile;
import org.egolens.model.retrieval.IndexHeader;
import org.egolens.model.retrieval.QuantizedSearchParams;
import org.egolens.model.retrieval.QuantizedSearcher;
import org.egolens.model.retrieval.SearchHit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code egolens search}: text→clip retrieval over an index file. A blank query (empty or whitespace only, which would
 * rank the clips against the embedding of no text) is refused with exit code 1 before the index or model is opened.
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rank the clips of an index by cosine similarity to a text query (T->V).")
public final class SearchCommand implements Callable<Integer> {
    private static final int CONTEXT_LENGTH = org.egolens.model.tokenize.ClipBpeTokenizer.DEFAULT_CONTEXT_LENGTH;

    @ParentCommand
    EgoLensCommand root;

    @Option(names = "--index", paramLabel = "FILE", required = true, description = "Index file made by 'egolens index'.")
    Path index;

    @Option(names = "--query", paramLabel = "TEXT", required = true, description = "Narration to search for.")
    String query;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "10", description = "Hits to show (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--json", description = "Print a JSON array of {rank, clip_id, score, path, start, end}.")
    boolean json;

    @Option(names = "--model", paramLabel = "PRESET|MODELDIR",
            description = "Model to embed the query with (default: the one recorded in the index).")
    String model;

    @Option(names = "--approximate", paramLabel = "FRACTION", arity = "0..1", fallbackValue = "default",
            description = "Approximate search for large indexes: rank every clip by its one-bit-per-dimension code, "
                    + "then re-score FRACTION of them exactly (given without a value: 0.8 %% of the clips, at least "
                    + "2,500; recall@10 and latency are measured in BENCHMARKS.md). Without this option the search "
                    + "is exact.")
    String approximate;

    @Override
    public Integer call() throws IOException {
        if (topK < 1) {
            throw new IllegalArgumentException("--top-k must be at least 1, got " + topK);
        }
        QuantizedSearchParams approx = approximate == null ? null : approximateParams(approximate);
        if (query.isBlank()) {
            throw new IllegalArgumentException("--query is empty or only whitespace; give the text to search for");
        }
        EmbeddingIndex idx = IndexFile.read(index);
        IndexHeader h = idx.header();
        String modelId = model != null ? model : h.modelId();
        List<SearchHit> hits;
        try (VideoTextModel m = root.backend().openModel(modelId, h.numFrames())) {
            if (!h.matches(m.descriptor())) {
                throw new IllegalArgumentException(index + " was built with model " + h.modelId() + " (config "
                        + h.configHash() + ", D=" + h.embedDim() + ") but " + modelId + " has config "
                        + m.descriptor().configHash() + ", D=" + m.descriptor().embedDim()
                        + "; rebuild the index or pass the matching --model");
            }
            float[] q = m.encodeTexts(List.of(query))[0];
            int tokens = m.textTokens(query);
            if (tokens > CONTEXT_LENGTH) {
                root.spec.commandLine().getErr().printf(Locale.ROOT, "note: the query is %d tokens; the text encoder "
                        + "reads the first %d (CLIP's context), the rest was left out%n", tokens, CONTEXT_LENGTH);
            }
            if (approx == null) {
                hits = idx.searchByText(q, topK);
            } else {
                QuantizedSearcher s = QuantizedSearcher.build(idx, approx);
                hits = s.searchByText(q, topK);
                root.spec.commandLine().getErr().printf(Locale.ROOT,
                        "approximate search: %d of %d clips re-scored exactly%n", s.candidates(topK), idx.size());
            }
        }
        PrintWriter out = root.spec.commandLine().getOut();
        if (json) {
            out.println(toJson(hits));
        } else {
            print(hits, out);
        }
        out.flush();
        return 0;
    }

    /** {@code default} → {@link QuantizedSearchParams#defaults()}; a number in (0, 1] → that share re-scored exactly. */
    private static QuantizedSearchParams approximateParams(String value) {
        if (value.equals("default")) {
            return QuantizedSearchParams.defaults();
        }
        double f;
        try {
            f = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            f = Double.NaN;
        }
        if (!(f > 0 && f <= 1)) {
            throw new IllegalArgumentException("--approximate must be a fraction in (0, 1], got " + value);
        }
        return QuantizedSearchParams.rerank(f);
    }

    /** Hits as a JSON array of objects {@code rank, clip_id, score, path, start, end} (seconds). */
    static String toJson(List<SearchHit> hits) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = om.createArrayNode();
        for (SearchHit h : hits) {
            ObjectNode o = arr.addObject();
            o.put("rank", h.rank());
            o.put("clip_id", h.entry().clipId());
            o.put("score", h.score());
            o.put("path", h.entry().source().toString());
            o.put("start", h.entry().startSec());
            o.put("end", h.entry().endSec());
        }
        return om.writeValueAsString(arr);
    }

    private static void print(List<SearchHit> hits, PrintWriter out) {
        int w = Math.max(4, hits.stream().mapToInt(h -> h.entry().clipId().length()).max().orElse(4));
        out.printf(Locale.ROOT, "%4s  %7s  %-" + w + "s  %-17s  %s%n", "rank", "score", "clip", "window (s)", "video");
        for (SearchHit h : hits) {
            out.printf(Locale.ROOT, "%4d  %7.4f  %-" + w + "s  %-17s  %s%n", h.rank(), h.score(), h.entry().clipId(),
                    String.format(Locale.ROOT, "%.2f-%.2f", h.entry().startSec(), h.entry().endSec()), h.entry().source());
        }
    }
}
