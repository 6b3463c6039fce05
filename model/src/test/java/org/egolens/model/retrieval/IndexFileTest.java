package org.egolens.model.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.egolens.model.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFileTest {
    @TempDir
    Path tmp;

    @Test
    void saveLoadRoundTripIsExact() throws IOException {
        int n = 50;
        int d = 12;
        float[] e = EmbeddingIndexTest.unitRows(n, d, 4);
        List<IndexEntry> entries = new java.util.ArrayList<>(EmbeddingIndexTest.entries(n));
        // awkward ids and paths survive CSV quoting
        entries.set(3, new IndexEntry("P01_01_3, \"quoted\"", Path.of("/data/my videos/a,b.mp4"), 1.25, 3.0000001, 83));
        EmbeddingIndex idx = EmbeddingIndex.of(EmbeddingIndexTest.header(d), entries, e);
        Path f = tmp.resolve("sub/clips.idx");
        IndexFile.write(idx, f);
        EmbeddingIndex back = IndexFile.read(f);
        assertEquals(idx.header(), back.header());
        assertEquals(idx.entries(), back.entries());
        assertArrayEquals(e, back.embeddingsFlat());
        assertEquals(idx.header(), IndexFile.readHeader(f));
        // no temporary files are left behind
        try (var s = Files.list(f.getParent())) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void fileIsAZipOfJsonCsvAndNpy() throws IOException {
        float[] e = EmbeddingIndexTest.unitRows(3, 4, 1);
        Path f = tmp.resolve("a.idx");
        IndexFile.write(EmbeddingIndex.of(EmbeddingIndexTest.header(4), EmbeddingIndexTest.entries(3), e), f);
        try (ZipFile z = new ZipFile(f.toFile())) {
            String json = new String(z.getInputStream(z.getEntry("index.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"format\" : \"egolens-index\""), json);
            assertTrue(json.contains("\"created\" : \"2026-01-02T03:04:05Z\""), json);
            String csv = new String(z.getInputStream(z.getEntry("entries.csv")).readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("clip_id,source,start_sec,end_sec,frame_count", csv.lines().findFirst().orElseThrow());
            assertEquals("clip_1," + Path.of("videos", "v1.mp4") + ",0.5,2.5,60", csv.lines().skip(2).findFirst().orElseThrow());
            Npy.Array arr = Npy.read(z.getInputStream(z.getEntry("embeddings.npy")));
            assertArrayEquals(new long[] {3, 4}, arr.shape());
            assertArrayEquals(e, arr.toFloats());
            assertEquals(ZipEntry.STORED, z.getEntry("embeddings.npy").getMethod());
        }
    }

    @Test
    void emptyIndexRoundTrips() throws IOException {
        Path f = tmp.resolve("empty.idx");
        IndexFile.write(EmbeddingIndex.of(EmbeddingIndexTest.header(8), List.of(), new float[0]), f);
        assertEquals(0, IndexFile.read(f).size());
    }

    @Test
    void badFilesGiveErrorsNamingTheFile() throws IOException {
        Path missing = tmp.resolve("missing.idx");
        assertTrue(assertThrows(IOException.class, () -> IndexFile.read(missing)).getMessage().contains("missing.idx"));
        Path notZip = Files.writeString(tmp.resolve("text.idx"), "hello");
        assertTrue(assertThrows(IOException.class, () -> IndexFile.read(notZip)).getMessage().contains("text.idx"));
        Path noEmb = tmp.resolve("noemb.idx");
        try (OutputStream os = Files.newOutputStream(noEmb); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("index.json"));
            z.write(("{\"format\":\"egolens-index\",\"version\":1,\"model_id\":\"m\",\"config_hash\":\"h\",\"frames\":4,"
                    + "\"image_size\":32,\"embed_dim\":4,\"created\":\"2026-01-01T00:00:00Z\",\"count\":0}")
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("entries.csv"));
            z.write("clip_id,source,start_sec,end_sec,frame_count\n".getBytes(StandardCharsets.UTF_8));
        }
        String msg = assertThrows(IOException.class, () -> IndexFile.read(noEmb)).getMessage();
        assertTrue(msg.contains("noemb.idx") && msg.contains("embeddings.npy"), msg);
        Path v2 = tmp.resolve("v2.idx");
        try (OutputStream os = Files.newOutputStream(v2); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("index.json"));
            z.write("{\"format\":\"egolens-index\",\"version\":2}".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(assertThrows(IOException.class, () -> IndexFile.read(v2)).getMessage().contains("version 2"));
    }

    @Test
    void badCsvRowNamesTheLine() throws IOException {
        Path f = tmp.resolve("badrow.idx");
        try (OutputStream os = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("index.json"));
            z.write(("{\"format\":\"egolens-index\",\"version\":1,\"model_id\":\"m\",\"config_hash\":\"h\",\"frames\":4,"
                    + "\"image_size\":32,\"embed_dim\":4,\"created\":\"2026-01-01T00:00:00Z\",\"count\":2}")
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("entries.csv"));
            z.write("clip_id,source,start_sec,end_sec,frame_count\na,v.mp4,0,1,30\nb,v.mp4,2,1,30\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        String msg = assertThrows(IOException.class, () -> IndexFile.read(f)).getMessage();
        assertTrue(msg.contains("entries.csv line 3"), msg);
    }
}
