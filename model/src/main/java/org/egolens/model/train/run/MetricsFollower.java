package org.egolens.model.train.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails a run's {@code metrics.jsonl} while the trainer appends to it: each {@link #poll()} returns the events of the
 * lines completed since the previous poll.
 *
 * <ul>
 *   <li>A partial last line (the trainer is mid-write) is kept back until its line break arrives; bytes are buffered,
 *       so a UTF-8 character split across two polls decodes correctly.</li>
 *   <li>A file that does not exist yet reads as no events; once it appears it is read from its start.</li>
 *   <li>Truncation or replacement (the file shrank, its file key changed, or its first bytes differ from what was read)
 *       restarts reading from byte 0 and is reported as {@link Batch#reset()}: the consumer must drop what it derived
 *       from the old content. A deleted file is also a reset.</li>
 *   <li>A malformed line is skipped, logged with {@code file:line} and listed in {@link Batch#errors()}; reading goes
 *       on.</li>
 * </ul>
 *
 * <p>Steps may repeat after a resume (the contract: readers keep the last value for a step); the follower returns the
 * lines as written, {@link RunHistory} applies that rule. Thread-safe (polls are serialised).
 */
public final class MetricsFollower {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsFollower.class);
    /** Default cap on the bytes read by one poll: 8 MiB. */
    public static final int DEFAULT_MAX_BYTES_PER_POLL = 8 << 20;
    /** Lines longer than this (4 MiB) are skipped as malformed instead of being buffered. */
    public static final int MAX_LINE_BYTES = 4 << 20;
    private static final int HEAD_BYTES = 64;

    private final Path file;
    private final int maxBytesPerPoll;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long position;
    private long lineNumber;
    private long malformed;
    private boolean discarding;
    private byte[] head = new byte[0];
    private Object fileKey;

    /**
     * Results of one poll.
     *
     * @param reset  the file was truncated, replaced or deleted since the last poll; {@code events} (if any) are from
     *               the start of the new content
     * @param events the events of the newly completed lines, in file order
     * @param errors one message per skipped line, {@code "<file>:<line>: <reason>"}
     * @param more   the poll stopped at its byte cap and more complete data is waiting: poll again
     */
    public record Batch(boolean reset, List<RunEvent> events, List<String> errors, boolean more) {
        /** Copies the lists. */
        public Batch {
            events = List.copyOf(events);
            errors = List.copyOf(errors);
        }

        /** True when nothing happened. */
        public boolean isEmpty() {
            return !reset && events.isEmpty() && errors.isEmpty();
        }
    }

    /** A follower of {@code file} reading at most {@link #DEFAULT_MAX_BYTES_PER_POLL} per poll. */
    public MetricsFollower(Path file) {
        this(file, DEFAULT_MAX_BYTES_PER_POLL);
    }

    /**
     * @param file            the {@code metrics.jsonl} (need not exist yet)
     * @param maxBytesPerPoll cap on the bytes read by one poll (bounds memory and latency of a poll)
     * @throws IllegalArgumentException if the cap is below 1
     */
    public MetricsFollower(Path file, int maxBytesPerPoll) {
        this.file = Objects.requireNonNull(file, "file");
        if (maxBytesPerPoll < 1) {
            throw new IllegalArgumentException("maxBytesPerPoll must be positive, got " + maxBytesPerPoll);
        }
        this.maxBytesPerPoll = maxBytesPerPoll;
    }

    /** The followed file. */
    public Path file() {
        return file;
    }

    /** Bytes consumed so far, including a buffered partial line. */
    public synchronized long position() {
        return position;
    }

    /** Complete lines read so far (blank and malformed ones included), since the last reset. */
    public synchronized long lineNumber() {
        return lineNumber;
    }

    /** Malformed lines skipped since this follower was created. */
    public synchronized long malformedLines() {
        return malformed;
    }

    /**
     * Reads what was appended since the last poll.
     *
     * @return the new events; {@link Batch#isEmpty()} if nothing changed
     * @throws IOException if the file exists but cannot be read
     */
    public synchronized Batch poll() throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            boolean hadContent = position > 0 || fileKey != null;
            restart();
            fileKey = null;
            return new Batch(hadContent, List.of(), List.of(), false);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Object key = attrs.fileKey();
            boolean reset = false;
            if (position > 0 && (size < position || (key != null && fileKey != null && !key.equals(fileKey))
                    || !headUnchanged(ch))) {
                LOG.debug("{} was truncated or replaced; reading it again from the start", file);
                restart();
                reset = true;
            }
            fileKey = key;
            if (size <= position) {
                return new Batch(reset, List.of(), List.of(), false);
            }
            int n = (int) Math.min(size - position, maxBytesPerPoll);
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining()) {
                if (ch.read(buf, position + buf.position()) < 0) {
                    break;
                }
            }
            byte[] bytes = Arrays.copyOf(buf.array(), buf.position());
            if (position == 0) {
                head = Arrays.copyOf(bytes, Math.min(HEAD_BYTES, bytes.length));
            }
            position += bytes.length;
            List<RunEvent> events = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            split(bytes, events, errors);
            return new Batch(reset, events, errors, position < size);
        }
    }

    private boolean headUnchanged(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(head.length);
        while (b.hasRemaining()) {
            if (ch.read(b, b.position()) < 0) {
                return false;
            }
        }
        return Arrays.equals(b.array(), head);
    }

    private void restart() {
        position = 0;
        lineNumber = 0;
        pending.reset();
        discarding = false;
        head = new byte[0];
    }

    private void split(byte[] bytes, List<RunEvent> events, List<String> errors) {
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            lineNumber++;
            if (discarding) {
                discarding = false;
            } else {
                pending.write(bytes, start, i - start);
                line(pending.toString(StandardCharsets.UTF_8), events, errors);
            }
            pending.reset();
            start = i + 1;
        }
        if (!discarding) {
            pending.write(bytes, start, bytes.length - start);
            if (pending.size() > MAX_LINE_BYTES) {
                pending.reset();
                discarding = true;
                error(lineNumber + 1, "line longer than " + MAX_LINE_BYTES + " bytes, skipped", errors);
            }
        }
    }

    private void line(String text, List<RunEvent> events, List<String> errors) {
        String s = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (s.isBlank()) {
            return;
        }
        try {
            events.add(RunEvent.parse(s));
        } catch (IllegalArgumentException e) {
            error(lineNumber, e.getMessage(), errors);
        }
    }

    private void error(long line, String reason, List<String> errors) {
        malformed++;
        String msg = file + ":" + line + ": " + reason;
        LOG.warn("skipping a metrics line: {}", msg);
        errors.add(msg);
    }
}
