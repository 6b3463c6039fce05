package org.egolens.model.retrieval;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.egolens.model.api.ModelDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only checkpoint of an index build ({@code <index>.partial}), so that an interrupted build resumes without
 * re-embedding finished clips.
 *
 * <p>Layout (big-endian): magic {@code "EGLJRNL1"}, then blocks {@code [int length][int crc32][payload]}. The first
 * block is the header (model id, config hash, T, image size, D); every later block holds the records of one batch:
 * {@code int count}, then per record {@code byte kind} (1 = embedded, 2 = skipped), clip id, video path, start,
 * requested end, and for kind 1 the resolved end, the frame count and D floats, for kind 2 the reason. Strings are
 * {@code int length} + UTF-8. Each block is flushed to disk ({@code force}) before the next batch starts. A torn or
 * corrupt tail block (crash while writing) is cut off on reopen; everything before it is kept.
 */
final class BuildJournal implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(BuildJournal.class);
    private static final byte[] MAGIC = "EGLJRNL1".getBytes(StandardCharsets.US_ASCII);
    private static final byte EMBEDDED = 1;
    private static final byte SKIPPED = 2;

    /** A journalled clip. */
    sealed interface Record permits Embedded, Skipped {
        String clipId();

        Path video();

        double startSec();

        /** End as requested ({@code +∞} = to the end of the video). */
        double requestedEnd();
    }

    /** A clip with its L2-normalised embedding {@code (D)}. */
    record Embedded(String clipId, Path video, double startSec, double requestedEnd, double resolvedEnd, long frameCount,
                    float[] embedding) implements Record {}

    /** A clip that could not be embedded. */
    record Skipped(String clipId, Path video, double startSec, double requestedEnd, String reason) implements Record {}

    private final Path file;
    private final FileChannel channel;
    private final int dim;
    private final Map<String, Record> records;

    private BuildJournal(Path file, FileChannel channel, int dim, Map<String, Record> records) {
        this.file = file;
        this.channel = channel;
        this.dim = dim;
        this.records = records;
    }

    /** Journal path for an index file: {@code <index file>.partial}. */
    static Path fileFor(Path indexFile) {
        return indexFile.resolveSibling(indexFile.getFileName() + ".partial");
    }

    /**
     * Opens the journal for appending. With {@code resume}, an existing journal of the same model (same config hash,
     * T, size, D) is read first; a journal of another model, or {@code resume == false}, is discarded.
     */
    static BuildJournal open(Path file, ModelDescriptor model, boolean resume) throws IOException {
        Map<String, Record> recs = new LinkedHashMap<>();
        long good = -1;
        if (resume && Files.isRegularFile(file)) {
            byte[] all = Files.readAllBytes(file);
            good = parse(all, model, recs, file);
            if (good < 0) {
                recs.clear();
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        BuildJournal j = new BuildJournal(file, ch, model.embedDim(), recs);
        try {
            if (good < 0) {
                ch.truncate(0);
                ch.position(0);
                writeFully(ch, ByteBuffer.wrap(MAGIC));
                j.writeBlock(headerPayload(model));
            } else {
                if (good < ch.size()) {
                    LOG.warn("{}: dropping {} bytes of an incomplete last batch", file, ch.size() - good);
                    ch.truncate(good);
                }
                ch.position(good);
            }
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return j;
    }

    /** Records read at open, by clip id (later records win). */
    Map<String, Record> records() {
        return records;
    }

    /** Appends one batch as a single block and forces it to disk. */
    void append(List<Record> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bos);
        out.writeInt(batch.size());
        for (Record r : batch) {
            out.writeByte(r instanceof Embedded ? EMBEDDED : SKIPPED);
            writeString(out, r.clipId());
            writeString(out, r.video().toString());
            out.writeDouble(r.startSec());
            out.writeDouble(r.requestedEnd());
            if (r instanceof Embedded e) {
                if (e.embedding().length != dim) {
                    throw new IllegalArgumentException("embedding of " + e.clipId() + " has dimension "
                            + e.embedding().length + ", journal has " + dim);
                }
                out.writeDouble(e.resolvedEnd());
                out.writeLong(e.frameCount());
                for (float v : e.embedding()) {
                    out.writeFloat(v);
                }
            } else {
                writeString(out, ((Skipped) r).reason());
            }
        }
        out.flush();
        writeBlock(bos.toByteArray());
        for (Record r : batch) {
            records.put(r.clipId(), r);
        }
    }

    private void writeBlock(byte[] payload) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        writeFully(channel, b);
        channel.force(false);
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Closes and deletes the journal file (after the index has been written). */
    void delete() throws IOException {
        close();
        Files.deleteIfExists(file);
    }

    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.close();
        }
    }

    Path file() {
        return file;
    }

    private static byte[] headerPayload(ModelDescriptor m) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bos);
        writeString(out, m.modelId());
        writeString(out, m.configHash());
        out.writeInt(m.numFrames());
        out.writeInt(m.imageSize());
        out.writeInt(m.embedDim());
        out.flush();
        return bos.toByteArray();
    }

    /**
     * Parses a journal; fills {@code out}.
     *
     * @return offset after the last intact block, or −1 when the journal is unusable (bad magic, other model)
     */
    private static long parse(byte[] all, ModelDescriptor model, Map<String, Record> out, Path file) {
        if (all.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            LOG.warn("{}: not an index journal; starting over", file);
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        b.position(MAGIC.length);
        byte[] header = nextBlock(b);
        if (header == null) {
            return -1;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(header))) {
            String id = readString(in);
            String hash = readString(in);
            int t = in.readInt();
            int size = in.readInt();
            int d = in.readInt();
            if (!hash.equals(model.configHash()) || t != model.numFrames() || size != model.imageSize()
                    || d != model.embedDim()) {
                LOG.warn("{}: journal of model {} (config {}, T={}, {} px, D={}) does not match {} (config {}, T={}, {} px,"
                        + " D={}); starting over", file, id, hash, t, size, d, model.modelId(), model.configHash(),
                        model.numFrames(), model.imageSize(), model.embedDim());
                return -1;
            }
            long good = b.position();
            byte[] payload;
            while ((payload = nextBlock(b)) != null) {
                readBatch(payload, d, out);
                good = b.position();
            }
            return good;
        } catch (IOException e) {
            LOG.warn("{}: unreadable journal header ({}); starting over", file, e.getMessage());
            return -1;
        }
    }

    /** Next intact block's payload, or null at the end or at a torn/corrupt block (position then undefined). */
    private static byte[] nextBlock(ByteBuffer b) {
        if (b.remaining() < 8) {
            return null;
        }
        int len = b.getInt();
        int crc = b.getInt();
        if (len < 0 || len > b.remaining()) {
            return null;
        }
        byte[] p = new byte[len];
        b.get(p);
        CRC32 c = new CRC32();
        c.update(p);
        return (int) c.getValue() == crc ? p : null;
    }

    private static void readBatch(byte[] payload, int d, Map<String, Record> out) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                byte kind = in.readByte();
                String id = readString(in);
                Path video = Path.of(readString(in));
                double start = in.readDouble();
                double reqEnd = in.readDouble();
                if (kind == EMBEDDED) {
                    double end = in.readDouble();
                    long frames = in.readLong();
                    float[] e = new float[d];
                    for (int j = 0; j < d; j++) {
                        e[j] = in.readFloat();
                    }
                    out.put(id, new Embedded(id, video, start, reqEnd, end, frames, e));
                } else if (kind == SKIPPED) {
                    out.put(id, new Skipped(id, video, start, reqEnd, readString(in)));
                } else {
                    throw new IOException("unknown record kind " + kind);
                }
            }
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new EOFException("string length " + n + " out of range");
        }
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.UTF_8);
    }
}
