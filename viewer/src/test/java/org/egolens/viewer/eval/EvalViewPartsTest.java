package org.egolens.viewer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.TableColumn;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pure parts of the evaluation views: relevancy colours, best-value choice, NaN-last sorting. */
class EvalViewPartsTest {
    @BeforeAll
    static void toolkit() {
        try {
            Platform.startup(() -> {}); // TableColumn's class initialisation needs the JavaFX toolkit
        } catch (IllegalStateException alreadyRunning) {
            // started by an earlier test in this JVM
        }
    }

    @Test
    void relevancyColoursFollowViridisAndZeroIsGrey() {
        assertEquals(RelevancyColors.NONE, RelevancyColors.of(0));
        assertEquals(RelevancyColors.NONE, RelevancyColors.of(Double.NaN));
        assertEquals(Color.web("#fde725"), RelevancyColors.of(1));
        assertEquals(Color.web("#21918c"), RelevancyColors.of(0.5));
        assertEquals("#21918c", RelevancyColors.css(0.5));
        assertEquals(Color.web("#fde725"), RelevancyColors.of(3)); // clamped
        // the EK-100 values 1/12 … 1 get strictly brighter (viridis luminance rises)
        double[] values = {1 / 12.0, 0.125, 1 / 6.0, 0.25, 1 / 3.0, 0.5, 2 / 3.0, 0.75, 0.875, 1};
        for (int i = 1; i < values.length; i++) {
            assertTrue(luma(RelevancyColors.of(values[i])) > luma(RelevancyColors.of(values[i - 1])), "at " + values[i]);
        }
    }

    private static double luma(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    @Test
    void bestIsTheLargestNumberAndNeverACount() {
        assertEquals(1, new MetricRow("mAP", List.of(0.2, 0.3, Double.NaN), false).best());
        assertEquals(-1, new MetricRow("mAP", List.of(0.2, Double.NaN), false).best()); // one number: nothing to mark
        assertEquals(-1, new MetricRow("excluded", List.of(0.0, 3.0), true).best());
    }

    @Test
    void nanSortsLastInBothDirections() {
        TableColumn<Object, Number> col = new TableColumn<>();
        List<Number> values = new ArrayList<>(Arrays.asList(0.5, Double.NaN, 0.1, 0.9, Double.NaN));
        col.setSortType(TableColumn.SortType.ASCENDING);
        values.sort(QueryTable.nanLast(col));
        assertEquals(List.of(0.1, 0.5, 0.9, Double.NaN, Double.NaN), values);
        // descending: the table calls the comparator with swapped arguments
        col.setSortType(TableColumn.SortType.DESCENDING);
        values.sort((a, b) -> QueryTable.nanLast(col).compare(b, a));
        assertEquals(List.of(0.9, 0.5, 0.1, Double.NaN, Double.NaN), values);
    }
}
