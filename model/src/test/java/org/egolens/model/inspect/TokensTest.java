package org.egolens.model.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link TokenGrid}, {@link QueryToken} and {@link HeadSelection}. */
class TokensTest {
    @Test
    void tokenIndicesAreClsThenFrameMajorPatches() {
        TokenGrid g = new TokenGrid(4, 14);
        assertEquals(1 + 4 * 196, g.tokens());
        assertEquals(0, g.index(QueryToken.CLS));
        assertEquals(1, g.index(QueryToken.patch(0, 0, 0)));
        assertEquals(1 + 2 * 196 + 3 * 14 + 5, g.index(QueryToken.patch(2, 3, 5)));
        for (int i = 0; i < g.tokens(); i++) {
            assertEquals(i, g.index(g.token(i)));
        }
        assertFalse(g.contains(QueryToken.patch(4, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> g.index(QueryToken.patch(0, 14, 0)));
        assertThrows(IllegalArgumentException.class, () -> g.token(g.tokens()));
    }

    @Test
    void queryAndHeadParseTheirCommandLineForms() {
        assertEquals(QueryToken.CLS, QueryToken.parse(" CLS "));
        assertEquals(QueryToken.patch(1, 2, 3), QueryToken.parse("1, 2,3"));
        assertEquals("1,2,3", QueryToken.patch(1, 2, 3).toString());
        for (String bad : new String[] {"", "1,2", "1,2,-3", "a,b,c", "1,2,3,4"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryToken.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertEquals(HeadSelection.MEAN, HeadSelection.parse("mean"));
        assertEquals(HeadSelection.ROLLOUT, HeadSelection.parse("Rollout"));
        assertEquals(HeadSelection.head(3), HeadSelection.parse("3"));
        assertEquals("head 3", HeadSelection.head(3).label());
        assertThrows(IllegalArgumentException.class, () -> HeadSelection.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> HeadSelection.parse("max"));
    }
}
