package org.egolens.app.ui;

import static org.egolens.app.bench.BenchStats.median;
import static org.egolens.app.bench.BenchStats.loadAverage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.egolens.app.GuiOptions;
import org.egolens.app.backend.DjlBackend;
import org.egolens.app.task.FxTaskExecutor;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.api.VideoTextModel;
import org.egolens.model.retrieval.EmbeddingIndex;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.model.testing.SharedData;
import org.egolens.model.tokenize.ClipVocabularyLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Search latency as the user sees it (issue 9, item 6; not a unit test, runs only with {@code -Degolens.bench=true},
 * needs a display): the main window on the real backend ({@link DjlBackend}, preset {@code tiny}, CLIP BPE vocabulary
 * from the shared data), ten real clips from the shared data ({@code clips/}) indexed by the app, then {@code egolens.bench.queries} (default
 * 30) queries typed into {@code #searchField}. Each is timed from the Enter key reaching the scene (event filter, FX
 * thread) to the end of the first layout pulse after {@code #resultsList} received the hits. The reference, in the
 * same run, is the same work without the UI: the tiny model's {@code encodeTexts} for the query plus
 * {@code EmbeddingIndex.searchByText} on the app's index.
 *
 * <pre>xvfb-run -a mvn -B -o -pl app -am test -Dtest=SearchKeystrokeBench -Degolens.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "egolens.bench", matches = "true")
@ExtendWith(ApplicationExtension.class)
class SearchKeystrokeBench {
    private static final String[] WORDS = {"red", "green", "blue", "cup", "pepper", "salad", "lemon", "wash", "bowl",
        "cutting", "slice", "tomato", "rinse", "yellow", "kitchen"};
    private final DjlBackend backend = new DjlBackend();
    private Path tmp;
    private MainViewModel vm;
    private FxTaskExecutor executor;
    private Scene scene;
    private volatile long enterNanos;

    @Start
    void start(Stage stage) throws IOException {
        System.setProperty(ClipVocabularyLocator.PROPERTY,
                SharedData.require("tokenizer/bpe_simple_vocab_16e6.txt.gz").toString());
        tmp = Files.createTempDirectory("egolens-search-bench");
        Path home = Files.createDirectories(tmp.resolve("home"));
        executor = new FxTaskExecutor();
        AppContext ctx = new AppContext(backend, executor, new FakeDialogs(), home, GuiOptions.defaults(),
                new IndexBuildConfig(4, 1, 8, true));
        vm = new MainViewModel(ctx);
        MainWindow window = new MainWindow(vm);
        scene = new Scene(window.root(), 1440, 880);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                enterNanos = System.nanoTime();
            }
        });
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws IOException {
        vm.close();
        executor.close();
        System.clearProperty(ClipVocabularyLocator.PROPERTY);
        try (var s = Files.walk(tmp)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void enterToResultsShown(FxRobot robot) throws Exception {
        int queries = Integer.getInteger("egolens.bench.queries", 30);
        // real mp4 clips (the fake videos of TestClips are only readable by the fake backend)
        Path clips = Files.createDirectories(tmp.resolve("clips"));
        try (var list = Files.list(SharedData.require("clips"))) {
            for (Path p : list.filter(f -> f.toString().endsWith(".mp4")).sorted().limit(10).toList()) {
                Files.copy(p, clips.resolve(p.getFileName()));
            }
        }
        robot.interact(() -> vm.openWorkspace(WorkspaceSpec.folder(clips)));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (vm.indexProperty().get() == null && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        EmbeddingIndex index = vm.indexProperty().get();
        assertTrue(index != null, "the workspace was not indexed; status: " + vm.statusProperty().get());
        @SuppressWarnings("unchecked")
        ListView<Object> results = robot.lookup("#resultsList").queryAs(ListView.class);
        System.out.println("load average before: " + loadAverage());
        double[] ui = new double[queries];
        for (int q = 0; q < queries; q++) {
            String text = WORDS[q % WORDS.length] + " " + WORDS[(q * 7 + 3) % WORDS.length];
            CountDownLatch shown = new CountDownLatch(1);
            long[] shownNanos = new long[1];
            robot.interact(() -> vm.results().clear()); // the source: the list view's items are content-bound to it
            ListChangeListener<Object> onHits = new ListChangeListener<>() {
                @Override
                public void onChanged(Change<?> c) {
                    if (results.getItems().isEmpty()) {
                        return;
                    }
                    results.getItems().removeListener(this);
                    Runnable[] once = new Runnable[1];
                    once[0] = () -> {
                        scene.removePostLayoutPulseListener(once[0]);
                        shownNanos[0] = System.nanoTime();
                        shown.countDown();
                    };
                    scene.addPostLayoutPulseListener(once[0]);
                    Platform.requestNextPulse();
                }
            };
            robot.interact(() -> results.getItems().addListener(onHits));
            robot.clickOn("#searchField").eraseText(40).write(text).type(KeyCode.ENTER);
            assertTrue(shown.await(30, TimeUnit.SECONDS), "no results for '" + text + "'");
            ui[q] = (shownNanos[0] - enterNanos) / 1e6;
            assertEquals(index.size(), results.getItems().size(), "hits for '" + text + "'");
            while (vm.searchingProperty().get()) {
                Thread.sleep(5);
            }
        }
        double[] ref = new double[queries];
        try (VideoTextModel model = backend.openModel(GuiOptions.defaults().model(), GuiOptions.DEFAULT_FRAMES)) {
            for (int q = -5; q < queries; q++) { // 5 warm-up queries
                String text = WORDS[Math.floorMod(q, WORDS.length)] + " " + WORDS[Math.floorMod(q * 7 + 3, WORDS.length)];
                long t = System.nanoTime();
                float[] e = model.encodeTexts(List.of(text))[0];
                index.searchByText(e, MainViewModel.TOP_K);
                if (q >= 0) {
                    ref[q] = (System.nanoTime() - t) / 1e6;
                }
            }
        }
        System.out.println("load average after: " + loadAverage());
        System.out.printf(Locale.ROOT, "index of %d clips, model %s; %d queries%n", index.size(),
                GuiOptions.defaults().model(), queries);
        print("Enter -> results laid out (UI)", ui);
        print("encodeTexts + searchByText (reference)", ref);
        System.out.printf(Locale.ROOT, "ratio UI / reference (median) %.2f%n", median(ui) / median(ref));
    }

    private static void print(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-40s median %6.1f ms  p95 %6.1f ms  max %6.1f ms%n", what, s[s.length / 2],
                s[(int) Math.ceil(0.95 * s.length) - 1], s[s.length - 1]);
    }
}
