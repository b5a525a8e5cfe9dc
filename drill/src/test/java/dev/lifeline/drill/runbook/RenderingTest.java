package dev.lifeline.drill.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Markdown and HTML escaping of the runbook's text and code spans. */
class RenderingTest {

    @Test
    void markdownEscapesWhatWouldFormatButKeepsComparisonsReadable() {
        assertThat(Markdown.inline("a <b> *c* _d_ <= 1 s & e")).isEqualTo("a &lt;b> \\*c\\* \\_d\\_ <= 1 s &amp; e");
        assertThat(Markdown.inline("run " + Doc.code("x|`y`") + " now")).isEqualTo("run `` x|`y` `` now");
    }

    @Test
    void markdownTablesEscapePipes() {
        Doc doc = new Doc("T", List.of(), List.of(new Doc.Section("s", "S", List.of(
                new Doc.Table(List.of("a", "b"), List.of(List.of("x|y", Doc.code("9|8"))))))));

        assertThat(Markdown.render(doc)).contains("| a | b |\n|---|---|\n| x\\|y | `9\\|8` |\n");
    }

    @Test
    void htmlEscapesTextAndCode() {
        assertThat(HtmlPage.inline("<script>alert(1)</script> " + Doc.code("<b>"))).isEqualTo(
                "&lt;script&gt;alert(1)&lt;/script&gt; <code>&lt;b&gt;</code>");
    }
}
