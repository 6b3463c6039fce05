package org.egolens.model.tokenize;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * The two HTML character-reference decoders that CLIP's text clean-up runs, reproduced rule for rule:
 *
 * <ul>
 *   <li>{@link #unescapePython}: Python 3's {@code html.unescape} (HTML5 rules: numeric references with or without
 *       {@code ;}, the HTML5 named references, the legacy names that need no {@code ;}, longest-prefix matching of
 *       those, the Windows-1252 fix-up of {@code &#128;..&#159;}, and dropping of invalid code points). CLIP's
 *       {@code basic_clean} applies it twice after ftfy.
 *   <li>{@link #unescapeFtfy}: ftfy 6's {@code unescape_html}: only {@code &name;} / {@code &#digits;} forms of at most
 *       24 letters or digits, including upper-cased names such as {@code &EACUTE;}.
 * </ul>
 *
 * <p>The HTML5 entity table (2125 names, 106 of them also valid without {@code ;}) comes from jsoup's copy of the
 * WHATWG list, which equals Python's {@code html.entities.html5}.
 */
final class HtmlEntities {
    /** Python's {@code html._charref}. */
    private static final Pattern PYTHON_CHARREF =
            Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");
    /** ftfy's {@code HTML_ENTITY_RE}. */
    private static final Pattern FTFY_ENTITY = Pattern.compile("&#?[0-9A-Za-z]{1,24};");

    /** Python's {@code html._invalid_charrefs} for 0x80..0x9F: Windows-1252, undefined bytes kept as themselves. */
    private static final String[] WINDOWS_1252_C1 = new String[32];

    static {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 32; i++) {
            bytes[i] = (byte) (0x80 + i);
        }
        String decoded = new String(bytes, java.nio.charset.Charset.forName("windows-1252"));
        for (int i = 0; i < 32; i++) {
            char c = decoded.charAt(i);
            WINDOWS_1252_C1[i] = String.valueOf(c == '\uFFFD' ? (char) (0x80 + i) : c);
        }
    }

    private HtmlEntities() {}

    /** The Windows-1252 reading of a C1 control character {@code c} (U+0080..U+009F), as "sloppy-windows-1252" does. */
    static String windows1252(char c) {
        return WINDOWS_1252_C1[c - 0x80];
    }

    /**
     * Python 3's {@code html.unescape(s)}.
     *
     * @param s any text
     * @return {@code s} with every character reference replaced; the same instance if it holds no {@code &}
     */
    static String unescapePython(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = PYTHON_CHARREF.matcher(s);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, last, m.start()).append(replaceCharref(m.group(1)));
            last = m.end();
        }
        if (out == null) {
            return s;
        }
        return out.append(s, last, s.length()).toString();
    }

    private static String replaceCharref(String ref) {
        if (ref.charAt(0) == '#') {
            boolean hex = ref.charAt(1) == 'x' || ref.charAt(1) == 'X';
            int end = ref.endsWith(";") ? ref.length() - 1 : ref.length();
            int codePoint = parseCodePoint(ref.substring(hex ? 2 : 1, end), hex ? 16 : 10);
            if (codePoint == 0x00) {
                return "\uFFFD";
            }
            if (codePoint == 0x0D) {
                return "\r";
            }
            if (codePoint >= 0x80 && codePoint <= 0x9F) {
                return WINDOWS_1252_C1[codePoint - 0x80];
            }
            if ((codePoint >= 0xD800 && codePoint <= 0xDFFF) || codePoint > 0x10FFFF) {
                return "\uFFFD";
            }
            if (isInvalidCodePoint(codePoint)) {
                return "";
            }
            return new String(Character.toChars(codePoint));
        }
        String whole = html5(ref);
        if (whole != null) {
            return whole;
        }
        // the longest prefix (of at least 2 characters) that is a legacy name valid without ';'
        for (int x = ref.length() - 1; x > 1; x--) {
            if (Character.isLowSurrogate(ref.charAt(x))) {
                continue; // Python slices by code point; never split a surrogate pair
            }
            String prefix = html5(ref.substring(0, x));
            if (prefix != null) {
                return prefix + ref.substring(x);
            }
        }
        return "&" + ref;
    }

    /** Parses digits of any length; values beyond U+10FFFF are clamped to 0x110000. */
    private static int parseCodePoint(String digits, int radix) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            value = value * radix + Character.digit(digits.charAt(i), radix);
            if (value > 0x10FFFF) {
                return 0x110000;
            }
        }
        return (int) value;
    }

    /** Python's {@code html._invalid_codepoints} (checked after the 0x00, 0x0D and 0x80..0x9F special cases). */
    private static boolean isInvalidCodePoint(int cp) {
        return (cp >= 0x01 && cp <= 0x08) || cp == 0x0B || (cp >= 0x0E && cp <= 0x1F) || (cp >= 0x7F && cp <= 0x9F)
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    /**
     * Looks a key up in Python's {@code html.entities.html5}: {@code "amp;"} (name with semicolon) or {@code "amp"}
     * (one of the 106 legacy names valid without it).
     *
     * @return the replacement text, or null if the key is not in the table
     */
    static String html5(String key) {
        if (key.endsWith(";")) {
            String name = key.substring(0, key.length() - 1);
            return Entities.isNamedEntity(name) ? Entities.getByName(name) : null;
        }
        return Entities.isBaseNamedEntity(key) ? Entities.getByName(key) : null;
    }

    /**
     * ftfy 6's {@code fixes.unescape_html(s)}: replaces {@code &name;} when the name is an HTML5 name or the upper-case
     * form of an all-lower-case HTML5 name (then the replacement is upper-cased, {@code &EACUTE;} gives {@code É}), and
     * {@code &#...;} when Python's {@code html.unescape} decodes it completely.
     */
    static String unescapeFtfy(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = FTFY_ENTITY.matcher(s);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String entity = m.group();
            String replacement;
            if (entity.charAt(1) == '#') {
                String unescaped = unescapePython(entity);
                replacement = unescaped.indexOf(';') >= 0 ? entity : unescaped;
            } else {
                replacement = ftfyNamedEntity(entity);
            }
            if (replacement.equals(entity)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, last, m.start()).append(replacement);
            last = m.end();
        }
        if (out == null) {
            return s;
        }
        return out.append(s, last, s.length()).toString();
    }

    /** ftfy's {@code HTML_ENTITIES} lookup for {@code &name;}; returns the entity itself when it is not in the table. */
    private static String ftfyNamedEntity(String entity) {
        String name = entity.substring(1, entity.length() - 1);
        String direct = html5(name + ";");
        if (direct != null) {
            return direct;
        }
        // ftfy adds "&" + NAME.upper() + ";" for each lower-case HTML5 name, unless html.unescape already decodes it
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.toUpperCase(Locale.ROOT).equals(name)) {
            return entity;
        }
        String lowerValue = html5(lower + ";");
        if (lowerValue == null || !unescapePython(entity).equals(entity)) {
            return entity;
        }
        return lowerValue.toUpperCase(Locale.ROOT);
    }
}
