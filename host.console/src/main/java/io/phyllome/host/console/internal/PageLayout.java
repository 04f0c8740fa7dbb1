package io.phyllome.host.console.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console page composed of what every page shares and what is its own. {@code console/layout.html}
 * is the document and its head (language, charset, viewport, the title, the style sheet and the page's
 * module script {@code NAME.js}); {@code console/frame.html} is the body of the pages behind the login
 * (the bar {@code layout.js} fills, the main landmark, the heading and the live {@code #status} under it);
 * {@code console/pages/NAME.html} is the page's own part:
 * <pre>
 * &lt;title&gt;Disks&lt;/title&gt;          its title (" - Phyllome Host" follows)
 * &lt;head&gt;...&lt;/head&gt;              optional: more of the head (the serial console's xterm.js and its style sheet)
 * then either
 * &lt;body ...&gt;...&lt;/body&gt;          a body of its own (the login page, a VM's screen or serial console)
 * or
 * &lt;h1&gt;Disks&lt;/h1&gt; CONTENT        the heading and the content of a page inside the frame
 * </pre>
 * Written by hand, not with a template engine: four placeholders in two fixed files need no library
 * in the bundle or the runtime.
 */
final class PageLayout {

    private static final Pattern TITLE = Pattern.compile("\\s*<title>([^<]+)</title>\\s*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z]+)}");

    private final Function<String, String> resources;

    /** @param resources a file's text by its path under {@code console/}, or null when there is none */
    PageLayout(Function<String, String> resources) {
        this.resources = resources;
    }

    /** The page {@code NAME.html}, or empty when it has no part under {@code console/pages/}. */
    Optional<String> page(String name) {
        String partPath = "pages/" + name + ".html";
        String part = resources.apply(partPath);
        if (part == null) {
            return Optional.empty();
        }
        Matcher title = TITLE.matcher(part);
        if (!title.lookingAt()) {
            throw new IllegalStateException("console/" + partPath + " starts with no <title>: give the page its title first");
        }
        String rest = part.substring(title.end());
        String head = "";
        if (rest.startsWith("<head>")) {
            int end = rest.indexOf("</head>");
            head = rest.substring("<head>".length(), end).stripTrailing().stripIndent().strip();
            rest = rest.substring(end + "</head>".length()).strip();
        }
        String body;
        if (rest.startsWith("<body")) {
            body = rest.strip();
        } else if (rest.startsWith("<h1")) {
            int end = rest.indexOf("</h1>") + "</h1>".length();
            body = fill("frame.html", Map.of("heading", rest.substring(0, end), "content", rest.substring(end).strip())).strip();
        } else {
            throw new IllegalStateException("console/" + partPath + ": after its <title> (and <head>) comes a <body> of its own or,"
                    + " for a page in the shared frame, its <h1>");
        }
        return Optional.of(fill("layout.html", Map.of("title", title.group(1), "head", head, "script", name, "body", body)));
    }

    /**
     * The template with its placeholders filled: a value of several lines keeps the placeholder's indentation,
     * an empty one takes its line with it; values are not read again for placeholders.
     */
    private String fill(String template, Map<String, String> values) {
        String text = resources.apply(template);
        if (text == null) {
            throw new IllegalStateException("the console's console/" + template + " is missing from the bundle");
        }
        StringBuilder out = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        int from = 0;
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalStateException("console/" + template + " has ${" + placeholder.group(1) + "}, which has no value");
            }
            String before = text.substring(from, placeholder.start());
            String indent = before.substring(before.lastIndexOf('\n') + 1);
            boolean ownLine = indent.isBlank() && (placeholder.end() == text.length() || text.charAt(placeholder.end()) == '\n');
            if (ownLine && value.isEmpty()) {
                out.append(before, 0, before.length() - indent.length());
                from = Math.min(placeholder.end() + 1, text.length());
                continue;
            }
            out.append(before).append(indent.isBlank() ? value.replace("\n", "\n" + indent) : value);
            from = placeholder.end();
        }
        return out.append(text, from, text.length()).toString();
    }
}
