package org.egolens.model.data.ek100;

import java.util.List;
import java.util.Objects;

/**
 * One row of {@code EPIC_100_verb_classes.csv} or {@code EPIC_100_noun_classes.csv} ({@code id,key,instances,category}).
 *
 * @param id        class id (used by {@code verb_class}, {@code noun_class}, {@code all_noun_classes})
 * @param key       class name, e.g. {@code take}, {@code tap}
 * @param instances all instance strings mapped to this class, e.g. {@code tap:water}
 * @param category  coarse category, e.g. {@code retrieve}, {@code appliances}
 * @param line      1-based line of the file where the record starts (0 if not read from a file)
 */
public record Ek100Class(int id, String key, List<String> instances, String category, long line) {
    /** Copies the list. */
    public Ek100Class {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(category, "category");
        instances = List.copyOf(instances);
    }
}
