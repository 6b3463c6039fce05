package org.egolens.model.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Expected values follow the HTML5 character-reference rules as Python's html.unescape and ftfy implement them. */
class HtmlEntitiesTest {

    @Test
    void pythonUnescapeNamedReferences() {
        assertEquals("<>&\"", HtmlEntities.unescapePython("&lt;&gt;&amp;&quot;"));
        assertEquals("'", HtmlEntities.unescapePython("&apos;"));
        assertEquals("<", HtmlEntities.unescapePython("&lt")); // legacy name, no ';' needed
        assertEquals("&apos", HtmlEntities.unescapePython("&apos")); // not a legacy name: needs ';'
        assertEquals("\u00acit;", HtmlEntities.unescapePython("&notit;")); // longest legacy prefix "not"
        assertEquals("&foo", HtmlEntities.unescapePython("&ampfoo")); // "amp" + "foo"
        assertEquals("\u2242\u0338", HtmlEntities.unescapePython("&NotEqualTilde;")); // two code points
        assertEquals("&nosuch;", HtmlEntities.unescapePython("&nosuch;"));
        assertEquals("& x", HtmlEntities.unescapePython("& x"));
    }

    @Test
    void pythonUnescapeNumericReferences() {
        assertEquals("AA", HtmlEntities.unescapePython("&#65;&#x41"));
        assertEquals("\ufffd", HtmlEntities.unescapePython("&#0;"));
        assertEquals("\r", HtmlEntities.unescapePython("&#13;"));
        assertEquals("\u20ac\u0081", HtmlEntities.unescapePython("&#x80;&#x81;"));
        assertEquals("\ufffd\ufffd", HtmlEntities.unescapePython("&#xD800;&#x110000;"));
        assertEquals("\ufffd", HtmlEntities.unescapePython("&#99999999999999999999;"));
        assertEquals("", HtmlEntities.unescapePython("&#1;&#x0B;&#x7F;&#xFDD0;&#xFFFF;&#x10FFFE;"));
        assertEquals("\ud83d\ude00", HtmlEntities.unescapePython("&#x1F600;"));
    }

    @Test
    void pythonUnescapeReturnsTheSameInstanceWithoutAmpersand() {
        String text = "open fridge";
        assertSame(text, HtmlEntities.unescapePython(text));
    }

    @Test
    void ftfyUnescapeNeedsTheSemicolon() {
        assertEquals("&lt", HtmlEntities.unescapeFtfy("&lt"));
        assertEquals("<", HtmlEntities.unescapeFtfy("&lt;"));
        assertEquals("&amp;", HtmlEntities.unescapeFtfy("&amp;amp;")); // one pass only
    }

    @Test
    void ftfyUnescapeKnowsUpperCasedNames() {
        assertEquals("\u00d1 \u00d1 \u00f1 &nTILDE;", HtmlEntities.unescapeFtfy("&NTILDE; &Ntilde; &ntilde; &nTILDE;"));
        assertEquals("SS", HtmlEntities.unescapeFtfy("&SZLIG;"));
        assertEquals("&", HtmlEntities.unescapeFtfy("&AMP;")); // HTML5 has &AMP; itself
    }

    @Test
    void ftfyUnescapeKeepsNumericReferencesThatDoNotDecodeCompletely() {
        assertEquals("&#59;", HtmlEntities.unescapeFtfy("&#59;"));
        assertEquals("&#65abc;", HtmlEntities.unescapeFtfy("&#65abc;"));
        assertEquals("A", HtmlEntities.unescapeFtfy("&#x41;"));
    }
}
