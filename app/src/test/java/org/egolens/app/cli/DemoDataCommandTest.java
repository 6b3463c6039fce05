package org.egolens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.egolens.model.data.demo.DemoDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoDataCommandTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new DemoDataCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void generatesASmallWorkspaceAndPrintsItsCounts(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Run r = run("--out", out.toString(), "--seed", "3", "--train", "6", "--test", "4", "--mirror-pairs", "1",
                "--size", "32", "--fps", "8");
        assertEquals(0, r.code(), r.err());
        assertTrue(DemoDataset.isComplete(out));
        assertTrue(r.out().contains("clips: 6 train, 4 test, 2 mirror-pair"), r.out());
        assertTrue(r.out().contains("verbs ("), r.out());
        assertTrue(r.out().contains("nouns ("), r.out());
        assertTrue(r.out().contains("distinct values"), r.out());
        assertTrue(r.err().contains("100 %"), r.err());
        List<String> rows = Files.readAllLines(out.resolve("retrieval_annotations/EPIC_100_retrieval_train.csv"));
        assertEquals(7, rows.size());
        // 2 s at 8 fps = 16 frames per clip
        String[] first = rows.get(1).split(",");
        assertEquals(16, Integer.parseInt(first[7]) - Integer.parseInt(first[6]) + 1);

        // an existing workspace is refused without --force and replaced with it
        Run again = run("--out", out.toString(), "--train", "2", "--test", "2", "--mirror-pairs", "0", "--size", "32",
                "--fps", "8");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("not empty"), again.err());
        Run forced = run("--out", out.toString(), "--train", "2", "--test", "2", "--mirror-pairs", "0", "--size", "32",
                "--fps", "8", "--force");
        assertEquals(0, forced.code(), forced.err());
        assertEquals(3, Files.readAllLines(out.resolve("retrieval_annotations/EPIC_100_retrieval_train.csv")).size());
    }

    @Test
    void badOptionsExitWithTwo(@TempDir Path dir) {
        Run odd = run("--out", dir.resolve("x").toString(), "--size", "33");
        assertEquals(2, odd.code());
        assertTrue(odd.err().contains("egolens demo-data: error: --size must be even and in [32, 1024] px, got 33"),
                odd.err());
        Run none = run("--out", dir.resolve("y").toString(), "--train", "0");
        assertTrue(none.err().contains("--train must be >= 1, got 0"), none.err());
        assertFalse(Files.exists(dir.resolve("x")));
        assertEquals(2, run("--train", "3").code()); // --out missing: picocli usage error
    }

    @Test
    void forceDoesNotDeleteForeignFolders(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Run r = run("--out", dir.toString(), "--force", "--train", "2", "--test", "2");
        assertEquals(1, r.code());
        assertTrue(Files.exists(dir.resolve("notes.txt")));
    }
}
