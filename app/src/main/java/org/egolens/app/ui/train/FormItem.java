package org.egolens.app.ui.train;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/**
 * One editable config value in the property sheet, keyed by its contract key (e.g. {@code optim.lr}).
 *
 * @param <T> value type: String, Integer, Long, Double or Boolean
 */
final class FormItem<T> implements PropertySheet.Item {
    /** How the value is edited. */
    enum Editor { TEXT, NUMBER, CHOICE, CHECK, FOLDER, FILE }

    private final String key;
    private final String category;
    private final String name;
    private final String description;
    private final Class<T> type;
    private final Editor editor;
    private final List<T> choices;
    private final ObjectProperty<T> value;

    private FormItem(String key, String category, String name, String description, Class<T> type, Editor editor,
                     List<T> choices, T initial) {
        this.key = key;
        this.category = category;
        this.name = name;
        this.description = description + "  [" + key + "]";
        this.type = type;
        this.editor = editor;
        this.choices = List.copyOf(choices);
        this.value = new SimpleObjectProperty<>(this, key, initial);
    }

    static FormItem<Double> number(String key, String category, String name, String description, double initial) {
        return new FormItem<>(key, category, name, description, Double.class, Editor.NUMBER, List.of(), initial);
    }

    static FormItem<Integer> integer(String key, String category, String name, String description, int initial) {
        return new FormItem<>(key, category, name, description, Integer.class, Editor.NUMBER, List.of(), initial);
    }

    static FormItem<Long> longInt(String key, String category, String name, String description, long initial) {
        return new FormItem<>(key, category, name, description, Long.class, Editor.NUMBER, List.of(), initial);
    }

    static FormItem<Boolean> check(String key, String category, String name, String description, boolean initial) {
        return new FormItem<>(key, category, name, description, Boolean.class, Editor.CHECK, List.of(), initial);
    }

    static FormItem<String> choice(String key, String category, String name, String description, List<String> choices,
                                   String initial) {
        return new FormItem<>(key, category, name, description, String.class, Editor.CHOICE, choices, initial);
    }

    static FormItem<String> path(String key, String category, String name, String description, boolean folder) {
        return new FormItem<>(key, category, name, description, String.class, folder ? Editor.FOLDER : Editor.FILE,
                List.of(), null);
    }

    /** The contract key, e.g. {@code optim.lr}. */
    String key() {
        return key;
    }

    Editor editor() {
        return editor;
    }

    List<T> choices() {
        return choices;
    }

    ObjectProperty<T> valueProperty() {
        return value;
    }

    T get() {
        return value.get();
    }

    @Override
    public Class<?> getType() {
        return type;
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Object getValue() {
        return value.get();
    }

    @Override
    public void setValue(Object v) {
        if (v != null && !type.isInstance(v)) {
            if (v instanceof Number n && type == Double.class) {
                v = n.doubleValue();
            } else if (v instanceof Number n && type == Integer.class) {
                v = n.intValue();
            } else if (v instanceof Number n && type == Long.class) {
                v = n.longValue();
            } else {
                throw new IllegalArgumentException(key + " takes a " + type.getSimpleName() + ", not " + v);
            }
        }
        if (v instanceof String s && s.isBlank() && (editor == Editor.FILE || editor == Editor.FOLDER)) {
            v = null;
        }
        value.set(type.cast(v));
    }

    @Override
    public Optional<ObservableValue<?>> getObservableValue() {
        return Optional.of(value);
    }

    @Override
    public String toString() {
        return key + "=" + Objects.toString(value.get());
    }
}
