package io.logagent.console.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crude but able to fail: the page must never turn data into markup. Every script under public/ is scanned for
 * the DOM APIs that parse HTML, for inline event handlers and for eval-like calls; the page itself must carry no
 * inline script (the Content-Security-Policy forbids it anyway).
 */
class FrontendSafetyTest {

    static final Path PUBLIC = Path.of("src/main/resources/public");
    static final Pattern HTML_SINKS = Pattern.compile(
            "\\.(innerHTML|outerHTML)\\s*[+]?=|insertAdjacentHTML|document\\.write|createContextualFragment"
                    + "|\\beval\\s*\\(|new\\s+Function\\s*\\(|setTimeout\\s*\\(\\s*['\"`]|DOMParser");

    static List<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.walk(PUBLIC)) {
            return files.filter(p -> p.toString().endsWith(".js")).toList();
        }
    }

    @Test
    void scriptsUseNoHtmlParsingSinks() throws IOException {
        assertThat(scripts()).hasSizeGreaterThanOrEqualTo(5);
        for (Path script : scripts()) {
            String code = Files.readString(script);
            Matcher m = HTML_SINKS.matcher(code);
            assertThat(m.find()).as(script + " uses " + (m.hitEnd() ? "" : safeGroup(m))).isFalse();
        }
    }

    @Test
    void textReachesTheDomOnlyThroughTextContent() throws IOException {
        String dom = Files.readString(PUBLIC.resolve("js/dom.js"));
        assertThat(dom).contains("node.textContent = String(value)");
        // Attributes set from data could still run code if they were event handlers or javascript: URLs.
        for (Path script : scripts()) {
            assertThat(Files.readString(script)).as(script.toString()).doesNotContainPattern("javascript:")
                    .doesNotContainPattern("setAttribute\\(\\s*['\"]on");
        }
    }

    @Test
    void thePageHasNoInlineScriptOrHandlers() throws IOException {
        String html = Files.readString(PUBLIC.resolve("index.html"));
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void theScannerCatchesAnAssignment() {
        assertThat(HTML_SINKS.matcher("row.innerHTML = hit.message").find()).isTrue();
        assertThat(HTML_SINKS.matcher("cell.insertAdjacentHTML('beforeend', x)").find()).isTrue();
        assertThat(HTML_SINKS.matcher("cell.textContent = hit.message").find()).isFalse();
    }

    private static String safeGroup(Matcher m) {
        try {
            return m.group();
        } catch (IllegalStateException e) {
            return "";
        }
    }
}
