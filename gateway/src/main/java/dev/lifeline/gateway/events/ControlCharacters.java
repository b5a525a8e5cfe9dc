package dev.lifeline.gateway.events;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps text that came from the network (a user name, a User-Agent, a reason quoting a header)
 * from acting on the terminal or the page that shows it. Events store what was received, byte
 * for byte; escaping happens on the way out: {@link #visible} for text printed to a terminal,
 * {@link #guard} for JSON that people read with curl or pipe to a terminal.
 *
 * <p>Escaped: C0 controls (ESC starts ANSI sequences that clear the screen, move the cursor or
 * set the window title), DEL, C1 controls (U+009B is an 8-bit CSI on some terminals), and the
 * invisible format characters that reorder or hide text (bidi overrides, zero-width, line and
 * paragraph separators).
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Whether {@code c} is escaped by {@link #visible} and {@link #guard}. */
    public static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x200B && c <= 0x200F)   // zero-width spaces and joiners, LRM, RLM
                || (c >= 0x2028 && c <= 0x202E)   // line/paragraph separators, bidi embeddings and overrides
                || (c >= 0x2060 && c <= 0x2069)   // word joiner, invisible operators, bidi isolates
                || c == 0xFEFF;
    }

    /**
     * {@code text} with every unsafe character written as an escape a person can read:
     * {@code \t}, {@code \n}, {@code \r}, {@code \x1b} (C0 and DEL), {@code \u009b} (others). A
     * backslash is doubled, so an escape in the output always stands for a character escaped here.
     */
    public static String visible(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' && !isUnsafe(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c <= 0x7F ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@code mapper}, set to write every unsafe character as a JSON {@code \}{@code uXXXX} escape. */
    public static ObjectMapper guard(ObjectMapper mapper) {
        mapper.getFactory().setCharacterEscapes(new Escapes());
        return mapper;
    }

    private static final class Escapes extends CharacterEscapes {

        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        Escapes() {
            ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch <= 0xFFFF && isUnsafe((char) ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
