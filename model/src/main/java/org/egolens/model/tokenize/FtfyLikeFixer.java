package org.egolens.model.tokenize;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The part of {@code ftfy.fix_text} (ftfy 6.3, default configuration) that CLIP's {@code basic_clean} relies on, without
 * the mojibake detector.
 *
 * <p>As in ftfy, the text is split after each {@code \n}; each segment is fixed repeatedly until it no longer changes,
 * each round applying, in this order: HTML entity decoding (only while no segment so far contained {@code <}), C1
 * controls read as Windows-1252, Latin ligatures split ({@code ﬁ → fi}), full-/half-width forms and the ideographic
 * space to their normal forms, curly quotes to straight ones, line breaks to {@code \n}, lone surrogates to U+FFFD, ANSI
 * terminal escapes removed, control characters removed, NFC normalisation.
 *
 * <p>Not reproduced: {@code fix_encoding} (repairing text that was decoded with the wrong code page, e.g. {@code "cafÃ©"}
 * → {@code "café"}), which needs ftfy's statistical "badness" heuristic. Such text is tokenised as it is.
 */
final class FtfyLikeFixer {
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001b\\[(?:\\p{Nd}|;)*[a-zA-Z]");
    /** Full-width / half-width replacements for U+FF01..U+FFEF (null where NFKC keeps the character). */
    private static final String[] WIDTH_FORMS = new String[0xFFEF - 0xFF01 + 1];

    static {
        for (int c = 0xFF01; c <= 0xFFEF; c++) {
            String s = String.valueOf((char) c);
            String nfkc = Normalizer.normalize(s, Normalizer.Form.NFKC);
            WIDTH_FORMS[c - 0xFF01] = nfkc.equals(s) ? null : nfkc;
        }
    }

    /** A per-character replacement: the replacement text, or null to keep the character. */
    private interface CharFix {
        String apply(char c);
    }

    private FtfyLikeFixer() {}

    /**
     * Applies the fixes to {@code text} line by line, like {@code ftfy.fix_text(text)}.
     *
     * @return the fixed text (the same instance when nothing changed)
     */
    static String fixText(String text) {
        int n = text.length();
        int firstBreak = text.indexOf('\n');
        if (firstBreak < 0 || firstBreak == n - 1) {
            return fixSegment(text, text.indexOf('<') < 0);
        }
        StringBuilder out = new StringBuilder(n);
        boolean unescapeHtml = true;
        int pos = 0;
        while (pos < n) {
            int lineBreak = text.indexOf('\n', pos);
            int end = lineBreak < 0 ? n : lineBreak + 1;
            String segment = text.substring(pos, end);
            if (unescapeHtml && segment.indexOf('<') >= 0) {
                unescapeHtml = false; // ftfy's "auto" mode: once a segment looks like HTML, stop decoding entities
            }
            out.append(fixSegment(segment, unescapeHtml));
            pos = end;
        }
        return out.toString();
    }

    /** ftfy's {@code fix_and_explain} loop on one segment. */
    static String fixSegment(String segment, boolean unescapeHtml) {
        String text = segment;
        while (true) {
            String before = text;
            if (unescapeHtml) {
                text = HtmlEntities.unescapeFtfy(text);
            }
            text = translate(text, FtfyLikeFixer::c1Control);
            text = translate(text, FtfyLikeFixer::latinLigature);
            text = translate(text, FtfyLikeFixer::characterWidth);
            text = translate(text, FtfyLikeFixer::curlyQuote);
            text = fixLineBreaks(text);
            text = fixSurrogates(text);
            if (text.indexOf('\u001b') >= 0) {
                text = ANSI_ESCAPE.matcher(text).replaceAll("");
            }
            text = translate(text, FtfyLikeFixer::controlCharacter);
            if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
                text = Normalizer.normalize(text, Normalizer.Form.NFC);
            }
            if (text.equals(before)) {
                return text;
            }
        }
    }

    private static String translate(String text, CharFix fix) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = fix.apply(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@code fix_c1_controls}: U+0080..U+009F as Windows-1252 (undefined bytes stay). */
    private static String c1Control(char c) {
        if (c < 0x80 || c > 0x9F) {
            return null;
        }
        String w = HtmlEntities.windows1252(c);
        return w.charAt(0) == c ? null : w;
    }

    /** {@code fix_latin_ligatures}: ftfy's LIGATURES table. */
    private static String latinLigature(char c) {
        switch (c) {
            case '\u0132': return "IJ";
            case '\u0133': return "ij";
            case '\u0149': return "\u02BCn";
            case '\u01F1': return "DZ";
            case '\u01F2': return "Dz";
            case '\u01F3': return "dz";
            case '\u01C4': return "D\u017D";
            case '\u01C5': return "D\u017E";
            case '\u01C6': return "d\u017E";
            case '\u01C7': return "LJ";
            case '\u01C8': return "Lj";
            case '\u01C9': return "lj";
            case '\u01CA': return "NJ";
            case '\u01CB': return "Nj";
            case '\u01CC': return "nj";
            case '\uFB00': return "ff";
            case '\uFB01': return "fi";
            case '\uFB02': return "fl";
            case '\uFB03': return "ffi";
            case '\uFB04': return "ffl";
            case '\uFB05': return "\u017Ft";
            case '\uFB06': return "st";
            default: return null;
        }
    }

    /** {@code fix_character_width}: U+3000 to a space, U+FF01..U+FFEF to their NFKC form. */
    private static String characterWidth(char c) {
        if (c == '\u3000') {
            return " ";
        }
        return c >= 0xFF01 && c <= 0xFFEF ? WIDTH_FORMS[c - 0xFF01] : null;
    }

    /** {@code uncurl_quotes}: U+02BC, U+2018..U+201B to {@code '}, U+201C..U+201F to {@code "}. */
    private static String curlyQuote(char c) {
        if (c == '\u02BC' || (c >= '\u2018' && c <= '\u201B')) {
            return "'";
        }
        return c >= '\u201C' && c <= '\u201F' ? "\"" : null;
    }

    /** {@code remove_control_chars}: drops U+0000..0008, 000B, 000E..001F, 007F, 206A..206F, FEFF, FFF9..FFFC. */
    private static String controlCharacter(char c) {
        boolean drop = c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F || (c >= 0x206A && c <= 0x206F)
                || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC);
        return drop ? "" : null;
    }

    /** {@code fix_line_breaks}: CRLF, CR, U+2028, U+2029 and U+0085 to {@code \n}. */
    private static String fixLineBreaks(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean isBreak = c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085';
            if (isBreak && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue; // CRLF: the LF that follows is kept
            }
            out.append(isBreak ? '\n' : c);
        }
        return out == null ? text : out.toString();
    }

    /** {@code fix_surrogates}: a surrogate that is not part of a valid pair becomes U+FFFD. */
    private static String fixSurrogates(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean lone = Character.isSurrogate(c);
            if (lone && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(lone ? '\uFFFD' : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
