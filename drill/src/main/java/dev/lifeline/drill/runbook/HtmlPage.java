package dev.lifeline.drill.runbook;

import static dev.lifeline.drill.report.HtmlText.escape;

/** Renders a {@link Doc} as one self-contained HTML page (inline CSS, no scripts), every text escaped. */
final class HtmlPage {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:900px;\
            padding:0 1rem;color:#212121;line-height:1.5}
            h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
            table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.93rem}
            th,td{border:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top}th{background:#f5f5f5}
            code{background:#f3f3f3;padding:0 .2rem;border-radius:.2rem;font-size:.9em}
            nav ol{padding-left:1.2rem}
            @media print{nav{display:none}}
            """;

    private HtmlPage() {
    }

    static String render(Doc doc) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(text(doc.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<h1>")
                .append(inline(doc.title())).append("</h1>\n");
        doc.intro().forEach(block -> block(b, block));
        b.append("<nav><ol>\n");
        for (Doc.Section s : doc.sections()) {
            b.append("<li><a href=\"#").append(escape(s.id())).append("\">").append(inline(s.title())).append("</a></li>\n");
        }
        b.append("</ol></nav>\n");
        for (Doc.Section s : doc.sections()) {
            b.append("<section id=\"").append(escape(s.id())).append("\">\n<h2>").append(inline(s.title())).append("</h2>\n");
            s.blocks().forEach(block -> block(b, block));
            b.append("</section>\n");
        }
        return b.append("</body>\n</html>\n").toString();
    }

    private static void block(StringBuilder b, Doc.Block block) {
        switch (block) {
            case Doc.Para p -> b.append("<p>").append(inline(p.text())).append("</p>\n");
            case Doc.Bullets l -> {
                b.append("<ul>\n");
                l.items().forEach(i -> b.append("<li>").append(inline(i)).append("</li>\n"));
                b.append("</ul>\n");
            }
            case Doc.Table t -> {
                b.append("<table>\n<thead><tr>");
                t.header().forEach(h -> b.append("<th>").append(inline(h)).append("</th>"));
                b.append("</tr></thead>\n<tbody>\n");
                for (java.util.List<String> r : t.rows()) {
                    b.append("<tr>");
                    r.forEach(c -> b.append("<td>").append(inline(c)).append("</td>"));
                    b.append("</tr>\n");
                }
                b.append("</tbody>\n</table>\n");
            }
        }
    }

    /** Escaped text with its code spans as {@code <code>}. */
    static String inline(String text) {
        StringBuilder b = new StringBuilder();
        boolean inCode = false;
        StringBuilder part = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : Doc.CODE_OPEN;
            if (c == Doc.CODE_OPEN || c == Doc.CODE_CLOSE) {
                if (!part.isEmpty()) {
                    b.append(inCode ? "<code>" : "").append(escape(part.toString())).append(inCode ? "</code>" : "");
                    part.setLength(0);
                }
                inCode = c == Doc.CODE_OPEN;
            } else {
                part.append(c);
            }
        }
        return b.toString();
    }

    /** Text without code markers, for the page title. */
    private static String text(String s) {
        return escape(s.replace(String.valueOf(Doc.CODE_OPEN), "").replace(String.valueOf(Doc.CODE_CLOSE), ""));
    }
}
