package org.egolens.model.data.demo;

import static org.egolens.model.data.demo.Noun.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which labels the demo generator can render: for each verb form, the nouns (or noun pairs) it acts on. A form and its
 * mirror always share the same noun options, so every clip's reverse is itself a renderable clip.
 *
 * <p>Two-noun forms give noun sets of different size that overlap ({@code {cup, plate}} vs {@code {bowl, plate}}), so
 * the EK-100 relevancy ½·[same verb] + ½·Jaccard takes the values 0, 1/6, 1/4, 1/2, 2/3, 3/4 and 1.
 */
public final class ActionCatalog {
    private static final Map<Action, List<ClipLabel>> LABELS = build();

    private ActionCatalog() {}

    private static Map<Action, List<ClipLabel>> build() {
        Map<Action, List<ClipLabel>> m = new EnumMap<>(Action.class);
        List<Noun[]> lift = List.of(new Noun[] {CUP}, new Noun[] {PLATE}, new Noun[] {BOWL}, new Noun[] {KNIFE},
                new Noun[] {SPOON}, new Noun[] {BOTTLE}, new Noun[] {LID}, new Noun[] {BOX}, new Noun[] {SPONGE},
                new Noun[] {PAN});
        List<Noun[]> on = List.of(new Noun[] {CUP, PLATE}, new Noun[] {BOWL, PLATE}, new Noun[] {KNIFE, PLATE},
                new Noun[] {LID, PAN}, new Noun[] {SPONGE, BOX});
        List<Noun[]> in = List.of(new Noun[] {SPOON, BOWL}, new Noun[] {SPOON, CUP}, new Noun[] {SPONGE, BOWL},
                new Noun[] {KNIFE, PAN});
        List<Noun[]> open = List.of(new Noun[] {BOX}, new Noun[] {BOTTLE});
        List<Noun[]> push = List.of(new Noun[] {CUP}, new Noun[] {PLATE}, new Noun[] {BOWL}, new Noun[] {BOTTLE},
                new Noun[] {BOX}, new Noun[] {SPONGE}, new Noun[] {PAN});
        List<Noun[]> rotate = List.of(new Noun[] {KNIFE}, new Noun[] {SPOON}, new Noun[] {PAN}, new Noun[] {CUP},
                new Noun[] {BOX});
        List<Noun[]> slide = List.of(new Noun[] {PLATE}, new Noun[] {BOWL}, new Noun[] {BOX}, new Noun[] {PAN},
                new Noun[] {SPONGE}, new Noun[] {CUP});
        put(m, Action.PICK_UP, lift);
        put(m, Action.TAKE_OFF, on);
        put(m, Action.TAKE_OUT, in);
        put(m, Action.OPEN, open);
        put(m, Action.PUSH_LEFT, push);
        put(m, Action.ROTATE_CLOCKWISE, rotate);
        put(m, Action.SLIDE_TOWARDS, slide);
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<Action, List<ClipLabel>> m, Action a, List<Noun[]> options) {
        for (Action form : new Action[] {a, a.mirror()}) {
            List<ClipLabel> labels = new ArrayList<>();
            for (Noun[] n : options) {
                labels.add(ClipLabel.of(form, n));
            }
            m.put(form, List.copyOf(labels));
        }
    }

    /** The renderable labels of one verb form. */
    public static List<ClipLabel> labels(Action action) {
        return LABELS.get(action);
    }

    /** The renderable labels of one verb class, across its forms (e.g. {@code take}: pick up / take off / take out). */
    public static List<ClipLabel> labels(VerbClass verbClass) {
        List<ClipLabel> out = new ArrayList<>();
        for (Action a : Action.values()) {
            if (a.verbClass() == verbClass) {
                out.addAll(LABELS.get(a));
            }
        }
        return List.copyOf(out);
    }

    /** Every renderable label, in enum order. */
    public static List<ClipLabel> all() {
        List<ClipLabel> out = new ArrayList<>();
        for (Action a : Action.values()) {
            out.addAll(LABELS.get(a));
        }
        return List.copyOf(out);
    }

    /** True if the generator can render this label. */
    public static boolean contains(ClipLabel label) {
        return LABELS.get(label.action()).contains(label);
    }
}
