package org.egolens.model.data.demo;

import java.util.List;

/**
 * The verb classes of the demo workspace: five temporal mirror pairs. Playing a clip of one class backwards gives a clip
 * of its {@link #mirror()} class, so a model must use frame order to tell the two apart. Keys and categories follow
 * the EK-100 verb table where it has the class ({@code take}/{@code retrieve}, {@code put}/{@code leave},
 * {@code open}/{@code access}, {@code close}/{@code block}); the directional classes are demo-only.
 */
public enum VerbClass {
    TAKE("take", "retrieve", List.of("pick-up", "take-off", "take-out")),
    PUT("put", "leave", List.of("put-down", "put-on", "put-in")),
    OPEN("open", "access", List.of("open")),
    CLOSE("close", "block", List.of("close")),
    PUSH_LEFT("push-left", "transition", List.of("push-left")),
    PUSH_RIGHT("push-right", "transition", List.of("push-right")),
    ROTATE_CLOCKWISE("rotate-clockwise", "manipulate", List.of("rotate-clockwise")),
    ROTATE_ANTICLOCKWISE("rotate-anticlockwise", "manipulate", List.of("rotate-anticlockwise")),
    SLIDE_TOWARDS("slide-towards", "transition", List.of("slide-towards")),
    SLIDE_AWAY("slide-away", "transition", List.of("slide-away"));

    private final String key;
    private final String category;
    private final List<String> instances;

    VerbClass(String key, String category, List<String> instances) {
        this.key = key;
        this.category = category;
        this.instances = instances;
    }

    /** The {@code verb_class} id (0-based, dense). */
    public int classId() {
        return ordinal();
    }

    /** The class key, e.g. {@code "take"}. */
    public String key() {
        return key;
    }

    /** The EK-100 style category, e.g. {@code "retrieve"}. */
    public String category() {
        return category;
    }

    /** The verb forms ({@code verb} column values) that belong to this class. */
    public List<String> instances() {
        return instances;
    }

    /** The class whose clips are this class's clips played backwards (an involution: {@code mirror().mirror() == this}). */
    public VerbClass mirror() {
        return values()[ordinal() ^ 1];
    }

    /** The verb of a class id. @throws IllegalArgumentException for an unknown id */
    public static VerbClass ofClass(int id) {
        if (id < 0 || id >= values().length) {
            throw new IllegalArgumentException("unknown demo verb class " + id + " (0.." + (values().length - 1) + ")");
        }
        return values()[id];
    }
}
