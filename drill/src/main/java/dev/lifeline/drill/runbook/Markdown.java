package dev.lifeline.drill.runbook;

/**
 * Renders a {@link Doc} as CommonMark/GitHub Markdown that also reads well as plain text in
 * a terminal. Characters that Markdown would take as formatting or raw HTML are escaped only
 * where they could start such (so "<= 1 s" stays readable).
 */
final class Markdown {

    private Markdown() {
    }

    static String render(Doc doc) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(inline(doc.title())).append("\n\n");
        for (Doc.Block block : doc.intro()) {
            block(b, block);
        }
        for (Doc.Section s : doc.sections()) {
            b.append("## ").append(inline(s.title())).append("\n\n");
            for (Doc.Block block : s.blocks()) {
                block(b, block);
            }
        }
        return b.toString().stripTrailing() + "\n";
    }

    private static void block(StringBuilder b, Doc.Block block) {
        switch (block) {
            case Doc.Para p -> b.append(inline(p.text())).append("\n\n");
            case Doc.Bullets l -> {
                for (String item : l.items()) {
                    b.append("- ").append(inline(item)).append('\n');
                }
                b.append('\n');
            }
            case Doc.Table t -> {
                b.append(row(t.header())).append('|');
                t.header().forEach(h -> b.append("---|"));
                b.append('\n');
                t.rows().forEach(r -> b.append(row(r)));
                b.append('\n');
            }
        }
    }

    private static String row(java.util.List<String> cells) {
        StringBuilder b = new StringBuilder("|");
        for (String c : cells) {
            b.append(' ').append(inline(c).replace("|", "\\|")).append(" |");
        }
        return b.append('\n').toString();
    }

    /** Text with its code spans; plain parts escaped, code parts fenced with enough backticks. */
    static String inline(String text) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf(Doc.CODE_OPEN, i);
            if (open < 0) {
                b.append(plain(text.substring(i)));
                break;
            }
            b.append(plain(text.substring(i, open)));
            int close = text.indexOf(Doc.CODE_CLOSE, open + 1);
            String code = text.substring(open + 1, close < 0 ? text.length() : close);
            String fence = code.contains("`") ? "``" : "`";
            String pad = code.startsWith("`") || code.endsWith("`") ? " " : "";
            b.append(fence).append(pad).append(code).append(pad).append(fence);
            i = close < 0 ? text.length() : close + 1;
        }
        return b.toString();
    }

    private static String plain(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            switch (c) {
                case '\\', '*', '_', '`', '[', ']' -> b.append('\\').append(c);
                case '&' -> b.append("&amp;");
                // Only a '<' that could open a tag, comment or autolink is escaped.
                case '<' -> b.append(Character.isLetter(next) || next == '/' || next == '!' || next == '?' ? "&lt;" : "<");
                case '\n', '\r' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
