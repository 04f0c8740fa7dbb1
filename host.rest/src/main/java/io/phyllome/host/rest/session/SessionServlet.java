package io.phyllome.host.rest.session;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.phyllome.host.rest.ApiContext;
import io.phyllome.host.rest.http.FailureLimit;
import io.phyllome.host.rest.http.Json;
import io.phyllome.host.rest.http.Problem;
import io.phyllome.host.rest.http.Router;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/v1/session}, the web console's login: {@code POST {"token": "..."}} opens a session
 * (its cookie, 204) when the token is valid, else 401 (429 for an address that keeps failing);
 * {@code GET} says whose session the request carries (401 without one); {@code DELETE} logs out.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern(SessionServlet.PATH)
public class SessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final String PATH = "/session";

    @JsonIgnoreProperties(ignoreUnknown = false)
    record Login(String token) {
    }

    private final transient Sessions sessions;
    private final transient FailureLimit failures = new FailureLimit(10, TimeUnit.MINUTES.toNanos(1), System::nanoTime);

    @Activate
    public SessionServlet(@Reference Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var name = sessions.tokenName(request);
        if (name.isEmpty()) {
            Router.problem(response, Problem.of(401, "not logged in: POST /api/v1/session with {\"token\": TOKEN} (host:token create NAME)"));
            return;
        }
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("token", name.get());
        who.put("idleMinutes", sessions.idle().toMinutes());
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        Json.MAPPER.writeValue(response.getOutputStream(), who);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String address = request.getRemoteAddr();
        if (failures.blocked(address)) {
            // with the problem: writing it resets the response, and a header set before would be gone
            Router.problem(response, Problem.of(429, "too many failed logins from " + address + ": wait a minute"), Map.of("Retry-After", "60"));
            return;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // a JSON body also keeps other sites' forms out: they cannot send it without CORS
            Router.problem(response, Problem.of(415, "send {\"token\": TOKEN} as JSON, with the header Content-Type: application/json"));
            return;
        }
        Login login;
        try {
            login = Json.MAPPER.readValue(request.getInputStream().readNBytes(4096), Login.class);
        } catch (IOException e) {
            Router.problem(response, Problem.of(400, "the body is not {\"token\": TOKEN}"));
            return;
        }
        if (login == null || !sessions.login(login.token(), request, response)) {
            failures.failed(address);
            Router.problem(response, Problem.of(401, "the token is not valid (unknown or revoked): host:token list shows the tokens,"
                    + " host:token create NAME makes one"));
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(204);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        sessions.logout(request, response);
        response.setStatus(204);
    }
}
