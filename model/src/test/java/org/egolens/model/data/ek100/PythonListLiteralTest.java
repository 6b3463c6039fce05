package org.egolens.model.data.ek100;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PythonListLiteralTest {

    @Test
    void parsesStringsWithEitherQuote() {
        assertEquals(List.of("tap", "tap:water"), PythonListLiteral.parseStrings("['tap', 'tap:water']"));
        assertEquals(List.of("chef's knife", "lid"), PythonListLiteral.parseStrings("[\"chef's knife\", 'lid']"));
        assertEquals(List.of("a'b", "c\\d", "e\nf"), PythonListLiteral.parseStrings("['a\\'b', 'c\\\\d', 'e\\nf']"));
        assertEquals(List.of(), PythonListLiteral.parseStrings("[]"));
        assertEquals(List.of("x"), PythonListLiteral.parseStrings("  [ 'x' , ]  "));
        assertEquals(List.of("a, b", "]"), PythonListLiteral.parseStrings("['a, b', ']']"));
    }

    @Test
    void parsesInts() {
        assertEquals(List.of(107, 42, 98, 42), PythonListLiteral.parseInts("[107, 42, 98, 42]"));
        assertEquals(List.of(-3, 0), PythonListLiteral.parseInts("[-3,0]"));
        assertEquals(List.of(), PythonListLiteral.parseInts("[ ]"));
    }

    @Test
    void rejectsMalformedLiterals() {
        for (String bad : new String[] {"'tap'", "['tap'", "['tap' 'lid']", "['tap]", "[tap]", "['a'] x", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PythonListLiteral.parseStrings(bad), bad);
            assertTrue(e.getMessage().contains("offset"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PythonListLiteral.parseInts("[1, x]"));
        assertThrows(IllegalArgumentException.class, () -> PythonListLiteral.parseInts("[99999999999]"));
        assertThrows(IllegalArgumentException.class, () -> PythonListLiteral.parseInts("[1 2]"));
    }

    @Test
    void formatsLikePythonRepr() {
        assertEquals("['bin', 'bin:other']", PythonListLiteral.formatStrings(List.of("bin", "bin:other")));
        assertEquals("[\"chef's knife\"]", PythonListLiteral.formatStrings(List.of("chef's knife")));
        assertEquals("['say \"hi\" it\\'s']", PythonListLiteral.formatStrings(List.of("say \"hi\" it's")));
        assertEquals("[36, 36]", PythonListLiteral.formatInts(List.of(36, 36)));
        assertEquals("[]", PythonListLiteral.formatInts(List.of()));
        List<String> odd = List.of("a'b", "c\\d", "e\nf", "say \"hi\" it's");
        assertEquals(odd, PythonListLiteral.parseStrings(PythonListLiteral.formatStrings(odd)));
    }
}
