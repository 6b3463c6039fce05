package org.egolens.app.ui.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.egolens.app.GuiOptions;
import org.egolens.app.backend.DjlBackend;
import org.egolens.app.eval.EvalFixtures;
import org.egolens.app.task.FxTaskExecutor;
import org.egolens.app.ui.AppContext;
import org.egolens.app.ui.DialogService;
import org.egolens.app.ui.MainViewModel;
import org.egolens.app.ui.MainWindow;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.data.demo.DemoConfig;
import org.egolens.model.data.demo.DemoDataset;
import org.egolens.model.data.demo.ProgressListener;
import org.egolens.model.eval.run.EvalSummary;
import org.egolens.model.eval.run.MirDirection;
import org.egolens.model.eval.run.MirEvaluation;
import org.egolens.model.retrieval.IndexBuildConfig;
import org.egolens.model.tokenize.ClipVocabularyLocator;
import org.egolens.viewer.eval.MetricRow;
import org.egolens.viewer.eval.QueryScore;
import org.egolens.viewer.eval.RankedItem;
import org.egolens.viewer.eval.RelevancyColors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Evaluate tab of the main window, driven with the real backend and the {@code tiny} model on a generated demo
 * workspace's test split: open the workspace (presets the inputs), run EK-100 MIR, check the metrics table against the
 * run's {@code metrics.json}, sort the per-query table by AP, open the relevancy inspector for a query, run again with
 * another T and compare both runs side by side. Screenshots go to {@code target/screenshots/evaluate*.png}.
 */
@ExtendWith(ApplicationExtension.class)
class EvaluateViewFxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    private static Path ws;
    private Stage stage;
    private FxTaskExecutor executor;
    private MainViewModel main;
    private EvaluateViewModel vm;
    private EvaluateView view;

    @BeforeAll
    static void workspace() throws IOException {
        EvalFixtures.useSharedVocabulary();
        ws = tmp.resolve("demo");
        DemoDataset.generate(DemoConfig.defaults().withClips(4, 24, 0).withVideo(96, 15), ws, ProgressListener.NONE);
    }

    @AfterAll
    static void clear() {
        System.clearProperty(ClipVocabularyLocator.PROPERTY);
    }

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        Path home = Files.createDirectories(tmp.resolve("home-" + System.nanoTime()));
        executor = new FxTaskExecutor();
        DialogService dialogs = new DialogService() {
            @Override
            public Optional<Path> chooseDirectory(String title) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> chooseFile(String title, String description, String... patterns) {
                return Optional.empty();
            }

            @Override
            public void showError(String title, String message) {
                throw new AssertionError(title + ": " + message);
            }
        };
        AppContext ctx = new AppContext(new DjlBackend(), executor, dialogs, home, new GuiOptions(null, "tiny", 4),
                new IndexBuildConfig(4, 1, 8, true));
        main = new MainViewModel(ctx);
        MainWindow window = new MainWindow(main);
        vm = new EvaluateViewModel(ctx, main.workspaceProperty());
        view = new EvaluateView(vm);
        window.addTab("evaluateTab", "Evaluate", view.root());
        stage.setScene(new Scene(window.root(), 1280, 800)); // the Monocle headless screen is 1280 x 800
        stage.show();
    }

    @AfterEach
    void tearDown() {
        vm.close();
        main.close();
        executor.close();
    }

    @Test
    void runInspectSortAndCompare(FxRobot robot) throws Exception {
        Path csv = DemoDataset.retrievalCsv(ws, "test", false);
        robot.interact(() -> main.openWorkspace(WorkspaceSpec.annotations(csv, ws.resolve("videos"))));
        waitFor(60, () -> main.indexProperty().get() != null);
        robot.clickOn("Evaluate");
        TextField ann = robot.lookup("#evalAnnotationsField").queryAs(TextField.class);
        assertEquals(csv.toAbsolutePath().normalize().toString(), ann.getText());
        assertEquals(ws.resolve("videos").toAbsolutePath().normalize().toString(),
                robot.lookup("#evalVideoRootField").queryAs(TextField.class).getText());

        robot.clickOn("#evalRunButton");
        waitFor(90, () -> vm.currentProperty().get() != null && !vm.runningProperty().get());
        EvalSummary run = vm.currentProperty().get();
        assertEquals(4, run.record().frames());
        assertEquals(0, run.record().embedded(), "the Browse index of the same model and T is reused");
        assertEquals(24, run.record().reused());

        // metrics table = metrics.json
        JsonNode m = JSON.readTree(run.dir().resolve("metrics.json").toFile());
        List<MetricRow> rows = List.copyOf(vm.metrics());
        assertEquals("mAP", rows.get(0).name());
        assertEquals(m.at("/mAP/v2t").asDouble(), rows.get(0).values().get(0), 1e-12);
        assertEquals(m.at("/mAP/t2v").asDouble(), rows.get(0).values().get(1), 1e-12);
        assertEquals(m.at("/nDCG/avg").asDouble(), rows.get(1).values().get(2), 1e-12);
        assertEquals(4, robot.lookup("#evalMetricsTable").queryAs(javafx.scene.control.TableView.class)
                .getItems().size());
        // the histogram counts every defined per-query AP of both directions
        MirEvaluation e = vm.mirProperty().get();
        assertEquals(2, view.histogram().seriesCount());
        assertEquals(24, view.histogram().queriesIn(0));
        assertEquals(e.sentences().size() - e.result().excluded().mapT2V(), view.histogram().queriesIn(1));

        // sort by AP (ascending, then descending): the table order follows the values
        assertEquals(24, view.queryTable().getItems().size());
        Node apHeader = robot.lookup("#queryTable .column-header").match(
                (javafx.scene.control.skin.TableColumnHeader h) -> h.getTableColumn() != null
                        && "queryApColumn".equals(h.getTableColumn().getId()))
                .query();
        robot.clickOn(apHeader);
        robot.clickOn(apHeader);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TableColumn.SortType.DESCENDING, view.queryTable().apColumn().getSortType());
        List<QueryScore> sorted = List.copyOf(view.queryTable().getItems());
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(sorted.get(i - 1).ap() >= sorted.get(i).ap(), "descending AP at " + i);
        }

        // open the inspector on the worst clip query
        QueryScore worst = sorted.get(sorted.size() - 1);
        robot.interact(() -> view.queryTable().scrollTo(worst));
        Node row = robot.lookup("#queryTable .table-row-cell").match(
                (javafx.scene.control.TableRow<QueryScore> r) -> worst.equals(r.getItem())).query();
        robot.clickOn(row);
        waitFor(5, () -> vm.inspectorQueryProperty().get() != null);
        assertEquals(worst.id(), robot.lookup("#inspectorQueryId").queryAs(Label.class).getText());
        assertEquals(worst.text(), robot.lookup("#inspectorQueryText").queryAs(Label.class).getText());
        @SuppressWarnings("unchecked")
        ListView<RankedItem> list = robot.lookup("#inspectorList").queryAs(ListView.class);
        List<RankedItem> items = List.copyOf(list.getItems());
        assertEquals(e.sentences().size(), items.size());
        for (int i = 0; i < items.size(); i++) {
            RankedItem it = items.get(i);
            assertEquals(i + 1, it.rank());
            if (i > 0) {
                assertTrue(items.get(i - 1).score() >= it.score());
            }
            int j = indexOfSentence(e, it.id());
            assertEquals(e.similarity().get(worst.index(), j), it.score(), 1e-6);
            assertEquals(e.relevancy().get(worst.index(), j), it.relevancy(), 1e-6);
        }
        // the query's own sentence is marked, and its chip colour is the relevancy-1 colour
        assertEquals(1, items.stream().filter(RankedItem::own).count());
        RankedItem own = items.stream().filter(RankedItem::own).findFirst().orElseThrow();
        assertEquals(1.0, own.relevancy());
        robot.interact(() -> list.scrollTo(own));
        Label chip = robot.lookup("#inspectorList .ranked-row.own .relevancy-chip").queryAs(Label.class);
        assertEquals("1.00", chip.getText());
        assertEquals(RelevancyColors.of(1.0), chip.getUserData());

        // the best clip query for the picture: its own sentence near the top
        QueryScore best = sorted.get(0);
        robot.interact(() -> view.queryTable().scrollTo(0));
        robot.clickOn(robot.lookup("#queryTable .table-row-cell").match(
                (javafx.scene.control.TableRow<QueryScore> r) -> best.equals(r.getItem())).queryAs(Node.class));
        waitFor(5, () -> vm.inspectorQueryProperty().get() != null && best.id().equals(vm.inspectorQueryProperty()
                .get().id()));
        waitFor(10, () -> robot.lookup("#relevancyInspector .inspector-query .thumb-frame ImageView").tryQuery()
                .map(n -> ((javafx.scene.image.ImageView) n).getImage() != null).orElse(false));
        screenshot(robot, "evaluate.png");

        // T→V: sentence queries; the inspector lists clips with thumbnails
        robot.clickOn("#evalDirectionT2V");
        waitFor(5, () -> vm.directionProperty().get() == MirDirection.T2V && view.queryTable().getItems().size()
                == e.sentences().size());
        robot.clickOn(robot.lookup("#queryTable .table-row-cell").nth(0).queryAs(Node.class));
        waitFor(5, () -> vm.inspectorQueryProperty().get() != null && vm.ranked().size() == 24);
        assertTrue(vm.ranked().stream().allMatch(r -> r.clip() != null && r.clip().readable()));

        // a second run with another T, then both compared side by side
        robot.interact(() -> vm.framesProperty().set(8));
        robot.clickOn("#evalRunButton");
        waitFor(90, () -> vm.currentProperty().get() != null && vm.currentProperty().get().record().frames() == 8
                && !vm.runningProperty().get());
        waitFor(10, () -> vm.history().size() == 2);
        @SuppressWarnings("unchecked")
        ListView<EvalSummary> runs = robot.lookup("#evalRunsList").queryAs(ListView.class);
        robot.interact(() -> runs.getSelectionModel().selectAll());
        waitFor(5, () -> vm.comparisonColumns().size() == 2);
        List<MetricRow> cmp = List.copyOf(vm.comparison());
        assertEquals("mAP.v2t", cmp.get(0).name());
        List<Double> expected = new ArrayList<>();
        for (EvalSummary s : vm.compared()) {
            expected.add(JSON.readTree(s.dir().resolve("metrics.json").toFile()).at("/mAP/v2t").asDouble());
        }
        assertEquals(expected, cmp.get(0).values());
        assertTrue(vm.comparisonColumns().get(0).startsWith("tiny T="), vm.comparisonColumns().toString());
        robot.clickOn(robot.lookup("#queryTable .table-row-cell").nth(2).queryAs(Node.class));
        robot.type(KeyCode.DOWN);
        screenshot(robot, "evaluate-compare.png");
    }

    private static int indexOfSentence(MirEvaluation e, String id) {
        for (int j = 0; j < e.sentences().size(); j++) {
            if (e.sentences().get(j).narrationId().equals(id)) {
                return j;
            }
        }
        throw new AssertionError("no sentence " + id);
    }

    private static void waitFor(int seconds, Callable<Boolean> cond) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return cond.call();
        });
    }

    private void screenshot(FxRobot robot, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        Image shot = robot.capture(stage.getScene().getRoot()).getImage();
        BufferedImage bi = SwingFXUtils.fromFXImage(shot, null);
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(bi, "png", dir.resolve(name).toFile());
        assertNotNull(bi);
    }
}
