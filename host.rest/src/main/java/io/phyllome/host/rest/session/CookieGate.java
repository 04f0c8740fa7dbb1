package io.phyllome.host.rest.session;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

import io.phyllome.host.rest.http.Problem;
import io.phyllome.host.rest.http.Router;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The API's second way in, for the web console: its session cookie instead of the bearer token.
 * A request that changes something must also carry {@value #HEADER} and, if it names an
 * {@code Origin}, this host's: a page of another site can make the browser send the cookie, but
 * not a custom header (that needs CORS, which this API never allows).
 */
public final class CookieGate {

    /** The header the console's scripts send with every request that changes state. */
    public static final String HEADER = "X-Phyllome-Console";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /**
     * What the gate decided, and for a session the name of the token it logged in with (its
     * requests count against that token's rate), so that the session is looked up once.
     */
    public record Verdict(Outcome outcome, Optional<String> tokenName) {

        /** Let in, refused (the response says why), or not the gate's business (no session). */
        public enum Outcome {
            ADMITTED, REFUSED, NO_SESSION
        }

        static final Verdict LOGIN = new Verdict(Outcome.ADMITTED, Optional.empty());
        static final Verdict REFUSED = new Verdict(Outcome.REFUSED, Optional.empty());
        static final Verdict NO_SESSION = new Verdict(Outcome.NO_SESSION, Optional.empty());
    }

    private CookieGate() {
    }

    public static Verdict admit(Sessions sessions, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (SessionServlet.PATH.equals(request.getPathInfo()) || SessionServlet.PATH.equals(request.getServletPath())) {
            return Verdict.LOGIN; // logging in needs no session; the servlet checks the token itself
        }
        Optional<String> token = request.getHeader("Authorization") != null ? Optional.empty() : sessions.tokenName(request);
        if (token.isEmpty()) {
            return Verdict.NO_SESSION;
        }
        if (SAFE.contains(request.getMethod()) || (request.getHeader(HEADER) != null && sameOrigin(request))) {
            return new Verdict(Verdict.Outcome.ADMITTED, token);
        }
        Router.problem(response, Problem.of(403, request.getMethod() + " with the console's session needs the header " + HEADER
                + " from a page of this host (a guard against other sites' pages); scripts use Authorization: Bearer TOKEN"));
        return Verdict.REFUSED;
    }

    /** True without an Origin header (not a browser's cross-site request), or when it names the host the request went to. */
    static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader("Host");
            return host != null && host.equalsIgnoreCase(uri.getRawAuthority()) && uri.getScheme().equalsIgnoreCase(request.getScheme());
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
