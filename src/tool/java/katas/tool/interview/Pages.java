package katas.tool.interview;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The project's pages (interviews, benchmarks): Markdown, the same the Markdown report holds, rendered to HTML (tables as tables)
 * in a page with a small stylesheet. Raw HTML in the Markdown is shown as text, never run.
 */
public final class Pages {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    /** What Markdown would read as markup in a line of the learner's text, a test's name or its message. */
    private static final Pattern MARKUP = Pattern.compile("[\\\\`*_\\[\\]<>|&~!#]");

    private static final String STYLE = """
            body{font-family:system-ui,"DejaVu Sans",sans-serif;color:#222;max-width:1120px;margin:2em auto;padding:0 1em;line-height:1.45}
            h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;margin:1em 0}
            th,td{border:1px solid #c8ccd0;padding:.35em .7em;text-align:left;vertical-align:top}
            th{background:#eef2f6}tbody tr:nth-child(even){background:#f8f9fa}
            code{background:#f0f0f0;padding:0 .25em;border-radius:3px;font-size:.92em}
            figure{margin:1em 0}figure svg{max-width:100%;height:auto}
            """;

    private Pages() {}

    /** Markdown as HTML: tables as tables, and any HTML in it escaped. */
    public static String html(String markdown) {
        return HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .escapeHtml(true)
                .build()
                .render(Parser.builder().extensions(EXTENSIONS).build().parse(markdown));
    }

    /** A standalone page: no script, nothing fetched, so it opens offline. */
    public static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>%s</title>
                <style>
                %s</style>
                </head>
                <body>
                %s</body>
                </html>
                """.formatted(escape(title), STYLE, body);
    }

    /** A chart under its heading. */
    public static String figure(String heading, String svg) {
        return "<h2>%s</h2>\n<figure>\n%s\n</figure>\n".formatted(escape(heading), svg);
    }

    /** Plain text (the learner's, a test's) as Markdown that shows it as typed, on one line: no markup, no cell end. */
    public static String text(String plain) {
        return MARKUP.matcher(oneLine(plain)).replaceAll(found -> Matcher.quoteReplacement("\\" + found.group()));
    }

    /** Markdown (a question, a reference answer) in a table cell: on one line, its pipes no cell ends. */
    public static String cell(String markdown) {
        return oneLine(markdown).replace("|", "\\|");
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
