package io.phyllome.host.rest.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.phyllome.host.access.ApiTokens;
import io.phyllome.host.access.ApiTokens.TokenInfo;
import io.phyllome.host.console.SessionBinding;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The sessions of the web console, in memory ({@link SessionStore}): a session lasts while it is
 * used and its token is not revoked. For the console's tickets ({@link SessionBinding}) a session
 * is named by a digest of its id, so that the id itself is kept nowhere else.
 */
@Component(service = { Sessions.class, SessionBinding.class }, configurationPid = ConsoleSessions.PID)
@Designate(ocd = ConsoleSessions.Config.class)
public class ConsoleSessions implements Sessions, SessionBinding {

    static final String PID = "io.phyllome.host.rest.sessions";

    @ObjectClassDefinition(name = "Web console sessions")
    public @interface Config {
        @AttributeDefinition(description = "Minutes an unused session of the web console lives")
        int idleMinutes() default 30;

        @AttributeDefinition(description = "The most sessions kept; past it, the least recently used ends")
        int maxSessions() default 1000;
    }

    private final ApiTokens tokens;
    private final SessionStore store;

    @Activate
    public ConsoleSessions(@Reference ApiTokens tokens, Config config) {
        this(tokens, new SessionStore(Clock.systemUTC(), Duration.ofMinutes(config.idleMinutes()), config.maxSessions()));
    }

    ConsoleSessions(ApiTokens tokens, SessionStore store) {
        this.tokens = tokens;
        this.store = store;
    }

    @Override
    public boolean login(String token, HttpServletRequest request, HttpServletResponse response) {
        Optional<String> owner = token == null || token.isBlank() ? Optional.empty() : tokens.verify(token.trim()).flatMap(this::owner);
        if (owner.isEmpty()) {
            return false;
        }
        store.close(SessionCookie.of(request)); // a new id at each login: a planted cookie gains nothing
        SessionCookie.set(request, response, store.open(owner.get()).id());
        return true;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        store.close(SessionCookie.of(request));
        SessionCookie.clear(request, response);
    }

    @Override
    public Optional<String> tokenName(HttpServletRequest request) {
        Optional<SessionStore.Session> session = store.use(SessionCookie.of(request));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        String owner = session.get().owner();
        String name = owner.substring(0, owner.indexOf(' '));
        if (owner(name).filter(owner::equals).isEmpty()) { // revoked (or revoked and made again): its sessions end
            store.closeAllOf(owner);
            return Optional.empty();
        }
        return Optional.of(name);
    }

    @Override
    public Duration idle() {
        return store.idle();
    }

    /** For a ticket: a digest of the live session's id, or "" without one. */
    @Override
    public String of(HttpServletRequest request) {
        String id = SessionCookie.of(request);
        if (id == null || tokenName(request).isEmpty()) {
            return "";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A token by name and creation, so that a token revoked and made again under its name opens no older session. */
    private Optional<String> owner(String name) {
        return tokens.list().stream().filter(t -> t.name().equals(name)).findFirst().map(ConsoleSessions::owner);
    }

    private static String owner(TokenInfo t) {
        return t.name() + " " + t.created();
    }
}
