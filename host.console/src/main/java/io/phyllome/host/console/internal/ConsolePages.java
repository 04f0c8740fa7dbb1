package io.phyllome.host.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
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

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        if ("/".equals(path)) {
            response.sendRedirect(request.getContextPath() + "/index.html");
            return;
        }
        Matcher page = PAGE.matcher(path);
        URL entry = page.matches() ? ConsolePages.class.getResource("/console" + path) : null;
        if (entry == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such page: " + path);
            return;
        }
        response.setContentType(TYPES.get(page.group(2)));
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-cache");
        try (InputStream in = entry.openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }
}
