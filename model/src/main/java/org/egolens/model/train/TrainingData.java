package org.egolens.model.train;

import java.io.IOException;
import java.util.Objects;
import org.egolens.model.tokenize.Tokenizer;

/**
 * Turns a run config's {@code data} and {@code eval} sections into what the loop needs. The CLI's implementation
 * resolves the demo workspace and the vocabulary; tests can give small in-memory sources.
 */
public interface TrainingData {
    /**
     * What a run reads.
     *
     * @param tokenizer encodes captions and validation sentences
     * @param source    the training batches
     * @param validator the validation split, decoded
     */
    record Prepared(Tokenizer tokenizer, BatchSource source, MirValidator validator) {
        /** @throws NullPointerException on a null part */
        public Prepared {
            Objects.requireNonNull(tokenizer, "tokenizer");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(validator, "validator");
        }
    }

    /**
     * Opens the data of a config.
     *
     * @throws IOException if a file is missing or a validation clip cannot be decoded (names it)
     */
    Prepared prepare(TrainRunConfig cfg) throws IOException;
}
