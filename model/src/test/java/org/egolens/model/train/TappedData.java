package org.egolens.model.train;

import java.io.IOException;

/**
 * The demo training data with a tap on every batch: the tap sees each (epoch, index, batch) and returns the batch to
 * train on (the same one, or a changed copy). For tests and benchmarks.
 */
final class TappedData implements TrainingData {
    /** Sees, and may replace, each batch. */
    interface Tap {
        TrainBatch batch(long epoch, long index, TrainBatch original);
    }

    private final Tap tap;

    TappedData(Tap tap) {
        this.tap = tap;
    }

    @Override
    public Prepared prepare(TrainRunConfig cfg) throws IOException {
        Prepared p = new DemoTrainingData().prepare(cfg);
        BatchSource inner = p.source();
        BatchSource tapped = new BatchSource() {
            @Override
            public TrainBatch batch(long epoch, long index, int size) throws IOException {
                return tap.batch(epoch, index, inner.batch(epoch, index, size));
            }

            @Override
            public long batchesPerEpoch(int size) {
                return inner.batchesPerEpoch(size);
            }

            @Override
            public String describe() {
                return inner.describe() + " (tapped)";
            }
        };
        return new Prepared(p.tokenizer(), tapped, p.validator());
    }
}
