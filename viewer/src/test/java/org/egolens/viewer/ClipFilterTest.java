package org.egolens.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.egolens.model.data.ClipWindow;
import org.junit.jupiter.api.Test;

class ClipFilterTest {
    static ClipItem clip(String id, String narration, String verb, String... nouns) {
        ClipItem c = ClipItem.of(new ClipWindow(id, Path.of(id + ".mp4"), 0, 2), 2, 15, 30);
        return narration == null ? c : c.withAnnotation(new ClipAnnotation(narration, verb, List.of(nouns)));
    }

    private final ClipItem spoonInBowl = clip("P01_01_0", "put spoon in bowl", "put-in", "spoon", "bowl");
    private final ClipItem pickCup = clip("P01_01_1", "pick up cup", "pick-up", "cup");
    private final ClipItem plain = clip("kitchen_video", null, null);

    @Test
    void emptyFilterPassesEverything() {
        assertTrue(ClipFilter.NONE.isEmpty());
        assertTrue(new ClipFilter(null, "  ", null).isEmpty());
        for (ClipItem c : List.of(spoonInBowl, pickCup, plain)) {
            assertTrue(ClipFilter.NONE.test(c));
        }
    }

    @Test
    void verbMustMatchExactlyAndNounMustBeAmongAllNouns() {
        assertTrue(ClipFilter.NONE.withVerb("put-in").test(spoonInBowl));
        assertFalse(ClipFilter.NONE.withVerb("put").test(spoonInBowl), "no prefix match for the verb");
        assertFalse(ClipFilter.NONE.withVerb("put-in").test(plain), "unannotated clips have no verb");
        assertTrue(ClipFilter.NONE.withNoun("bowl").test(spoonInBowl), "second noun counts");
        assertFalse(ClipFilter.NONE.withNoun("bowl").test(pickCup));
        assertFalse(ClipFilter.NONE.withVerb("pick-up").withNoun("bowl").test(spoonInBowl));
    }

    @Test
    void everyTextWordMustOccurInIdNarrationVerbOrNouns() {
        assertTrue(new ClipFilter("Spoon  BOWL", "", "").test(spoonInBowl));
        assertFalse(new ClipFilter("spoon cup", "", "").test(spoonInBowl));
        assertTrue(new ClipFilter("p01_01_1", "", "").test(pickCup));
        assertTrue(new ClipFilter("pick-up", "", "").test(pickCup), "verb value is searchable");
        assertTrue(new ClipFilter("kitchen", "", "").test(plain));
        assertFalse(new ClipFilter("cup", "", "").test(plain));
        assertEquals(List.of("spoon", "bowl"), new ClipFilter(" Spoon\tbowl ", "", "").words());
    }

    @Test
    void titleIsTheNarrationWhenThereIsOne() {
        assertEquals("put spoon in bowl", spoonInBowl.title());
        assertEquals("kitchen_video", plain.title());
        assertEquals("put-in \u00b7 spoon, bowl", spoonInBowl.annotation().classesText());
        assertEquals("P01_01_0", clip("P01_01_0", "", "").title());
        assertEquals(spoonInBowl.withAnnotation(null), clip("P01_01_0", null, null));
    }
}
