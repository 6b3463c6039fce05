package org.egolens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.egolens.app.FakeBackend;
import org.egolens.app.GuiOptions;
import org.egolens.app.TestClips;
import org.egolens.app.cli.EgoLensCommand;
import org.egolens.app.task.CurrentThreadTaskExecutor;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, case 2: search with an empty or whitespace-only query, in the GUI's view model (ignored: nothing is
 * embedded and the previous results stay) and in {@code egolens search} (refused with a one-line message).
 */
@Tag("reliability")
class BlankQueryTest {
    private static final List<String> BLANK = List.of("", " ", "   ", "\t", "\n", " \t\r\n ", "\u2003");

    @TempDir
    Path tmp;
    private final FakeBackend backend = new FakeBackend();

    private int textsEmbedded() {
        return backend.models.stream().mapToInt(m -> m.textsEmbedded()).sum();
    }

    @Test
    void theViewModelIgnoresABlankQueryAndKeepsThePreviousResults() throws IOException {
        FakeDialogs dialogs = new FakeDialogs();
        try (MainViewModel vm = new MainViewModel(new AppContext(backend, new CurrentThreadTaskExecutor(), dialogs,
                tmp.resolve("home"), GuiOptions.defaults(), new IndexBuildConfig(3, 1, 6, true)))) {
            for (String q : BLANK) {
                vm.search(q); // no index yet: ignored as well
            }
            vm.search(null);
            assertTrue(vm.results().isEmpty());

            vm.openWorkspace(WorkspaceSpec.folder(TestClips.write(tmp.resolve("clips"))));
            int before = textsEmbedded();
            vm.search("green");
            List<String> shown = vm.results().stream().map(r -> r.clip().clipId()).toList();
            assertEquals("P01_green_salad_bowl", shown.get(0));
            String status = vm.statusProperty().get();
            String summary = vm.resultsSummaryProperty().get();
            int texts = textsEmbedded();
            assertEquals(before + 1, texts, "a real query is embedded (so the count below means something)");

            for (String q : BLANK) {
                vm.search(q);
                assertEquals(shown, vm.results().stream().map(r -> r.clip().clipId()).toList(), "query '" + q + "'");
                assertEquals(status, vm.statusProperty().get());
                assertEquals(summary, vm.resultsSummaryProperty().get());
                assertFalse(vm.searchingProperty().get());
            }
            vm.search(null);
            assertEquals(texts, textsEmbedded(), "no blank query reached the text encoder");
            assertEquals(List.of(), dialogs.errors);

            vm.search("red"); // still searchable afterwards
            assertEquals(texts + 1, textsEmbedded());
            assertTrue(vm.results().get(0).clip().clipId().contains("red"), vm.results().get(0).clip().clipId());
        }
    }

    @Test
    void theCliRefusesABlankQueryWithOneLineAndExitCodeOne() throws IOException {
        Path clips = TestClips.write(tmp.resolve("clips"));
        Path idx = tmp.resolve("clips.idx");
        assertEquals("0", cli("index", "--clips", clips.toString(), "--model", "tiny", "--out", idx.toString())[0]);
        int texts = textsEmbedded();
        for (String q : BLANK) {
            String[] r = cli("search", "--index", idx.toString(), "--query", q);
            String shown = Arrays.toString(q.chars().toArray());
            assertEquals("1", r[0], "query " + shown);
            assertEquals("", r[1], "nothing on stdout for query " + shown);
            assertEquals("egolens search: error: --query is empty or only whitespace; give the text to search for",
                    r[2].strip(), "query " + shown);
            assertEquals(1, r[2].lines().count(), r[2]);
        }
        assertEquals(texts, textsEmbedded(), "no model call for a blank query");
        assertTrue(Files.isRegularFile(idx));
        assertEquals("0", cli("search", "--index", idx.toString(), "--query", " red ")[0], "padding is fine");
    }

    /** Exit code, stdout, stderr. */
    private String[] cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EgoLensCommand.execute(() -> backend, new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
