package org.egolens.model.data.demo;

/**
 * The verb forms of the demo workspace (the EK-100 {@code verb} column), each with its class, its number of nouns and
 * its narration pattern. Forms come in temporal mirror pairs: a clip of {@code PICK_UP cup} played backwards is a clip
 * of {@code PUT_DOWN cup}; {@code PUT_ON cup plate} reversed is {@code TAKE_OFF cup plate}.
 */
public enum Action {
    PICK_UP("pick-up", VerbClass.TAKE, 1, "pick up %s"),
    PUT_DOWN("put-down", VerbClass.PUT, 1, "put down %s"),
    TAKE_OFF("take-off", VerbClass.TAKE, 2, "take %s off %s"),
    PUT_ON("put-on", VerbClass.PUT, 2, "put %s on %s"),
    TAKE_OUT("take-out", VerbClass.TAKE, 2, "take %s out of %s"),
    PUT_IN("put-in", VerbClass.PUT, 2, "put %s in %s"),
    OPEN("open", VerbClass.OPEN, 1, "open %s"),
    CLOSE("close", VerbClass.CLOSE, 1, "close %s"),
    PUSH_LEFT("push-left", VerbClass.PUSH_LEFT, 1, "push %s left"),
    PUSH_RIGHT("push-right", VerbClass.PUSH_RIGHT, 1, "push %s right"),
    ROTATE_CLOCKWISE("rotate-clockwise", VerbClass.ROTATE_CLOCKWISE, 1, "rotate %s clockwise"),
    ROTATE_ANTICLOCKWISE("rotate-anticlockwise", VerbClass.ROTATE_ANTICLOCKWISE, 1, "rotate %s anticlockwise"),
    SLIDE_TOWARDS("slide-towards", VerbClass.SLIDE_TOWARDS, 1, "slide %s towards me"),
    SLIDE_AWAY("slide-away", VerbClass.SLIDE_AWAY, 1, "slide %s away");

    private final String verb;
    private final VerbClass verbClass;
    private final int arity;
    private final String pattern;

    Action(String verb, VerbClass verbClass, int arity, String pattern) {
        this.verb = verb;
        this.verbClass = verbClass;
        this.arity = arity;
        this.pattern = pattern;
    }

    /** The {@code verb} column value, e.g. {@code "put-on"}. */
    public String verb() {
        return verb;
    }

    /** The verb class. */
    public VerbClass verbClass() {
        return verbClass;
    }

    /** Number of nouns the narration names (1 or 2). */
    public int arity() {
        return arity;
    }

    /** The form whose clips are this form's clips played backwards. */
    public Action mirror() {
        return values()[ordinal() ^ 1];
    }

    /**
     * The narration text, e.g. {@code "put cup on plate"}.
     *
     * @param nouns exactly {@link #arity()} nouns: the acted-on object first, then the reference object
     * @throws IllegalArgumentException on a wrong number of nouns
     */
    public String narrate(Noun... nouns) {
        if (nouns.length != arity) {
            throw new IllegalArgumentException(name() + " takes " + arity + " noun(s), got " + nouns.length);
        }
        Object[] keys = new Object[nouns.length];
        for (int i = 0; i < nouns.length; i++) {
            keys[i] = nouns[i].key();
        }
        return String.format(java.util.Locale.ROOT, pattern, keys);
    }
}
