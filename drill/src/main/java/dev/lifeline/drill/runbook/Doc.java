package dev.lifeline.drill.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The runbook as a format-neutral document: a title, an introduction and sections of
 * paragraphs, bullet lists and tables, rendered to Markdown and HTML by {@link Markdown}
 * and {@link HtmlPage}. Text is plain; {@link #code} marks a configuration value or command to
 * be shown as code. Renderers escape everything else.
 */
record Doc(String title, List<Block> intro, List<Section> sections) {

    /** Opens an inline code span; a value from the configuration never contains it. */
    static final char CODE_OPEN = '\u0001';
    /** Closes an inline code span. */
    static final char CODE_CLOSE = '\u0002';

    Doc {
        Objects.requireNonNull(title, "title");
        intro = List.copyOf(intro);
        sections = List.copyOf(sections);
    }

    /** {@code text} shown as code (a value, a key, a command); control characters are dropped. */
    static String code(Object text) {
        return CODE_OPEN + String.valueOf(text).replaceAll("\\p{Cntrl}", "") + CODE_CLOSE;
    }

    /** One question the runbook answers. */
    record Section(String id, String title, List<Block> blocks) {
        Section {
            blocks = List.copyOf(blocks);
        }
    }

    /** A piece of a section. */
    sealed interface Block permits Para, Bullets, Table {
    }

    /** A paragraph. */
    record Para(String text) implements Block {
    }

    /** A bullet list. */
    record Bullets(List<String> items) implements Block {
        Bullets {
            items = List.copyOf(items);
        }
    }

    /** A table; every row has the header's width. */
    record Table(List<String> header, List<List<String>> rows) implements Block {
        Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> r : rows) {
                if (r.size() != header.size()) {
                    throw new IllegalArgumentException("table row " + r + " has " + r.size() + " cells; the header has " + header.size());
                }
            }
        }
    }

    /** Collects the blocks of a section as it is written. */
    static final class SectionBuilder {
        private final String id;
        private final String title;
        private final List<Block> blocks = new ArrayList<>();

        SectionBuilder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        SectionBuilder para(String text) {
            blocks.add(new Para(text));
            return this;
        }

        SectionBuilder bullets(List<String> items) {
            if (!items.isEmpty()) {
                blocks.add(new Bullets(items));
            }
            return this;
        }

        SectionBuilder table(List<String> header, List<List<String>> rows) {
            if (!rows.isEmpty()) {
                blocks.add(new Table(header, rows));
            }
            return this;
        }

        Section build() {
            return new Section(id, title, blocks);
        }
    }
}
