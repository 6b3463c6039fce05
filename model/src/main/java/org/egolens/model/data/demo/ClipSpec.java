package org.egolens.model.data.demo;

import java.util.List;
import java.util.Objects;

/**
 * Everything that determines a demo clip: its label, the objects with their start and end poses, the hands, the head
 * motion and the kitchen. Frames are a pure function of the spec and the frame time ({@link SceneModel#at}).
 *
 * <p>Object 0 is the acted-on object (EK-100 {@code noun}); for two-noun labels object 1 is the reference object
 * (plate in "put cup on plate"); further objects are distractors that stay still.
 *
 * @param label   what the clip shows
 * @param objects the objects, acted-on first
 * @param hands   one or two hands
 * @param camera  head motion
 * @param style   the kitchen
 */
public record ClipSpec(ClipLabel label, List<SceneObject> objects, List<HandSpec> hands, CameraPath camera,
        KitchenStyle style) {
    /** @throws IllegalArgumentException if the objects do not start with the label's nouns or a hand targets no object */
    public ClipSpec {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(style, "style");
        objects = List.copyOf(objects);
        hands = List.copyOf(hands);
        for (int i = 0; i < label.nouns().size(); i++) {
            if (objects.size() <= i || objects.get(i).noun() != label.nouns().get(i)) {
                throw new IllegalArgumentException("clip objects " + objects.stream().map(SceneObject::noun).toList()
                        + " must start with the label's nouns " + label.nouns());
            }
        }
        if (hands.isEmpty() || hands.size() > 2) {
            throw new IllegalArgumentException("a clip has one or two hands, got " + hands.size());
        }
        for (HandSpec h : hands) {
            if (h.target() >= objects.size()) {
                throw new IllegalArgumentException("hand " + h.side() + " targets object " + h.target() + " of "
                        + objects.size());
            }
        }
    }

    /**
     * The clip of the mirror verb whose frames are this clip's frames in reverse order: label mirrored, every object's
     * start and end swapped, every hand's held-at-start/held-at-end swapped, head motion reversed.
     */
    public ClipSpec mirror() {
        return new ClipSpec(label.mirror(), objects.stream().map(SceneObject::reversed).toList(),
                hands.stream().map(HandSpec::reversed).toList(), camera.reversed(), style);
    }
}
