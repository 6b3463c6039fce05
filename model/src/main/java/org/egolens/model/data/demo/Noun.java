package org.egolens.model.data.demo;

import java.util.List;

/**
 * The noun classes of the demo workspace: ten table-top objects with distinct shapes and colours. The class id is the
 * {@code noun_class} written to the EK-100 style CSVs ({@code EPIC_100_noun_classes.csv} of the demo); keys and
 * categories follow the official EK-100 noun table (e.g. {@code cup} is {@code crockery}).
 */
public enum Noun {
    CUP("cup", "crockery", List.of("cup", "mug")),
    PLATE("plate", "crockery", List.of("plate", "dish")),
    BOWL("bowl", "crockery", List.of("bowl")),
    KNIFE("knife", "cutlery", List.of("knife")),
    SPOON("spoon", "cutlery", List.of("spoon", "spoon:wooden")),
    BOTTLE("bottle", "containers", List.of("bottle")),
    LID("lid", "containers", List.of("lid", "lid:pan")),
    BOX("box", "containers", List.of("box")),
    SPONGE("sponge", "cleaning equipment and material", List.of("sponge")),
    PAN("pan", "cookware", List.of("pan", "pan:frying"));

    private final String key;
    private final String category;
    private final List<String> instances;

    Noun(String key, String category, List<String> instances) {
        this.key = key;
        this.category = category;
        this.instances = instances;
    }

    /** The {@code noun_class} id (0-based, dense). */
    public int classId() {
        return ordinal();
    }

    /** The class key as written in {@code noun} / {@code all_nouns}, e.g. {@code "cup"}. */
    public String key() {
        return key;
    }

    /** The EK-100 category of the class, e.g. {@code "crockery"}. */
    public String category() {
        return category;
    }

    /** Annotation instances folded into this class (the {@code instances} column of the class table). */
    public List<String> instances() {
        return instances;
    }

    /** The noun of a class id. @throws IllegalArgumentException for an unknown id */
    public static Noun ofClass(int id) {
        if (id < 0 || id >= values().length) {
            throw new IllegalArgumentException("unknown demo noun class " + id + " (0.." + (values().length - 1) + ")");
        }
        return values()[id];
    }
}
