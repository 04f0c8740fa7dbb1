package io.phyllome.host.console;

import jakarta.servlet.http.HttpServletRequest;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Names the session a request belongs to, e.g. a digest of its session cookie, so that a
 * ticket issued to one session opens nothing for another. The bundle that owns the sessions
 * (the REST API's login) registers it; without one, every request's binding is the empty string.
 */
@ConsumerType
public interface SessionBinding {

    /** The binding of the session {@code request} carries, or an empty string when it carries none. */
    String of(HttpServletRequest request);
}
