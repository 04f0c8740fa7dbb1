package io.phyllome.host.rest.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonMappingException;

import io.phyllome.host.vm.InvalidSpecException;
import io.phyllome.host.vm.NoSuchVmException;
import io.phyllome.host.vm.VmException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Dispatches a request to the {@link Route} its method and path match, writes the result as JSON
 * and every failure as a problem document: the platform's own exceptions keep their messages (the
 * shell's), a bug is logged and answered with a message that reveals nothing.
 */
public final class Router {

    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, Route.Handler handler) {
        routes.add(new Route(method, template, handler));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(path);
            if (params.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.getMethod())) {
                run(route, new Call(request, response, params.get()), response);
                return;
            }
        }
        problem(response, pathKnown ? Problem.of(405, request.getMethod() + " is not allowed on " + path + ": see /api/v1/openapi.json")
                : Problem.of(404, "no resource " + path + ": see /api/v1/openapi.json"));
    }

    private static void run(Route route, Call call, HttpServletResponse response) throws IOException {
        Object result;
        try {
            result = route.handler().handle(call);
        } catch (ApiException e) {
            problem(response, e.problem());
            return;
        } catch (NoSuchVmException e) {
            problem(response, Problem.of(404, e.getMessage()));
            return;
        } catch (InvalidSpecException e) {
            problem(response, Problem.of(400, e));
            return;
        } catch (VmException e) {
            // the request was understood, but the platform's state refuses it (e.g. the VM already runs)
            problem(response, Problem.of(409, e.getMessage()));
            return;
        } catch (IllegalArgumentException | JsonMappingException e) {
            problem(response, Problem.of(400, e.getMessage()));
            return;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "REST " + route.method() + " " + route.template() + " failed", e);
            problem(response, Problem.of(500, "the platform failed on this request; its log says why"));
            return;
        }
        if (response.isCommitted()) {
            return; // the handler streamed its own answer
        }
        int status = 200;
        Object body = result;
        if (result instanceof Reply reply) {
            status = reply.status();
            body = reply.body();
        }
        response.setStatus(status);
        if (body != null) {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Json.MAPPER.writeValue(response.getOutputStream(), body);
        }
    }

    public static void problem(HttpServletResponse response, Problem problem) throws IOException {
        problem(response, problem, java.util.Map.of());
    }

    /** The same with {@code headers} (e.g. Retry-After): set after the reset, which clears any set before. */
    public static void problem(HttpServletResponse response, Problem problem, java.util.Map<String, String> headers) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        headers.forEach(response::setHeader);
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        Json.MAPPER.writeValue(response.getOutputStream(), problem);
    }
}
