package io.phyllome.host.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The console's pages ({@code /login.html}, {@code /index.html} the VMs, {@code /console.html} a screen..., their scripts and
 * styles; static, so served to anyone: their data comes from the REST API, with the session of the login),
 * from this bundle's {@code /console} folder, and {@code /} to the VMs. A servlet, not a
 * whiteboard resource: Felix HTTP answers an exact-pattern resource with an empty body when the
 * request has a query or asks for gzip. More specific patterns (the REST API's {@code /api/v1/*},
 * {@code /vendor/*}, {@code /console/vnc/*}) stay theirs. Every page may load only from this host.
 * A page {@code NAME.html} is composed by {@link PageLayout} from the layout every page shares and its
 * part under {@code console/pages/}; the layout and the parts themselves are served under no URL.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/*")
public class ConsolePages extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern PAGE = Pattern.compile("/([a-z][a-z0-9-]*)\\.(html|js|css)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8", "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8");
    /** Nothing from elsewhere: no CDN, font or script of another host; noVNC draws cursors from data: URLs. */
    static final String POLICY = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static final PageLayout LAYOUT = new PageLayout(ConsolePages::text);
    /** The files served, by name: only those that exist, so a request for any other name adds nothing. */
    private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        if ("/".equals(path)) {
            response.sendRedirect(request.getContextPath() + "/index.html");
            return;
        }
        Matcher page = PAGE.matcher(path);
        Optional<byte[]> body = page.matches() ? file(page.group(1), page.group(2)) : Optional.empty();
        if (body.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such page: " + path);
            return;
        }
        response.setContentType(TYPES.get(page.group(2)));
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-cache");
        response.getOutputStream().write(body.get());
    }

    /** A page composed of the layout and its part; a script or style sheet as it is. Each is read once, as the bundle's files never change. */
    private static Optional<byte[]> file(String name, String extension) {
        return Optional.ofNullable(FILES.computeIfAbsent(name + "." + extension, file -> "html".equals(extension)
                ? LAYOUT.page(name).map(page -> page.getBytes(StandardCharsets.UTF_8)).orElse(null)
                : bytes(file)));
    }

    private static String text(String path) {
        byte[] bytes = bytes(path);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** A file of this bundle's {@code /console} folder, or null. */
    private static byte[] bytes(String path) {
        URL entry = ConsolePages.class.getResource("/console/" + path);
        if (entry == null) {
            return null;
        }
        try (InputStream in = entry.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the console cannot read its /console/" + path + " of its own bundle", e);
        }
    }
}
