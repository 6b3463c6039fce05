package org.egolens.model.eval.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.retrieval.EmbeddingIndex;

/**
 * Embeds texts in batches with {@link VideoTextModel#encodeTexts}, each distinct text once (EK-100 test narrations
 * repeat: 9,668 rows hold 3,835 distinct ones). Checks every returned row (dimension, finite, non-zero) and returns
 * L2-normalised rows.
 */
final class TextEmbedder {
    private TextEmbedder() {}

    /**
     * Embeds {@code texts}.
     *
     * @return {@code (texts.size(), D)}, row {@code i} the unit embedding of {@code texts.get(i)}; equal texts share
     *         one array (do not modify)
     * @throws IllegalStateException if the model returns a wrong count, dimension or a non-finite or zero row
     */
    static float[][] embed(VideoTextModel model, List<String> texts, int batch, EvalProgress progress) {
        Map<String, Integer> distinct = new LinkedHashMap<>();
        for (String t : texts) {
            distinct.putIfAbsent(t, distinct.size());
        }
        List<String> unique = new ArrayList<>(distinct.keySet());
        int d = model.descriptor().embedDim();
        float[][] embedded = new float[unique.size()][];
        for (int from = 0; from < unique.size(); from += batch) {
            progress.checkCancelled("embedding texts");
            List<String> part = unique.subList(from, Math.min(unique.size(), from + batch));
            float[][] e = model.encodeTexts(part);
            if (e.length != part.size()) {
                throw new IllegalStateException("model returned " + e.length + " text embeddings for " + part.size()
                        + " texts");
            }
            for (int k = 0; k < e.length; k++) {
                float[] v = e[k];
                if (v.length != d) {
                    throw new IllegalStateException("text embedding of '" + part.get(k) + "' has dimension " + v.length
                            + ", expected " + d);
                }
                v = v.clone();
                try {
                    EmbeddingIndex.normalizeInPlace(v);
                } catch (IllegalArgumentException bad) {
                    throw new IllegalStateException("text embedding of '" + part.get(k) + "': " + bad.getMessage(), bad);
                }
                embedded[from + k] = v;
            }
            progress.texts(Math.min(unique.size(), from + batch), unique.size());
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = embedded[distinct.get(texts.get(i))];
        }
        return out;
    }

    /**
     * One embedding per class from prompt variants: the unit embeddings of {@code template.replace("{}", name)} for
     * every template, averaged and re-normalised (docs §5.3). A single template {@code "{}"} is the plain name.
     */
    static float[][] embedPrompts(VideoTextModel model, List<String> names, List<String> templates, int batch,
            EvalProgress progress) {
        List<String> prompts = new ArrayList<>(names.size() * templates.size());
        for (String n : names) {
            for (String t : templates) {
                prompts.add(t.replace("{}", n));
            }
        }
        float[][] e = embed(model, prompts, batch, progress);
        int d = model.descriptor().embedDim();
        float[][] out = new float[names.size()][];
        for (int c = 0; c < names.size(); c++) {
            double[] sum = new double[d];
            for (int t = 0; t < templates.size(); t++) {
                float[] v = e[c * templates.size() + t];
                for (int j = 0; j < d; j++) {
                    sum[j] += v[j];
                }
            }
            float[] mean = new float[d];
            for (int j = 0; j < d; j++) {
                mean[j] = (float) (sum[j] / templates.size());
            }
            try {
                EmbeddingIndex.normalizeInPlace(mean);
            } catch (IllegalArgumentException bad) {
                throw new IllegalStateException("prompt embeddings of class '" + names.get(c) + "' cancel out", bad);
            }
            out[c] = mean;
        }
        return out;
    }
}
