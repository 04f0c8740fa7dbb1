package io.phyllome.host.rest.session;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The web console's logins: a valid API token opens a session kept in a cookie ({@link SessionCookie}). */
public interface Sessions {

    /** A new session when {@code token} is a valid token (its cookie set on {@code response}); false otherwise. */
    boolean login(String token, HttpServletRequest request, HttpServletResponse response);

    /** Ends the request's session, if any, and clears its cookie. */
    void logout(HttpServletRequest request, HttpServletResponse response);

    /** The name of the token whose live session {@code request} carries; empty without one (none, expired, or its token revoked). */
    Optional<String> tokenName(HttpServletRequest request);

    /** How long an unused session lives. */
    Duration idle();
}
