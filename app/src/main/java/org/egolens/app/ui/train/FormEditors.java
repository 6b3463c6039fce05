package org.egolens.app.ui.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Callback;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.Editors;
import org.controlsfx.property.editor.PropertyEditor;
import org.egolens.app.ui.DialogService;

/**
 * Property editors of the config form: numbers accept scientific notation ({@code 1e-3}) and show an invalid entry in
 * red without changing the value; paths are a text field plus a chooser button; choices are combo boxes.
 */
final class FormEditors implements Callback<PropertySheet.Item, PropertyEditor<?>> {
    private final DialogService dialogs;
    private final DefaultPropertyEditorFactory fallback = new DefaultPropertyEditorFactory();

    FormEditors(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public PropertyEditor<?> call(PropertySheet.Item item) {
        if (!(item instanceof FormItem<?> f)) {
            return fallback.call(item);
        }
        return switch (f.editor()) {
            case NUMBER -> new NumberEditor(f);
            case CHOICE -> Editors.createChoiceEditor(item, f.choices());
            case CHECK -> Editors.createCheckEditor(item);
            case FOLDER, FILE -> new PathEditor(f, dialogs);
            case TEXT -> Editors.createTextEditor(item);
        };
    }

    /** Formats a number for the form: integers plainly, small/large doubles in scientific notation. */
    static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            double a = Math.abs(d);
            if (a != 0 && (a < 1e-3 || a >= 1e7)) {
                String s = String.format(Locale.ROOT, "%.6e", d);
                // trim trailing zeros of the mantissa: 1.000000e-05 -> 1e-05
                return s.replaceAll("\\.?0+e", "e");
            }
            String s = String.format(Locale.ROOT, "%.10f", d).replaceAll("0+$", "");
            return s.endsWith(".") ? s + "0" : s;
        }
        return v.toString();
    }

    /** Parses a number of the item's type; empty if the text is not one. */
    static Optional<Object> parse(String text, Class<?> type) {
        String t = text.trim().replace('_', ' ').replace(" ", "");
        try {
            if (type == Integer.class) {
                double d = Double.parseDouble(t);
                return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? Optional.of((int) d) : Optional.empty();
            }
            if (type == Long.class) {
                return Optional.of(Long.parseLong(t));
            }
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A text field committing on Enter or focus loss. */
    private static final class NumberEditor implements PropertyEditor<Object> {
        private final FormItem<?> item;
        private final TextField field = new TextField();

        NumberEditor(FormItem<?> item) {
            this.item = item;
            field.getStyleClass().add("form-number");
            field.setOnAction(e -> commit());
            field.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    commit();
                }
            });
            field.textProperty().addListener((o, a, b) -> field.pseudoClassStateChanged(INVALID,
                    parse(b, item.getType()).isEmpty()));
            item.valueProperty().addListener((o, a, b) -> setValue(b));
        }

        private void commit() {
            parse(field.getText(), item.getType()).ifPresent(item::setValue);
            setValue(item.getValue());
        }

        @Override
        public Node getEditor() {
            return field;
        }

        @Override
        public Object getValue() {
            return item.getValue();
        }

        @Override
        public void setValue(Object value) {
            String s = format(value);
            if (!s.equals(field.getText())) {
                field.setText(s);
            }
        }
    }

    /** A path as text plus a "…" chooser; blank means unset. */
    private static final class PathEditor implements PropertyEditor<Object> {
        private final FormItem<?> item;
        private final TextField field = new TextField();
        private final HBox box;

        PathEditor(FormItem<?> item, DialogService dialogs) {
            this.item = item;
            field.setPromptText("not set");
            field.setOnAction(e -> item.setValue(field.getText().trim()));
            field.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    item.setValue(field.getText().trim());
                }
            });
            Button browse = new Button("\u2026");
            browse.getStyleClass().addAll("small", "form-browse");
            browse.setTooltip(new Tooltip("Choose " + (item.editor() == FormItem.Editor.FOLDER ? "a folder" : "a file")));
            browse.setOnAction(e -> {
                Optional<Path> p = item.editor() == FormItem.Editor.FOLDER ? dialogs.chooseDirectory(item.getName())
                        : dialogs.chooseFile(item.getName(), "All files", "*");
                p.ifPresent(path -> item.setValue(path.toAbsolutePath().toString()));
            });
            HBox.setHgrow(field, Priority.ALWAYS);
            box = new HBox(4, field, browse);
            item.valueProperty().addListener((o, a, b) -> setValue(b));
        }

        @Override
        public Node getEditor() {
            return box;
        }

        @Override
        public Object getValue() {
            return item.getValue();
        }

        @Override
        public void setValue(Object value) {
            String s = value == null ? "" : value.toString();
            if (!s.equals(field.getText())) {
                field.setText(s);
            }
        }
    }

    private static final javafx.css.PseudoClass INVALID = javafx.css.PseudoClass.getPseudoClass("invalid");
}
