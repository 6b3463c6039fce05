package org.egolens.viewer.eval;

import java.util.Comparator;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.geometry.Pos;

/**
 * The per-query table of a retrieval evaluation: index, id, narration, AP and nDCG, every column sortable (click a
 * header). AP and nDCG cells show the value with a bar of its length; excluded queries (NaN) show {@code —} and sort
 * last in both directions.
 *
 * <p>Node ids: {@code #queryTable}; columns {@code #queryIndexColumn}, {@code #queryIdColumn},
 * {@code #queryTextColumn}, {@code #queryApColumn}, {@code #queryNdcgColumn}.
 */
public final class QueryTable extends TableView<QueryScore> {
    private final TableColumn<QueryScore, Number> ap;
    private final TableColumn<QueryScore, Number> ndcg;

    /** An empty table. */
    public QueryTable() {
        setId("queryTable");
        getStyleClass().add("query-table");
        EvalStyles.apply(this);
        TableColumn<QueryScore, Number> index = new TableColumn<>("#");
        index.setId("queryIndexColumn");
        index.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().index()));
        index.setPrefWidth(48);
        index.getStyleClass().add("number-column");
        TableColumn<QueryScore, String> id = new TableColumn<>("Query");
        id.setId("queryIdColumn");
        id.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().id()));
        id.setPrefWidth(120);
        TableColumn<QueryScore, String> text = new TableColumn<>("Narration");
        text.setId("queryTextColumn");
        text.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().text()));
        text.setPrefWidth(220);
        ap = valueColumn("AP", "queryApColumn", QueryScore::ap);
        ndcg = valueColumn("nDCG", "queryNdcgColumn", QueryScore::ndcg);
        getColumns().setAll(java.util.List.of(index, id, text, ap, ndcg));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("Run an evaluation to see per-query scores.");
        empty.getStyleClass().add("placeholder");
        setPlaceholder(empty);
    }

    /** The AP column (for sorting from code and tests). */
    public TableColumn<QueryScore, Number> apColumn() {
        return ap;
    }

    /** The nDCG column. */
    public TableColumn<QueryScore, Number> ndcgColumn() {
        return ndcg;
    }

    private TableColumn<QueryScore, Number> valueColumn(String title, String nodeId, ToDoubleFunction<QueryScore> f) {
        TableColumn<QueryScore, Number> c = new TableColumn<>(title);
        c.setId(nodeId);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(f.applyAsDouble(x.getValue())));
        c.setComparator(nanLast(c));
        c.setPrefWidth(96);
        c.setCellFactory(col -> new BarCell());
        return c;
    }

    /**
     * Orders numbers with NaN after every number whichever way {@code column} is sorted (the table compares with the
     * arguments swapped when sorting descending, so the NaN rule looks at the sort type).
     */
    static Comparator<Number> nanLast(TableColumn<?, Number> column) {
        return (a, b) -> {
            double x = a.doubleValue();
            double y = b.doubleValue();
            if (Double.isNaN(x) || Double.isNaN(y)) {
                if (Double.isNaN(x) && Double.isNaN(y)) {
                    return 0;
                }
                boolean ascending = column.getSortType() == TableColumn.SortType.ASCENDING;
                return ascending ? (Double.isNaN(x) ? 1 : -1) : (Double.isNaN(y) ? 1 : -1);
            }
            return Double.compare(x, y);
        };
    }

    /** A value in [0, 1] with a bar behind it. */
    private static final class BarCell extends TableCell<QueryScore, Number> {
        private final Region bar = new Region();
        private final Label label = new Label();
        private final StackPane box = new StackPane(bar, label);

        BarCell() {
            bar.getStyleClass().add("value-bar");
            label.getStyleClass().add("value-label");
            StackPane.setAlignment(bar, Pos.BOTTOM_LEFT);
            StackPane.setAlignment(label, Pos.CENTER_RIGHT);
            bar.setMinHeight(3);
            bar.setMaxHeight(3);
            box.setMinWidth(0);
            box.setPadding(new javafx.geometry.Insets(2, 0, 3, 0));
            setGraphic(null);
        }

        @Override
        protected void updateItem(Number v, boolean empty) {
            super.updateItem(v, empty);
            if (empty || v == null) {
                setGraphic(null);
                return;
            }
            double d = v.doubleValue();
            label.setText(EvalStyles.value(d));
            bar.setVisible(!Double.isNaN(d));
            bar.maxWidthProperty().bind(widthProperty().subtract(16).multiply(Double.isNaN(d) ? 0
                    : Math.max(0, Math.min(1, d))));
            setGraphic(box);
        }
    }
}
