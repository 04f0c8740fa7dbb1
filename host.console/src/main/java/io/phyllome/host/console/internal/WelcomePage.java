package io.phyllome.host.console.internal;

import java.io.IOException;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** The host's address alone ({@code /}) opens the console's first page; any other unknown path is 404. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
public class WelcomePage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.isEmpty() || "/".equals(path)) {
            response.sendRedirect(request.getContextPath() + "/index.html");
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such page: " + path);
        }
    }
}
