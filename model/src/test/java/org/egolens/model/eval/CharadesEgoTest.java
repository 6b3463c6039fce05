package org.egolens.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharadesEgoTest {
    @TempDir
    Path tmp;

    @Test
    void readsClassesAndVideos() throws IOException {
        Path classes = Files.writeString(tmp.resolve("Charades_v1_classes.txt"),
                "c000 Holding some clothes\nc001 Putting clothes somewhere\n\nc002 Taking some clothes from somewhere\n");
        List<CharadesClass> cls = CharadesEgoFiles.readClasses(classes);
        assertEquals(List.of(new CharadesClass(0, "c000", "Holding some clothes"),
                new CharadesClass(1, "c001", "Putting clothes somewhere"),
                new CharadesClass(2, "c002", "Taking some clothes from somewhere")), cls);

        Path csv = Files.writeString(tmp.resolve("CharadesEgo_v1_test_only1st.csv"),
                "id,subject,scene,quality,relevance,verified,script,objects,descriptions,actions,length,egocentric,charades_video\n"
                + "005BUEGO,S1,Kitchen,6,7,Yes,\"A person holds clothes, then\nputs them down.\",clothes,desc,c000 0.00 5.50;c001 4.20 9.00,12.40,Yes,005BU\n"
                + "00HFPEGO,S2,Bedroom,5,6,Yes,Nothing happens.,,desc,,8.00,Yes,00HFP\n");
        List<CharadesVideo> videos = CharadesEgoFiles.readVideos(csv);
        assertEquals(2, videos.size());
        assertEquals(List.of(new CharadesAction("c000", 0.0, 5.5), new CharadesAction("c001", 4.2, 9.0)), videos.get(0).actions());
        assertEquals(12.4, videos.get(0).lengthSec(), 0);
        assertEquals(List.of(), videos.get(1).actions());
        assertEquals(4L, videos.get(1).line()); // the first record spans lines 2-3
        boolean[][] labels = CharadesEgoFiles.labels(videos, cls);
        assertArrayEquals(new boolean[] {true, true, false}, labels[0]);
        assertArrayEquals(new boolean[] {false, false, false}, labels[1]);

        Path bad = Files.writeString(tmp.resolve("bad.csv"), "id,script,actions,length\nX,s,c000 1.0,3\n");
        IOException e = assertThrows(IOException.class, () -> CharadesEgoFiles.readVideos(bad));
        assertTrue(e.getMessage().contains("bad.csv line 2"), e.getMessage());
        Path badClass = Files.writeString(tmp.resolve("classes.txt"), "c000 a\nholding\n");
        e = assertThrows(IOException.class, () -> CharadesEgoFiles.readClasses(badClass));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> CharadesEgoFiles.labels(videos, cls.subList(1, 3)));
        assertTrue(u.getMessage().contains("005BUEGO") && u.getMessage().contains("c000"), u.getMessage());
    }

    @Test
    void handComputedClassMap() {
        // videos v0..v3; v3 has no label (its scores become -inf); class 2 has no positive
        boolean[][] labels = {{true, false, false}, {false, true, false}, {true, true, false}, {false, false, false}};
        double[][] scores = {{.9, .7, .1}, {.8, .4, .2}, {.1, .6, .3}, {.95, .99, .4}};
        ClassMapResult r = CharadesMetrics.meanAp(DenseMatrix.fromRows(scores), labels);
        // class 0 ranking v0, v1, v2, (v3 at -inf): positives at ranks 1 and 3 -> (1/1 + 2/3) / 2
        double ap0 = (1.0 + 2.0 / 3) / 2;
        // class 1 ranking v0, v2, v1: positives at ranks 2 and 3 -> (1/2 + 2/3) / 2
        double ap1 = (0.5 + 2.0 / 3) / 2;
        assertEquals(ap0, r.perClassAp()[0], 1e-15);
        assertEquals(ap1, r.perClassAp()[1], 1e-15);
        assertTrue(Double.isNaN(r.perClassAp()[2]));
        assertEquals(1, r.excludedClasses());
        assertEquals((ap0 + ap1) / 2, r.mAP(), 1e-15);
        // without the -inf rule v3 (.95) would lead class 0 and give (1/2 + 2/4) / 2 instead
        assertTrue(Math.abs(r.perClassAp()[0] - 0.5) > 0.3);
    }
}
