package org.egolens.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The filter bar narrowing a clip grid: options with counts, typing, choosing a verb, switching workspaces. */
@ExtendWith(ApplicationExtension.class)
class ClipFilterBarFxTest {
    private final ObservableList<ClipItem> clips = FXCollections.observableArrayList();
    private ClipFilterBar bar;
    private ClipGrid grid;

    @Start
    void start(Stage stage) {
        clips.setAll(
                ClipFilterTest.clip("P01_01_0", "put spoon in bowl", "put-in", "spoon", "bowl"),
                ClipFilterTest.clip("P01_01_1", "pick up cup", "pick-up", "cup"),
                ClipFilterTest.clip("P01_01_2", "pick up bowl", "pick-up", "bowl"),
                ClipFilterTest.clip("P02_01_0", "put cup on plate", "put-on", "cup", "plate"),
                ClipFilterTest.clip("P02_01_1", "pick up spoon", "pick-up", "spoon"));
        bar = new ClipFilterBar(clips);
        grid = new ClipGrid();
        javafx.beans.binding.Bindings.bindContent(grid.getItems(), bar.filtered());
        VBox root = new VBox(8, bar, grid);
        VBox.setVgrow(grid, javafx.scene.layout.Priority.ALWAYS);
        stage.setScene(new Scene(root, 900, 500));
        stage.show();
    }

    @Test
    void optionsCarryClipCounts(FxRobot robot) {
        assertEquals(Map.of("pick-up", 3, "put-in", 1, "put-on", 1), bar.verbCounts());
        assertEquals(Map.of("bowl", 2, "cup", 2, "plate", 1, "spoon", 2), bar.nounCounts());
        @SuppressWarnings("unchecked")
        ComboBox<String> verbs = robot.lookup("#verbFilter").queryAs(ComboBox.class);
        assertEquals(List.of("", "pick-up", "put-in", "put-on"), verbs.getItems());
        assertTrue(verbs.isVisible());
        assertEquals(5, grid.getItems().size());
    }

    @Test
    void choosingAVerbAndTypingNarrowTheGrid(FxRobot robot) {
        robot.clickOn("#verbFilter");
        robot.clickOn("pick-up  (3)");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("P01_01_1", "P01_01_2", "P02_01_1"), ids(grid.getItems()));
        assertEquals("3 of 5", robot.lookup("#clipFilterCount").queryAs(Label.class).getText());

        robot.clickOn("#clipFilterField").write("bowl");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("P01_01_2"), ids(grid.getItems()));
        assertEquals(new ClipFilter("bowl", "pick-up", ""), bar.getFilter());

        robot.clickOn("#clearFilterButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, grid.getItems().size());
        assertEquals("", robot.lookup("#clipFilterField").queryAs(TextField.class).getText());
        assertTrue(robot.lookup("#clearFilterButton").query().isDisabled());
    }

    @Test
    void nounFilterMatchesAnyOfTheClipsNouns(FxRobot robot) {
        robot.interact(() -> bar.setFilter(ClipFilter.NONE.withNoun("cup")));
        assertEquals(List.of("P01_01_1", "P02_01_0"), ids(grid.getItems()));
        @SuppressWarnings("unchecked")
        ComboBox<String> nouns = robot.lookup("#nounFilter").queryAs(ComboBox.class);
        assertEquals("cup", nouns.getValue());
    }

    @Test
    void aChoiceTheNewClipsLackFallsBackToAll(FxRobot robot) {
        robot.interact(() -> bar.setFilter(new ClipFilter("", "put-on", "")));
        assertEquals(1, grid.getItems().size());
        robot.interact(() -> clips.setAll(ClipFilterTest.clip("P09_01_0", "open box", "open", "box"),
                ClipFilterTest.clip("P09_01_1", "close box", "close", "box")));
        assertEquals(ClipFilter.NONE, bar.getFilter());
        assertEquals(2, grid.getItems().size());
        robot.interact(() -> clips.setAll(ClipFilterTest.clip("plain", null, null)));
        assertFalse(robot.lookup("#verbFilter").query().isVisible(), "no annotations: no verb chooser");
        assertEquals(List.of("plain"), ids(grid.getItems()));
    }

    private static List<String> ids(List<ClipItem> items) {
        return items.stream().map(ClipItem::clipId).toList();
    }
}
