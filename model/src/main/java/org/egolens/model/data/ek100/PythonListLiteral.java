package org.egolens.model.data.ek100;

import java.util.ArrayList;
import java.util.List;

/**
 * Parser and writer for the Python list literals that EPIC-KITCHENS-100 CSVs store in list columns, e.g.
 * {@code ['tap', 'tap:water']} or {@code [107, 42, 98, 42]}.
 *
 * <p>Strings may be quoted with {@code '} or {@code "}; inside them the Python escapes {@code \\ \' \" \n \r \t} are
 * understood. Whitespace around items and one trailing comma are allowed, as in Python. The writer produces the form that
 * Python's {@code repr(list)} prints (and pandas writes): {@code ', '} between items, single quotes unless the text holds a
 * single quote and no double quote.
 */
public final class PythonListLiteral {
    private PythonListLiteral() {}

    /**
     * Parses a list of strings.
     *
     * @throws IllegalArgumentException if {@code text} is not a list literal of quoted strings (message gives the offset)
     */
    public static List<String> parseStrings(String text) {
        Cursor c = new Cursor(text);
        List<String> out = new ArrayList<>();
        c.open();
        while (!c.atClose()) {
            out.add(c.quoted());
            c.separator();
        }
        c.close();
        return List.copyOf(out);
    }

    /**
     * Parses a list of integers (optionally signed).
     *
     * @throws IllegalArgumentException if {@code text} is not a list literal of integers (message gives the offset)
     */
    public static List<Integer> parseInts(String text) {
        Cursor c = new Cursor(text);
        List<Integer> out = new ArrayList<>();
        c.open();
        while (!c.atClose()) {
            out.add(c.integer());
            c.separator();
        }
        c.close();
        return List.copyOf(out);
    }

    /** Formats strings as Python's {@code repr(list)} does, e.g. {@code ['bin', 'bin:other']}. */
    public static String formatStrings(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            appendRepr(sb, items.get(i));
        }
        return sb.append(']').toString();
    }

    /** Formats integers as Python's {@code repr(list)} does, e.g. {@code [36, 36]}. */
    public static String formatInts(List<Integer> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(items.get(i).intValue());
        }
        return sb.append(']').toString();
    }

    private static void appendRepr(StringBuilder sb, String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(q);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch == q) {
                        sb.append('\\');
                    }
                    sb.append(ch);
                }
            }
        }
        sb.append(q);
    }

    /** A position in the literal being parsed. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            if (s == null) {
                throw new IllegalArgumentException("missing list literal");
            }
            this.s = s;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + pos + " of list literal \"" + s + "\"");
        }

        void open() {
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != '[') {
                throw error("expected '['");
            }
            pos++;
            skipSpace();
        }

        boolean atClose() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unterminated list, expected ']'");
            }
            return s.charAt(pos) == ']';
        }

        void close() {
            pos++; // the ']' seen by atClose
            skipSpace();
            if (pos != s.length()) {
                throw error("unexpected text after ']'");
            }
        }

        /** After an item: either ',' (then maybe ']') or ']' must follow. */
        void separator() {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                return;
            }
            if (pos < s.length() && s.charAt(pos) == ']') {
                return;
            }
            throw error("expected ',' or ']'");
        }

        String quoted() {
            char q = pos < s.length() ? s.charAt(pos) : 0;
            if (q != '\'' && q != '"') {
                throw error("expected a quoted string");
            }
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char ch = s.charAt(pos++);
                if (ch == q) {
                    return sb.toString();
                }
                if (ch == '\\') {
                    if (pos >= s.length()) {
                        throw error("dangling backslash");
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case '\\', '\'', '"' -> sb.append(e);
                        default -> sb.append('\\').append(e); // Python keeps unknown escapes verbatim
                    }
                } else {
                    sb.append(ch);
                }
            }
        }

        int integer() {
            int start = pos;
            if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
                pos++;
            }
            int digits = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos == digits) {
                pos = start;
                throw error("expected an integer");
            }
            try {
                return Integer.parseInt(s.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("integer out of range");
            }
        }
    }
}
