package org.egolens.viewer.eval;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * A table of metrics: one row per metric, one column per set of values — e.g. V→T, T→V and avg of one run, or several
 * runs side by side. Values are fractions shown with 4 decimals; counts as integers. With {@link #setMarkBest} the
 * largest value of each row gets the style class {@code best} (for comparisons).
 *
 * <p>Style class {@code metrics-table}; cells {@code metric-cell}.
 */
public final class MetricsTable extends TableView<MetricRow> {
    /** Height of a row, pixels. */
    public static final double ROW_HEIGHT = 25;
    private boolean markBest;

    /** An empty table with a placeholder text. */
    public MetricsTable(String placeholder) {
        getStyleClass().add("metrics-table");
        EvalStyles.apply(this);
        Label empty = new Label(placeholder);
        empty.getStyleClass().add("placeholder");
        empty.setWrapText(true);
        setPlaceholder(empty);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        setFixedCellSize(ROW_HEIGHT);
        show(List.of(), List.of());
    }

    /** Whether the best value per row is highlighted. */
    public void setMarkBest(boolean on) {
        markBest = on;
        refresh();
    }

    /**
     * Shows {@code rows} under the given column titles.
     *
     * @throws IllegalArgumentException if a row has another number of values than there are titles
     */
    public void show(List<String> titles, List<MetricRow> rows) {
        for (MetricRow r : rows) {
            if (r.values().size() != titles.size()) {
                throw new IllegalArgumentException("metric " + r.name() + " has " + r.values().size() + " values for "
                        + titles.size() + " columns");
            }
        }
        TableColumn<MetricRow, String> name = new TableColumn<>("Metric");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        name.setSortable(false);
        name.setPrefWidth(titles.size() > 1 ? 96 : 170);
        name.setMinWidth(72);
        name.getStyleClass().add("metric-name-column");
        getColumns().setAll(List.of(name));
        for (int i = 0; i < titles.size(); i++) {
            int k = i;
            TableColumn<MetricRow, Number> c = new TableColumn<>(titles.get(i));
            c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue().values().get(k)));
            c.setSortable(false);
            c.setPrefWidth(76);
            c.setMinWidth(64);
            c.setCellFactory(col -> new ValueCell(k));
            getColumns().add(c);
        }
        getItems().setAll(rows);
    }

    /** Height that shows {@code rows} rows and the header without scrolling. */
    public static double heightFor(int rows) {
        return 30 + Math.max(1, rows) * ROW_HEIGHT + 4;
    }

    private final class ValueCell extends TableCell<MetricRow, Number> {
        private final int column;

        ValueCell(int column) {
            this.column = column;
            getStyleClass().add("metric-cell");
        }

        @Override
        protected void updateItem(Number v, boolean empty) {
            super.updateItem(v, empty);
            getStyleClass().remove("best");
            if (empty || v == null || getTableRow() == null || getTableRow().getItem() == null) {
                setText(null);
                return;
            }
            MetricRow row = getTableRow().getItem();
            double d = v.doubleValue();
            setText(row.count() ? (Double.isNaN(d) ? "\u2014" : Long.toString(Math.round(d))) : EvalStyles.metric(d));
            if (markBest && row.best() == column) {
                getStyleClass().add("best");
            }
        }
    }
}
