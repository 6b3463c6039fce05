package org.egolens.model.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prepares the next micro-batches on data threads while the model works on the current one. Positions are handed out
 * in order, and since a {@link BatchSource} is a pure function of the position, the batches do not depend on how many
 * threads prepared them. Daemon threads; {@link #close()} stops them.
 */
public final class Prefetcher implements AutoCloseable {
    /** A micro-batch position. */
    public record Position(long epoch, long index) {}

    /** Yields the positions of the run in order. */
    public interface Positions {
        /** The position after {@code p}. */
        Position next(Position p);
    }

    private final BatchSource source;
    private final int size;
    private final Positions order;
    private final ExecutorService pool;
    private final int depth;
    private final Deque<Future<TrainBatch>> queue = new ArrayDeque<>();
    private final Deque<Position> queued = new ArrayDeque<>();
    private Position nextToQueue;

    /**
     * @param source  the data
     * @param size    pairs per micro-batch
     * @param first   the first position to deliver
     * @param order   how positions follow each other
     * @param threads data threads (≥ 1); batches prepared ahead = 2 × threads
     */
    public Prefetcher(BatchSource source, int size, Position first, Positions order, int threads) {
        this.source = source;
        this.size = size;
        this.order = order;
        this.depth = 2 * Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "egolens-train-data");
            t.setDaemon(true);
            return t;
        });
        this.nextToQueue = first;
    }

    /**
     * The next micro-batch in order (blocks until it is ready).
     *
     * @return the batch at {@link #position()} before the call
     * @throws IOException if preparing it failed (the cause names the clip)
     */
    public TrainBatch take() throws IOException {
        fill();
        Future<TrainBatch> f = queue.removeFirst();
        queued.removeFirst();
        fill();
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for training data");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("preparing a training batch failed: " + c, c);
        }
    }

    /** The position the next {@link #take()} returns. */
    public Position position() {
        fill();
        return queued.peekFirst();
    }

    private void fill() {
        while (queue.size() < depth) {
            Position p = nextToQueue;
            queued.addLast(p);
            queue.addLast(pool.submit(() -> {
                try {
                    return source.batch(p.epoch(), p.index(), size);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            nextToQueue = order.next(p);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
