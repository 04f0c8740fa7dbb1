package io.phyllome.host.rest;

import java.io.IOException;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import io.phyllome.host.rest.http.FailureLimit;
import io.phyllome.host.rest.http.Problem;
import io.phyllome.host.rest.http.Router;
import io.phyllome.host.rest.session.CookieGate;
import io.phyllome.host.rest.session.Sessions;
import io.phyllome.host.access.ApiTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet context of {@code /api/v1}: every request in it needs {@code Authorization: Bearer
 * TOKEN} with a token of {@code host:token create}; any other gets 401 before a servlet runs, and
 * an address that keeps failing gets 429 for a while ({@link FailureLimit}), and so does a token
 * past its request rate ({@link RequestRates}). The web console's session cookie does instead of
 * the token ({@link CookieGate}), at the rate of the token it logged in with.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE)
@HttpWhiteboardContext(name = ApiContext.NAME, path = ApiContext.PATH)
public class ApiContext extends ServletContextHelper {

    public static final String NAME = "io.phyllome.host.rest";
    public static final String PATH = "/api/v1";
    /** Selects this context, for the servlets of the API. */
    public static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

    private static final String BEARER = "Bearer ";

    /** Failed authentications one address may make a minute. */
    static final int FAILURES_PER_MINUTE = 30;

    private final ApiTokens tokens;
    private final Sessions sessions;
    private final RequestRates rates;
    private final FailureLimit failures = new FailureLimit(FAILURES_PER_MINUTE, java.util.concurrent.TimeUnit.MINUTES.toNanos(1), System::nanoTime);

    @Activate
    public ApiContext(BundleContext context, @Reference ApiTokens tokens, @Reference Sessions sessions, @Reference RequestRates rates) {
        super(context.getBundle());
        this.tokens = tokens;
        this.sessions = sessions;
        this.rates = rates;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CookieGate.Verdict cookie = CookieGate.admit(sessions, request, response);
        switch (cookie.outcome()) {
        case REFUSED:
            return false;
        case ADMITTED:
            return cookie.tokenName().isEmpty() || rates.admit(cookie.tokenName().get(), response); // logging in has no token yet
        default:
            break; // no session: the bearer token's turn
        }
        String header = request.getHeader("Authorization");
        boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        String name = bearer ? tokens.verify(header.substring(BEARER.length()).trim()).orElse(null) : null;
        if (name != null) {
            return rates.admit(name, response);
        }
        String address = request.getRemoteAddr();
        if (failures.blocked(address)) {
            Router.problem(response, Problem.of(429, "too many requests without a valid token from " + address + ": wait a minute"),
                    java.util.Map.of("Retry-After", "60")); // the reset in problem() would drop a header set before
            return false;
        }
        failures.failed(address);
        Router.problem(response, Problem.of(401, bearer ? "the token is not valid (unknown or revoked): host:token list shows the tokens"
                : "send a token: Authorization: Bearer TOKEN, made with host:token create NAME"), java.util.Map.of("WWW-Authenticate", "Bearer realm=\"phyllome\""));
        return false;
    }
}
