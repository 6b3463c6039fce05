package org.egolens.model.tokenize;

import java.util.Locale;

/**
 * The text clean-up that OpenAI CLIP's {@code SimpleTokenizer.encode} (copied by EVA-CLIP and AVION) applies before
 * BPE: {@code whitespace_clean(basic_clean(text)).lower()}, where
 *
 * <ul>
 *   <li>{@code basic_clean} = {@code ftfy.fix_text}, then Python's {@code html.unescape} twice, then strip;
 *   <li>{@code whitespace_clean} = every run of Unicode {@code White_Space} characters to one space, then strip;
 *   <li>{@code lower} = Python's full Unicode lower-casing (final sigma by CPython's rule).
 * </ul>
 *
 * <p>The ftfy step is {@link FtfyLikeFixer}: everything ftfy 6.3's default {@code fix_text} does except mojibake repair.
 * Stateless and thread-safe.
 */
public final class ClipTextCleaner {
    private ClipTextCleaner() {}

    /**
     * Cleans one narration the way CLIP does before tokenising.
     *
     * @param text raw text (narration, caption, query)
     * @return the cleaned, lower-cased text; empty if {@code text} holds only whitespace and control characters
     * @throws NullPointerException if {@code text} is null
     */
    public static String clean(String text) {
        String fixed = FtfyLikeFixer.fixText(text);
        String unescaped = HtmlEntities.unescapePython(HtmlEntities.unescapePython(fixed));
        return pythonLowerCase(collapseWhitespace(unescaped));
    }

    /**
     * Python's {@code str.lower()}: full Unicode lower-casing in which a capital sigma becomes the final form {@code ς}
     * when it follows a cased letter and no cased letter follows, case-ignorable characters being skipped both ways
     * (Unicode's Final_Sigma). Java's {@code toLowerCase} decides Final_Sigma by word boundaries instead (it differs
     * for {@code "ΑΣ'Β"} or {@code "ΑΣ다"}), so capital sigmas are lower-cased here and the rest by Java.
     */
    static String pythonLowerCase(String text) {
        int sigma = text.indexOf('\u03A3');
        if (sigma < 0) {
            return text.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (sigma >= 0) {
            out.append(text.substring(from, sigma).toLowerCase(Locale.ROOT));
            out.append(isFinalSigma(text, sigma) ? '\u03C2' : '\u03C3');
            from = sigma + 1;
            sigma = text.indexOf('\u03A3', from);
        }
        return out.append(text.substring(from).toLowerCase(Locale.ROOT)).toString();
    }

    /** Unicode's Final_Sigma context for the capital sigma at {@code index}, as CPython evaluates it. */
    private static boolean isFinalSigma(String text, int index) {
        int before = index;
        int c = -1;
        while (before > 0) {
            c = text.codePointBefore(before);
            before -= Character.charCount(c);
            if (!isCaseIgnorable(c)) {
                break;
            }
            c = -1;
        }
        if (c < 0 || !isCased(c)) {
            return false;
        }
        int after = index + 1;
        while (after < text.length()) {
            int d = text.codePointAt(after);
            if (!isCaseIgnorable(d)) {
                return !isCased(d);
            }
            after += Character.charCount(d);
        }
        return true;
    }

    /** Unicode {@code Cased}: lower-case, upper-case or title-case. */
    private static boolean isCased(int c) {
        return Character.isLowerCase(c) || Character.isUpperCase(c) || Character.isTitleCase(c);
    }

    /**
     * Unicode {@code Case_Ignorable}: general category Mn, Me, Cf, Lm or Sk, or word-break MidLetter, MidNumLet or
     * Single_Quote.
     */
    private static boolean isCaseIgnorable(int c) {
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.FORMAT:
            case Character.MODIFIER_LETTER:
            case Character.MODIFIER_SYMBOL:
                return true;
            default:
                break;
        }
        switch (c) {
            case '\'': case '.': case ':': case 0x00B7: case 0x0387: case 0x055F: case 0x05F4: case 0x2018:
            case 0x2019: case 0x2024: case 0x2027: case 0xFE13: case 0xFE52: case 0xFE55: case 0xFF07: case 0xFF0E:
            case 0xFF1A:
                return true;
            default:
                return false;
        }
    }

    /** Replaces each run of {@code White_Space} characters by one space and drops leading and trailing ones. */
    static String collapseWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isWhiteSpace(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * The Unicode {@code White_Space} property (what {@code \s} matches in the {@code regex} module CLIP uses). All its
     * characters are in the BMP.
     */
    static boolean isWhiteSpace(char c) {
        return (c >= 0x09 && c <= 0x0D) || c == ' ' || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }
}
