package org.egolens.model.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings are derived by hand from the rules of ftfy 6.3 fix_text, Python's html.unescape and CLIP. */
class ClipTextCleanerTest {

    @Test
    void collapsesWhitespaceStripsAndLowerCases() {
        assertEquals("open the fridge", ClipTextCleaner.clean("  Open   the\n\nFRIDGE \t "));
        assertEquals("", ClipTextCleaner.clean(""));
        assertEquals("", ClipTextCleaner.clean("\t\n  \r\n "));
        // no-break space, em space, ideographic space and line separator are White_Space too
        assertEquals("a b c d", ClipTextCleaner.clean("\u00a0a\u2003b\u3000c\u2028d\u00a0"));
        // zero-width space is not White_Space and not a control character ftfy removes
        assertEquals("a\u200bb", ClipTextCleaner.clean("a\u200bb"));
    }

    @Test
    void lowerCasingUsesFinalSigma() {
        assertEquals("\u03bf\u03b4\u03bf\u03c2 \u03c3\u03b1", ClipTextCleaner.clean("\u039f\u0394\u039f\u03a3 \u03a3\u0391"));
    }

    @Test
    void finalSigmaFollowsPythonRuleNotWordBoundaries() {
        // the apostrophe is case-ignorable, so the cased beta still follows: medial sigma
        assertEquals("\u03b1\u03c3'\u03b2", ClipTextCleaner.clean("\u0391\u03a3'\u0392"));
        // a Hangul syllable is not cased and not case-ignorable: final sigma
        assertEquals("\u03b1\u03c2\ub2e4", ClipTextCleaner.clean("\u0391\u03a3\ub2e4"));
        // a trailing combining accent is skipped: final sigma; a sigma with no cased letter before it: medial
        assertEquals("\u03b1\u03c2\u0301", ClipTextCleaner.clean("\u0391\u03a3\u0301"));
        assertEquals("\u03c3", ClipTextCleaner.clean("\u03a3"));
    }

    @Test
    void htmlEntitiesAreDecodedUntilStableWhenTextHasNoTag() {
        assertEquals("salt & pepper", ClipTextCleaner.clean("salt &amp; pepper"));
        assertEquals("&", ClipTextCleaner.clean("&amp;amp;amp;"));
        assertEquals("<b>bold</b> \"q\" 'x'", ClipTextCleaner.clean("&lt;b&gt;bold&lt;/b&gt; &quot;q&quot; &#39;x&#39;"));
    }

    @Test
    void textWithATagIsOnlyUnescapedTwiceByClip() {
        // ftfy leaves entities alone once it sees '<'; CLIP's basic_clean still runs html.unescape twice
        assertEquals("<b>&amp;</b>", ClipTextCleaner.clean("<b>&amp;amp;amp;</b>"));
    }

    @Test
    void tagOnALaterLineStopsFtfyOnlyFromThatLineOn() {
        // line 1: ftfy decodes fully; lines 2 and 3: only CLIP's two html.unescape passes
        assertEquals("& <i> &amp;", ClipTextCleaner.clean("&amp;amp;amp;\n<i>\n&amp;amp;amp;"));
    }

    @Test
    void upperCasedEntityNamesAreDecodedUpperCased() {
        // ftfy knows &EACUTE; as the upper-case form of &eacute;
        assertEquals("\u00e9t\u00e9", ClipTextCleaner.clean("&EACUTE;T&EACUTE;"));
        // &eAcute; is neither an HTML5 name nor an all-upper-case form: kept by ftfy and by html.unescape
        assertEquals("&eacute;", ClipTextCleaner.clean("&eAcute;"));
    }

    @Test
    void numericReferencesFollowPythonRules() {
        assertEquals("\u20ac", ClipTextCleaner.clean("&#128;")); // C1 code read as Windows-1252
        assertEquals(";", ClipTextCleaner.clean("&#59;")); // ftfy keeps it, html.unescape decodes it
        assertEquals("ab", ClipTextCleaner.clean("a&#1;b")); // invalid code point dropped
        assertEquals("a\ud83d\ude00", ClipTextCleaner.clean("a&#x1F600;"));
    }

    @Test
    void curlyQuotesBecomeStraight() {
        assertEquals("don't touch the \"hot\" pan", ClipTextCleaner.clean("don\u2019t touch the \u201chot\u201d pan"));
        assertEquals("'a' \"b\"", ClipTextCleaner.clean("\u2018a\u201b \u201eb\u201f"));
        assertEquals("it's", ClipTextCleaner.clean("it\u02bcs"));
    }

    @Test
    void fullWidthFormsBecomeAscii() {
        assertEquals("open fridge12", ClipTextCleaner.clean("\uff2f\uff30\uff25\uff2e\u3000\uff46\uff52\uff49\uff44\uff47\uff45\uff11\uff12"));
        assertEquals("u\u30bf\u30fc\u30f3", ClipTextCleaner.clean("\uff35\uff80\uff70\uff9d")); // half-width katakana
    }

    @Test
    void latinLigaturesAreSplit() {
        assertEquals("fish flour", ClipTextCleaner.clean("\ufb01sh \ufb02our"));
        assertEquals("fluffiest", ClipTextCleaner.clean("\ufb02u\ufb03e\ufb06"));
        assertEquals("ijs", ClipTextCleaner.clean("\u0133s"));
    }

    @Test
    void decomposedAccentsAreComposed() {
        assertEquals("caf\u00e9", ClipTextCleaner.clean("cafe\u0301"));
    }

    @Test
    void c1ControlsAreReadAsWindows1252ThenUncurled() {
        assertEquals("\"quoted\"", ClipTextCleaner.clean("\u0093quoted\u0094"));
    }

    @Test
    void controlCharactersTerminalEscapesAndLoneSurrogatesAreRepaired() {
        assertEquals("ab", ClipTextCleaner.clean("a\u0000\u0007\ufeffb"));
        assertEquals("red", ClipTextCleaner.clean("\u001b[31mred\u001b[0m"));
        assertEquals("a\ufffdb", ClipTextCleaner.clean("a\ud800b"));
    }
}
