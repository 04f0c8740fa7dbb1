package io.phyllome.host.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's pages as a browser gets them: {@link ConsolePages} in a Jetty of its own, composing the bundle's real resources. */
class ConsolePagesTest {

    private static final Set<String> PAGES = Set.of("console", "create", "disks", "host", "index", "login", "media", "profiles", "serial", "vm");
    /** The pages behind the login, in the shared frame: the bar layout.js fills, a heading, the live status. */
    private static final Set<String> FRAMED = Set.of("create", "disks", "host", "index", "media", "profiles", "vm");
    private static final Pattern SCRIPT_TAG = Pattern.compile("<script([^>]*)>");
    private static final Pattern ID_USED = Pattern.compile("(?:getElementById\\('|querySelector(?:All)?\\('#)([\\w-]+)");
    private static final Pattern ID_MADE = Pattern.compile("\\bid: '([\\w-]+)'");
    private static final Pattern IMPORT = Pattern.compile("from '\\./([\\w-]+)\\.js'");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Server server;
    private static String base;

    @BeforeAll
    static void serve() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1"); // a free port of this machine only
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new ConsolePages()), "/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void everyPageIsTheLayoutWithItsTitleItsOwnScriptAndTheHeadersOfThisHostOnly() throws Exception {
        assertEquals(new TreeSet<>(PAGES), parts(), "the page parts under console/pages");
        assertTrue(ConsolePages.POLICY.startsWith("default-src 'self';"), "the pages load only from this host");
        for (String name : PAGES) {
            HttpResponse<String> page = get("/" + name + ".html");
            String html = page.body();
            assertEquals(200, page.statusCode(), name);
            assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
            assertEquals(ConsolePages.POLICY, page.headers().firstValue("Content-Security-Policy").orElse(""), name);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""), name);
            assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">"), name + " starts as every page: " + html);
            assertEquals(1, count(html, "<!DOCTYPE"), name);
            assertEquals(1, count(html, "<head>"), name);
            assertEquals(1, count(html, "<body"), name);
            assertEquals(1, count(html, "<main"), name + " has one main landmark");
            assertEquals(1, count(html, "<h1"), name + " has one heading of the first level");
            assertEquals("login".equals(name) ? 0 : 1, count(html, "role=\"status\" aria-live=\"polite\""), name + "'s live status (the login page: its alert)");
            assertFalse(html.contains("${"), name + " has a placeholder left: " + html);
            String title = between(html, "<title>", "</title>");
            assertTrue(title.endsWith(" - Phyllome Host") && title.length() > " - Phyllome Host".length(), name + "'s title: " + title);
            assertEquals(between(part(name), "<title>", "</title>") + " - Phyllome Host", title, name + ": the title of its part");
            List<String> modules = SCRIPT_TAG.matcher(html).results().map(m -> m.group(1)).filter(a -> a.contains("type=\"module\"")).toList();
            assertEquals(List.of(" type=\"module\" src=\"" + name + ".js\""), modules, name + " loads its own module");
            SCRIPT_TAG.matcher(html).results().forEach(s -> assertTrue(s.group(1).contains(" src=\""), name + " has an inline script: " + s.group()));
            assertEquals(200, get("/" + name + ".js").statusCode(), name + ".js is served");
            assertEquals(FRAMED.contains(name), html.contains("<header class=\"bar\" id=\"bar\"></header>"), name + " in the frame");
            assertTrue(html.indexOf("<h1") < html.indexOf("id=\"status\"") || !FRAMED.contains(name), name + ": the heading, then the status");
        }
    }

    @Test
    void theLoginPageHasTheBrandButNoBarOfPagesToFill() throws Exception {
        String login = get("/login.html").body();
        assertTrue(login.contains("<header class=\"bar\"><span class=\"brand\">Phyllome Host</span></header>"), login);
        assertFalse(login.contains("id=\"bar\""), login);
        assertFalse(login.contains("<nav"), login);
        assertTrue(login.contains("<form id=\"login\""), login);
    }

    @Test
    void theSerialConsoleHasXtermBeforeItsModule() throws Exception {
        String serial = get("/serial.html").body();
        int xterm = serial.indexOf("<script src=\"vendor/xterm/lib/xterm.js\"></script>");
        assertTrue(xterm > 0 && xterm < serial.indexOf("serial.js") && xterm < serial.indexOf("</head>"), serial);
        assertTrue(serial.indexOf("vendor/xterm/css/xterm.css") < serial.indexOf("</head>"), serial);
    }

    /** Every element a page's scripts look up by id (theirs and what they import: layout.js's #bar, dom.js's #status) is in the page or made by them. */
    @Test
    void theScriptsFindTheirElements() throws Exception {
        for (String name : PAGES) {
            String html = get("/" + name + ".html").body();
            Set<String> scripts = new HashSet<>();
            collectScripts(name, scripts);
            Set<String> made = new HashSet<>();
            Set<String> used = new TreeSet<>();
            for (String script : scripts) {
                String js = get("/" + script + ".js").body();
                ID_MADE.matcher(js).results().forEach(m -> made.add(m.group(1)));
                ID_USED.matcher(js).results().forEach(m -> used.add(m.group(1)));
            }
            assertFalse(used.isEmpty(), name + "'s scripts look up no element: " + scripts);
            for (String id : used) {
                assertTrue(html.contains("id=\"" + id + "\"") || made.contains(id), name + ".html has no #" + id + " for " + scripts);
            }
        }
    }

    @Test
    void unknownPagesAndThePartsOfPagesAreNotFound() throws Exception {
        for (String path : List.of("/nothing.html", "/layout.html", "/frame.html", "/pages/index.html", "/pages/login.html", "/console/layout.html",
                "/index.htm", "/Index.html", "/nothing.js")) {
            assertEquals(404, get(path).statusCode(), path);
        }
        assertNotEquals(200, get("/%2e%2e/console/layout.html").statusCode());
        assertNotEquals(part("index"), get("/index.html").body());
        HttpResponse<String> root = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, root.statusCode());
        assertTrue(root.headers().firstValue("Location").orElse("").endsWith("/index.html"), root.headers().map().toString());
    }

    private static void collectScripts(String script, Set<String> into) throws IOException, InterruptedException {
        if (into.add(script)) {
            Matcher imports = IMPORT.matcher(get("/" + script + ".js").body());
            while (imports.find()) {
                collectScripts(imports.group(1), into);
            }
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A page's part as the resources hold it (served under no URL). */
    private static String part(String name) throws IOException, URISyntaxException {
        return Files.readString(resources().resolve("pages/" + name + ".html"));
    }

    private static Set<String> parts() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(resources().resolve("pages"))) {
            return files.map(f -> f.getFileName().toString().replaceFirst("\\.html$", "")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Path resources() throws URISyntaxException {
        return Path.of(ConsolePages.class.getResource("/console/layout.html").toURI()).getParent();
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
