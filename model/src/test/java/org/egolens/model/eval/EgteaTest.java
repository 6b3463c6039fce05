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

class EgteaTest {
    @TempDir
    Path tmp;

    @Test
    void readsActionsAndSplit() throws IOException {
        Path actions = Files.writeString(tmp.resolve("action_idx.txt"),
                "Close_fridge_drawer 1\nCut bell_pepper 2\n\nTake_bowl 3\n");
        List<EgteaAction> a = EgteaFiles.readActions(actions);
        assertEquals(List.of(new EgteaAction(0, 1, "Close_fridge_drawer"), new EgteaAction(1, 2, "Cut bell_pepper"),
                new EgteaAction(2, 3, "Take_bowl")), a);
        assertEquals("cut bell pepper", a.get(1).prompt());
        Path split = Files.writeString(tmp.resolve("test_split1.txt"),
                "OP01-R01-PastaSalad-1002316-1004005-F024051-F024101 3 7 12\nP20-R03-BaconAndEggs-1-2-F1-F2 1 2 5\n");
        List<EgteaClip> clips = EgteaFiles.readSplit(split);
        assertEquals("OP01-R01-PastaSalad", clips.get(0).videoId());
        assertEquals(new EgteaClip("P20-R03-BaconAndEggs-1-2-F1-F2", 1, 2, 5, 2), clips.get(1));
        assertArrayEquals(new int[] {2, 0}, EgteaFiles.classIndices(clips, a));

        Path badSplit = Files.writeString(tmp.resolve("bad_split.txt"), "clip 1 2 3\nclip2 x 2 3\n");
        IOException e = assertThrows(IOException.class, () -> EgteaFiles.readSplit(badSplit));
        assertTrue(e.getMessage().contains("bad_split.txt line 2"), e.getMessage());
        Path badActions = Files.writeString(tmp.resolve("bad_actions.txt"), "Take 1\nPut 1\n");
        e = assertThrows(IOException.class, () -> EgteaFiles.readActions(badActions));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("repeats"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EgteaFiles.classIndices(clips, a.subList(0, 2)));
    }

    @Test
    void handComputedAccuracies() {
        int[] truth = {0, 0, 0, 1, 2};
        // argmax per row: 0, 0, 1, 1, 0 (row 1 ties between classes 0 and 3: the first wins)
        double[][] scores = {{.9, .1, 0, 0}, {.5, .2, .1, .5}, {.2, .7, .1, 0}, {0, .8, .1, .1}, {.6, .1, .3, 0}};
        EgteaResult r = EgteaMetrics.evaluate(truth, DenseMatrix.fromRows(scores));
        assertEquals(3.0 / 5, r.top1(), 1e-15);
        // class 0: 2/3, class 1: 1/1, class 2: 0/1, class 3: no clip (excluded)
        assertEquals((2.0 / 3 + 1 + 0) / 3, r.meanClassAccuracy(), 1e-15);
        assertEquals(1, r.excludedClasses());
        assertTrue(Double.isNaN(r.perClassAccuracy()[3]));
        assertThrows(IllegalArgumentException.class, () -> EgteaMetrics.evaluate(new int[] {4}, new int[] {0}, 4));
    }
}
